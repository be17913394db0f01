import { describe, expect, it } from "vitest";
import { parseEnv } from "./env.server.ts";

const valid = {
  DATABASE_URL: "postgres://u:p@localhost:5432/db",
  SESSION_SECRET: "x".repeat(32),
  ENCRYPTION_KEY: Buffer.alloc(32, 1).toString("base64"),
};

describe("configuration", () => {
  it("names every problem in one message", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://nope", SESSION_SECRET: "short", ENCRYPTION_KEY: "abc", PORT: "eighty" })).toThrowError(
      /DATABASE_URL must be a postgres:\/\/ URL[\s\S]*PORT[\s\S]*SESSION_SECRET must be at least 32 characters[\s\S]*ENCRYPTION_KEY must be 32 bytes/,
    );
    expect(() => parseEnv({})).toThrowError(/DATABASE_URL is required[\s\S]*SESSION_SECRET is required/);
  });

  it("derives cookie and HSTS settings from the public URL", () => {
    const local = parseEnv({ ...valid, NODE_ENV: "production" });
    expect(local.APP_URL).toBe("http://localhost:3000");
    expect(local.cookieSecure).toBe(false);
    expect(local.cookieHostPrefix).toBe(false);
    const https = parseEnv({ ...valid, NODE_ENV: "production", APP_URL: "https://interviews.example.com/" });
    expect(https).toMatchObject({ APP_URL: "https://interviews.example.com", cookieSecure: true, cookieHostPrefix: true, hsts: true });
    const lan = parseEnv({ ...valid, NODE_ENV: "production", APP_URL: "http://10.0.0.5:3000" });
    expect(lan.cookieSecure).toBe(true);
  });

  it("treats empty values as unset and applies defaults", () => {
    const env = parseEnv({ ...valid, PORT: "", OPENAI_MODEL: "" });
    expect(env.PORT).toBe(3000);
    expect(env.OPENAI_MODEL).toBe("gpt-4o-mini");
    expect(env.ENCRYPTION_KEYS_PREVIOUS).toEqual([]);
  });

  it("trusts a proxy in front for one hop, a number of hops or listed addresses — never every X-Forwarded-For entry", () => {
    expect(parseEnv(valid).TRUST_PROXY).toBe(false);
    expect(parseEnv({ ...valid, TRUST_PROXY: "false" }).TRUST_PROXY).toBe(false);
    expect(parseEnv({ ...valid, TRUST_PROXY: "true" }).TRUST_PROXY).toBe(1);
    expect(parseEnv({ ...valid, TRUST_PROXY: "2" }).TRUST_PROXY).toBe(2);
    expect(parseEnv({ ...valid, TRUST_PROXY: "loopback, 10.0.0.0/8,fd00::/8" }).TRUST_PROXY).toBe("loopback, 10.0.0.0/8, fd00::/8");
    for (const bad of ["yes", "10.0.0.0/33", "example.com", "loopback, *"]) {
      expect(() => parseEnv({ ...valid, TRUST_PROXY: bad }), bad).toThrowError(/TRUST_PROXY must be true, false, a number of proxies/);
    }
  });
});
