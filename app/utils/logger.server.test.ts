import { describe, expect, it } from "vitest";
import { scrub, scrubText } from "./logger.server.ts";

describe("log redaction", () => {
  it("censors values under secret-looking keys at any depth", () => {
    const out = scrub({
      password: "hunter2hunter2",
      user: { apiKey: "sk-live-123", api_key: "x", newPassword: "p", nested: { authorization: "Bearer abc", cookie: "s=1" } },
      headers: { "set-cookie": "a=b" },
      sessionToken: "t",
      ok: "visible",
    }) as Record<string, unknown>;
    expect(JSON.stringify(out)).not.toMatch(/hunter2|sk-live|Bearer abc|s=1|a=b/);
    expect(out.ok).toBe("visible");
  });

  it("scrubs key-shaped and bearer-shaped text inside messages and errors", () => {
    expect(scrubText("Incorrect API key provided: sk-proj-abcdef123456")).toBe("Incorrect API key provided: [REDACTED]");
    expect(scrubText("Incorrect API key provided: sk-abc***wxyz")).not.toContain("wxyz");
    expect(scrubText("Authorization: Bearer eyJhbGciOi.payload.sig")).not.toContain("eyJ");
    expect(scrubText("GET /reset-password?token=abc123&x=1")).toBe("GET /reset-password?token=[REDACTED]&x=1");
    const error = scrub(new Error("boom with sk-secret-value-1234")) as { message: string };
    expect(error.message).toBe("boom with [REDACTED]");
  });
});
