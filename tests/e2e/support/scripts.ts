import type { Page } from "@playwright/test";

/**
 * Every script the page fetches from now on whose code contains `marker`: a
 * string a library's minified code keeps (zod's "ZodError", conform's
 * "__intent__"), so a test names the code it means, not a chunk file name.
 * A script whose body could not be read is listed too, as "unreadable: URL",
 * so that "none of them" is never said of scripts nobody looked at.
 */
export function scriptsContaining(page: Page, marker: string) {
  const scripts: string[] = [];
  page.on("response", async (response) => {
    if (response.request().resourceType() !== "script") return;
    const body = await response.text().catch(() => null);
    if (body === null) scripts.push(`unreadable: ${response.url()}`);
    else if (body.includes(marker)) scripts.push(response.url());
  });
  return scripts;
}
