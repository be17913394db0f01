import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rotateApiKeys } from "../../app/models/key-rotation.server.ts";
import { decryptSecret, encryptSecret, keyId, keyringFromBase64 } from "../../app/utils/encryption.server.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ fakeOpenAI: false });
});
afterAll(() => app.close());

describe("npm run keys:rotate", () => {
  it("re-encrypts every stored key under the new key and leaves them readable without the old one", async () => {
    const oldKey = randomBytes(32).toString("base64");
    const newKey = randomBytes(32).toString("base64");
    const oldRing = keyringFromBase64(oldKey);
    const users = [];
    for (let i = 0; i < 5; i++) {
      const user = await app.db.user.create({ data: { email: `rotate${i}@example.com`, passwordHash: "x" } });
      const sealed = encryptSecret(`sk-rotate-key-${i}-000000`, user.id, oldRing);
      await app.db.user.update({
        where: { id: user.id },
        data: { apiKeyCiphertext: sealed.ciphertext, apiKeyKeyId: sealed.keyId, apiKeyLast4: "0000" },
      });
      users.push(user);
    }
    await app.db.user.create({ data: { email: "nokey@example.com", passwordHash: "x" } });

    const during = keyringFromBase64(newKey, [oldKey]);
    const result = await rotateApiKeys(during, 2);
    expect(result).toEqual({ rotated: 5, unreadable: 0, keyId: keyId(during.current) });

    const onlyNew = keyringFromBase64(newKey);
    for (const [i, user] of users.entries()) {
      const row = await app.db.user.findUniqueOrThrow({ where: { id: user.id } });
      expect(row.apiKeyKeyId).toBe(keyId(onlyNew.current));
      expect(decryptSecret(row.apiKeyCiphertext!, user.id, onlyNew)).toBe(`sk-rotate-key-${i}-000000`);
    }
    expect(await rotateApiKeys(during)).toMatchObject({ rotated: 0 });
  });
});
