/**
 * One running instance of the real web app for an integration test file: the
 * production build served over real HTTP on 127.0.0.1, its own migrated
 * database, optionally the real worker in-process, and the fake OpenAI.
 */
import { existsSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type express from "express";
import { FakeOpenAI } from "../fakes/openai-server.ts";
import { HttpClient } from "./http-client.ts";
import { createTestDatabase } from "./test-database.ts";
import { baseTestEnv } from "./test-env.ts";

type BuildModule = { createApp: (options?: { staticDir?: string }) => express.Express; closeApp: () => Promise<void> };

const buildDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..", process.env.AII_BUILD_DIR ?? "build");
const buildEntry = path.join(buildDir, "server/index.js");
/** The browser build's files, as the test app serves them under /assets. */
export const clientAssetsDir = path.join(buildDir, "client/assets");

export type TestApp = Awaited<ReturnType<typeof startTestApp>>;

export async function startTestApp(
  options: { env?: Record<string, string>; worker?: boolean; fakeOpenAI?: boolean; emptyDatabase?: boolean } = {},
) {
  if (!existsSync(buildEntry)) throw new Error("No production build: run `npm run build` first (`npm test` does).");
  const database = await createTestDatabase({ empty: options.emptyDatabase });
  const fake = options.fakeOpenAI === false ? null : new FakeOpenAI();
  const fakeUrl = fake ? await fake.start() : "http://127.0.0.1:9/v1";

  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  Object.assign(process.env, baseTestEnv({ DATABASE_URL: database.url, APP_URL: url, OPENAI_BASE_URL: fakeUrl, ...options.env }));

  const build = (await import(buildEntry)) as BuildModule;
  // Requests still being answered, so a test can wait until the server has finished with all of them.
  let open = 0;
  const onSettled = new Set<() => void>();
  server.on("request", (_req, res: http.ServerResponse) => {
    open++;
    res.once("close", () => {
      if (--open > 0) return;
      for (const resolve of onSettled) resolve();
      onSettled.clear();
    });
  });
  server.on("request", build.createApp({ staticDir: path.join(buildDir, "client") }));

  const worker = options.worker ? await (await import("../../worker/worker.ts")).startWorker({ schedule: false, concurrency: 4 }) : null;
  const { db, disconnectDb } = await import("../../app/utils/db.server.ts");

  return {
    url,
    db,
    fake: fake!,
    databaseUrl: database.url,
    client: () => new HttpClient(url),
    /** Resolves once the server has finished every request it received (answered it or seen its client hang up). */
    settled: () => (open === 0 ? Promise.resolve() : new Promise<void>((resolve) => onSettled.add(resolve))),
    async close() {
      await worker?.stop(5_000);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await build.closeApp();
      await disconnectDb();
      await fake?.stop();
      await database.drop();
    },
  };
}
