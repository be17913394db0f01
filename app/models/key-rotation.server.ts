import { db } from "#app/utils/db.server.ts";
import { currentKeyId, decryptSecret, encryptSecret, type Keyring } from "#app/utils/encryption.server.ts";

/**
 * Re-encrypt every stored API key that was sealed with an older key. Runs
 * while the app serves traffic: web and worker hold the new key plus the old
 * ones (ENCRYPTION_KEYS_PREVIOUS) and can read both, and each row is swapped
 * only if nobody changed it meanwhile.
 */
export async function rotateApiKeys(keyring?: Keyring, batchSize = 200) {
  const target = currentKeyId(keyring);
  let rotated = 0;
  let failed = 0;
  let cursor: string | undefined;
  for (;;) {
    const rows = await db.user.findMany({
      where: { apiKeyCiphertext: { not: null }, NOT: { apiKeyKeyId: target }, ...(cursor ? { id: { gt: cursor } } : {}) },
      select: { id: true, apiKeyCiphertext: true },
      orderBy: { id: "asc" },
      take: batchSize,
    });
    if (!rows.length) break;
    for (const row of rows) {
      cursor = row.id;
      let plaintext: string;
      try {
        plaintext = decryptSecret(row.apiKeyCiphertext!, row.id, keyring);
      } catch {
        failed++; // sealed with a key we no longer hold; the user must save the key again
        continue;
      }
      const sealed = encryptSecret(plaintext, row.id, keyring);
      const { count } = await db.user.updateMany({
        where: { id: row.id, apiKeyCiphertext: row.apiKeyCiphertext },
        data: { apiKeyCiphertext: sealed.ciphertext, apiKeyKeyId: sealed.keyId },
      });
      rotated += count;
    }
  }
  return { rotated, unreadable: failed, keyId: target };
}
