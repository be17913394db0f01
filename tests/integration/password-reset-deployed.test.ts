/**
 * Without SMTP, a reset link goes to the server log only while the app runs
 * for this machine (APP_URL on localhost; auth-web.test.ts checks that). On a
 * server others reach, whoever reads its logs (an aggregator, support staff)
 * must not be handed a working link: no link is made (the log says why).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { visibleText } from "../support/html.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";
import { uniqueEmail } from "../support/users.ts";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ env: { APP_URL: "https://interviews.example.com" } });
});
afterAll(() => app.close());

describe("password reset on a deployed server without SMTP", () => {
  it("makes no link and writes none to the log, answering as it always does", async () => {
    const email = uniqueEmail("deployed");
    expect((await app.client().json("POST", "/api/v1/auth/register", { email, password: "a long enough passphrase" })).status).toBe(201);
    const user = await app.db.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
    const writes: string[] = [];
    const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
      writes.push(String(chunk));
      return true;
    });
    let res: Response;
    try {
      res = await app.client().post("/forgot-password", { email });
    } finally {
      spy.mockRestore();
    }
    expect(res.status).toBe(200);
    expect(visibleText(await res.text())).toContain("If an account exists for that email, we've sent a reset link");
    expect(writes.join("")).not.toContain("reset-password?token=");
    expect(await app.db.passwordResetToken.count({ where: { userId: user.id } })).toBe(0);
  });
});
