import bcrypt from "bcryptjs";

/**
 * The code piscina runs on its worker threads for password.server.ts: bcrypt
 * (cost 12, pure JavaScript) costs ~0.25 s of CPU per call, which on the event
 * loop would stall every other request during a login. Loaded by file path,
 * never imported by the app, so it is not part of the server bundle.
 */

export function hash({ password, cost }: { password: string; cost: number }): string {
  return bcrypt.hashSync(password, cost);
}

export function compare({ password, hash }: { password: string; hash: string }): boolean {
  return bcrypt.compareSync(password, hash);
}
