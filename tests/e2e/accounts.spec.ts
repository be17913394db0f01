/**
 * Issue 3 — accounts, login sessions and the user's own AI key, through the
 * real UI (with JavaScript on and, for tests tagged @no-js, off), the real web
 * process and the fake OpenAI. Every password, key, cookie and token these
 * tests create is registered for the secrets scan after the run.
 */
import {
  expect,
  expectNoAxeViolations,
  logInThroughUi,
  logOutThroughUi,
  newAccount,
  newApiKey,
  newPassword,
  recordApiResponse,
  recordSecret,
  registerThroughUi,
  tabTo,
  test,
  type Account,
} from "./fixtures.ts";
import type { Page } from "@playwright/test";

const WRONG_CREDENTIALS = "That email and password don't match an account.";

async function saveApiKey(page: Page, key: string) {
  recordSecret("api-key", key);
  const field = page.getByLabel(/^(Your API key|Replace with a new key)$/);
  await field.fill(key);
  await page.getByRole("button", { name: /^(Save key|Replace key)$/ }).click();
  await expect(page.getByRole("status")).toHaveText(`Key saved. It ends in …${key.slice(-4)}.`);
}

async function fillLogin(page: Page, account: Account) {
  recordSecret("password", account.password);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password", { exact: true }).fill(account.password);
  await page.getByRole("button", { name: "Log in", exact: true }).click();
}

test.describe("the account journey", () => {
  test("register, add a key, test it, log out and log in again @no-js", async ({ page, fakeOpenAI }) => {
    const account = await registerThroughUi(page, newAccount("journey"));

    // A new account lands on the getting-started dashboard with the three steps.
    await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
    await expect(page.getByText(`Signed in as ${account.email}.`)).toBeVisible();
    const gettingStarted = page.getByRole("region", { name: "Getting started" });
    const steps = gettingStarted.getByRole("listitem");
    await expect(steps).toHaveCount(3);
    await expect(steps.nth(0)).toContainText("Add your OpenAI key");
    await expect(steps.nth(1)).toContainText("Add your résumé");
    await expect(steps.nth(2)).toContainText("Add a job posting");
    await expect(gettingStarted.getByRole("link", { name: "Add key" })).toHaveAttribute("href", "/settings");

    // Settings: save a key. Only its last four characters are ever shown again.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
    await expect(page).toHaveURL(/\/settings$/);
    await expect(page.getByTestId("api-key-status")).toContainText("No key saved yet");
    const key = newApiKey();
    await saveApiKey(page, key);
    await expect(page.getByTestId("api-key-status")).toContainText(`Key ending in …${key.slice(-4)}`);
    await expect(page.getByLabel("Replace with a new key")).toHaveValue("");
    expect(await page.content(), "the saved key must not be in the page").not.toContain(key);
    await page.reload();
    await expect(page.getByTestId("api-key-status")).toContainText(`Key ending in …${key.slice(-4)}`);
    expect(await page.content(), "the saved key must not be in the page").not.toContain(key);

    // "Test key" makes one real call with the user's key.
    await page.getByRole("button", { name: "Test key" }).click();
    await expect(page.getByRole("status")).toHaveText("Your key works. The model “gpt-4o-mini” will be used for your interviews.");
    const calls = await fakeOpenAI.requests({ apiKey: key });
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(["GET /v1/models"]);

    // The dashboard ticks the first step off.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboard" }).click();
    await expect(page.getByRole("region", { name: "Getting started" }).getByRole("listitem").nth(0)).toContainText("Done");

    await logOutThroughUi(page);
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/login/);
    await logInThroughUi(page, account);
    await expect(page.getByText(`Signed in as ${account.email}.`)).toBeVisible();
  });
});

test.describe("logging in", () => {
  test("a wrong password gets the generic message and no session @no-js", async ({ page, newUser }) => {
    await page.goto("/login");
    await fillLogin(page, { email: newUser.email, password: newPassword() });
    await expect(page.getByRole("alert")).toHaveText(WRONG_CREDENTIALS);
    await expect(page).toHaveURL(/\/login$/);
    expect((await page.context().cookies()).filter((c) => c.name.endsWith("aii_session"))).toEqual([]);
  });

  test("an unknown email gets the same message as a wrong password @no-js", async ({ page }) => {
    await page.goto("/login");
    await fillLogin(page, newAccount("nobody"));
    await expect(page.getByRole("alert")).toHaveText(WRONG_CREDENTIALS);
  });

  test("the right password after a wrong one signs in @no-js", async ({ page, newUser }) => {
    await page.goto("/login");
    await fillLogin(page, { email: newUser.email, password: newPassword() });
    await expect(page.getByRole("alert")).toHaveText(WRONG_CREDENTIALS);
    await logInThroughUi(page, newUser);
  });
});

test.describe("registering", () => {
  test("an email that already has an account is refused next to the field @no-js", async ({ page, newUser }) => {
    await page.goto("/register");
    const password = newPassword();
    recordSecret("password", password);
    await page.getByLabel("Email").fill(newUser.email.toUpperCase());
    await page.getByLabel("Password", { exact: true }).fill(password);
    await page.getByRole("button", { name: "Create account" }).click();
    const email = page.getByLabel("Email");
    await expect(email).toHaveAttribute("aria-invalid", "true");
    await expect(email).toHaveAccessibleDescription(/An account with this email already exists/);
    await expect(page).toHaveURL(/\/register$/);
  });

  test("with JavaScript the form is checked in the browser, with the server's own words, before anything is sent", async ({ page }) => {
    const posts: string[] = [];
    page.on("request", (request) => {
      if (request.method() === "POST") posts.push(request.url());
    });
    await page.goto("/register", { waitUntil: "networkidle" });
    await expect(page.getByLabel("Email"), "the schema's constraints are on the fields").toHaveAttribute("required", "");
    await page.getByLabel("Email").fill("not-an-email");
    await page.getByLabel("Password", { exact: true }).fill("short");
    await page.getByRole("button", { name: "Create account" }).click();

    await expect(page.getByText("Enter a valid email address, like name@example.com")).toBeVisible();
    await expect(page.getByText("Use at least 8 characters")).toBeVisible();
    await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
    expect(posts, "the browser validated: nothing was sent").toEqual([]);
  });
});

test.describe("password reset", () => {
  test("the emailed link sets a new password and signs out every session", async ({ page, newUser, newContext, mail, app }) => {
    // A session on another device, which the reset must end.
    const otherDevice = await (await newContext()).newPage();
    await logInThroughUi(otherDevice, newUser);

    const since = Date.now();
    await page.goto("/forgot-password");
    await page.getByLabel("Email").fill(newUser.email);
    await page.getByRole("button", { name: "Send reset link" }).click();
    await expect(page.getByRole("status")).toContainText("If an account exists for that email, we've sent a reset link to it.");

    const link = await mail.resetLinkFor(newUser.email, { since });
    expect(link.startsWith(`${app.baseURL}/reset-password?token=`), "the link points at this app").toBe(true);

    await page.goto(link);
    await expect(page.getByRole("heading", { level: 1, name: "Choose a new password" })).toBeVisible();
    const updated = { email: newUser.email, password: newPassword() };
    recordSecret("password", updated.password);
    await page.getByLabel("New password").fill(updated.password);
    await page.getByLabel("Type it again").fill(updated.password);
    await page.getByRole("button", { name: "Set new password" }).click();
    await expect(page).toHaveURL(/\/login\?notice=reset$/);
    await expect(page.getByRole("status")).toHaveText(
      "Your password was changed and every session was signed out. Log in with your new password.",
    );

    // The other device's session is gone.
    await otherDevice.goto("/dashboard");
    await expect(otherDevice).toHaveURL(/\/login/);

    // The old password no longer works; the new one does.
    await fillLogin(page, newUser);
    await expect(page.getByRole("alert")).toHaveText(WRONG_CREDENTIALS);
    await logInThroughUi(page, updated);

    // The link works once.
    await page.goto(link);
    await expect(page.getByRole("heading", { level: 1, name: "This link doesn't work any more" })).toBeVisible();
  });

  test("the request page answers the same for an email without an account", async ({ page, mail }) => {
    const nobody = newAccount("no-account").email;
    await page.goto("/forgot-password");
    await page.getByLabel("Email").fill(nobody);
    await page.getByRole("button", { name: "Send reset link" }).click();
    await expect(page.getByRole("status")).toContainText("If an account exists for that email, we've sent a reset link to it.");
    // The app hands an email to SMTP before it answers, so one would already be here.
    expect(mail.sentTo(nobody)).toEqual([]);
  });

  test("“Forgot password?” on the login page opens the request form on the first click", async ({ page }) => {
    await page.goto("/login");
    await page.getByRole("link", { name: "Forgot password?" }).click();
    await expect(page).toHaveURL(/\/forgot-password$/);
  });
});

test.describe("the OpenAI key", () => {
  test("a key the provider rejects: “Test key” says so in plain words", async ({ signedInPage: page, fakeOpenAI }) => {
    await page.goto("/settings");
    const key = newApiKey("bad");
    await saveApiKey(page, key);
    await page.getByRole("button", { name: "Test key" }).click();
    await expect(page.getByRole("alert")).toHaveText("Your OpenAI key was rejected. Update it in Settings.");
    const calls = await fakeOpenAI.requests({ apiKey: key });
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(["GET /v1/models"]);
    expect(await page.content()).not.toContain(key);
  });

  test("a key can be replaced and removed @no-js", async ({ signedInPage: page }) => {
    await page.goto("/settings");
    const first = newApiKey();
    await saveApiKey(page, first);
    const second = newApiKey();
    await saveApiKey(page, second);
    await expect(page.getByTestId("api-key-status")).toContainText(`Key ending in …${second.slice(-4)}`);
    await page.getByRole("button", { name: "Remove key" }).click();
    await expect(page.getByRole("status")).toHaveText("Key removed. Add a key again before your next interview.");
    await expect(page.getByTestId("api-key-status")).toContainText("No key saved yet");
    const html = await page.content();
    expect(html).not.toContain(first);
    expect(html).not.toContain(second);
  });

  test("the JSON API reports the key by its last four characters only", async ({ request, newUser }) => {
    const login = await recordApiResponse(
      await request.post("/api/v1/auth/login", { data: { email: newUser.email, password: newUser.password } }),
      "POST",
    );
    expect(login.status()).toBe(200);
    const { access_token: token, token_type: tokenType } = (await login.json()) as { access_token: string; token_type: string };
    expect(tokenType).toBe("bearer");
    recordSecret("bearer-token", token, { inResponsesFrom: ["/api/v1/auth/login"] });
    const auth = { Authorization: `Bearer ${token}` };

    const key = newApiKey();
    recordSecret("api-key", key);
    const saved = await recordApiResponse(await request.put("/api/v1/users/me/api-key", { headers: auth, data: { api_key: key } }), "PUT");
    expect(saved.status()).toBe(200);
    expect(await saved.json()).toEqual({ configured: true, last4: key.slice(-4) });

    const me = await recordApiResponse(await request.get("/api/v1/users/me", { headers: auth }), "GET");
    expect(me.status()).toBe(200);
    expect(await me.json()).toMatchObject({ email: newUser.email, has_api_key: true, key_last4: key.slice(-4) });
    expect(await me.text()).not.toContain(key);

    const logout = await recordApiResponse(await request.post("/api/v1/auth/logout", { headers: auth }), "POST");
    expect(logout.status()).toBe(204);
    const after = await recordApiResponse(await request.get("/api/v1/users/me", { headers: auth }), "GET");
    expect(after.status()).toBe(401);
  });
});

test.describe("accessibility of the account pages", () => {
  test("dashboard (getting started) and settings (without and with a key) have no axe violations", async ({ signedInPage: page }) => {
    await expect(page.getByRole("region", { name: "Getting started" })).toBeVisible();
    await expectNoAxeViolations(page);

    await page.goto("/settings");
    await expect(page.getByTestId("api-key-status")).toContainText("No key saved yet");
    await expectNoAxeViolations(page);

    await saveApiKey(page, newApiKey());
    await expectNoAxeViolations(page);

    await page.getByRole("button", { name: "Test key" }).click();
    await expect(page.getByRole("status")).toContainText("Your key works");
    await expectNoAxeViolations(page);
  });

  test("form errors on login and registration have no axe violations", async ({ page, newUser }) => {
    await page.goto("/login");
    await fillLogin(page, { email: newUser.email, password: newPassword() });
    await expect(page.getByRole("alert")).toHaveText(WRONG_CREDENTIALS);
    await expectNoAxeViolations(page);

    await page.goto("/register");
    await page.getByLabel("Email").fill(newUser.email);
    const password = newPassword();
    recordSecret("password", password);
    await page.getByLabel("Password", { exact: true }).fill(password);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
    await expectNoAxeViolations(page);
  });

  test("register, log out and log in with the keyboard only", async ({ page }) => {
    const account = newAccount("keyboard");
    recordSecret("password", account.password);

    await page.goto("/");
    await tabTo(page, page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Create account" }));
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/register$/);

    await tabTo(page, page.getByLabel("Email"));
    await page.keyboard.type(account.email);
    await tabTo(page, page.getByLabel("Password", { exact: true }));
    await page.keyboard.type(account.password);
    await tabTo(page, page.getByRole("button", { name: "Create account" }));
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByText(`Signed in as ${account.email}.`)).toBeVisible();

    await tabTo(page, page.getByRole("button", { name: "Log out" }));
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/$/);

    await tabTo(page, page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Log in" }));
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/login$/);
    await tabTo(page, page.getByLabel("Email"));
    await page.keyboard.type(account.email);
    await tabTo(page, page.getByLabel("Password", { exact: true }));
    await page.keyboard.type(account.password);
    await tabTo(page, page.getByRole("button", { name: "Log in", exact: true }));
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/dashboard$/);
  });
});
