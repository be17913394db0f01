/**
 * Entry of the web process: `node app/server/main.ts` (production build) or
 * with `--dev` (Vite middleware, live reload). Listens, and on SIGTERM/SIGINT
 * stops accepting connections, lets open requests finish, closes the pool.
 * With WEB_CONCURRENCY > 1 (production only) this process supervises that
 * many web processes sharing the port (web-cluster.ts).
 */
import cluster from "node:cluster";
import type { Server } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import express from "express";
import { announceReady, parseWebConcurrency, superviseWebProcesses } from "./web-cluster.ts";

type AppModule = {
  createApp: (options?: { staticDir?: string }) => express.Express;
  closeApp: () => Promise<void>;
  clientBuildDir: string;
};

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "127.0.0.1";

function fail(message: string): never {
  console.error(JSON.stringify({ level: "fatal", msg: message }));
  process.exit(1);
}

async function loadApp(): Promise<{ app: express.Express; close: () => Promise<void> }> {
  if (dev) {
    const vite = await import("vite");
    const viteServer = await vite.createServer({ root, server: { middlewareMode: true } });
    const mod = (await viteServer.ssrLoadModule(path.join(root, "app/server/app.ts"))) as AppModule;
    const app = express();
    app.use(viteServer.middlewares);
    app.use(mod.createApp());
    return { app, close: async () => (await mod.closeApp(), await viteServer.close()) };
  }
  const buildEntry = path.join(root, process.env.AII_BUILD_DIR ?? "build", "server/index.js");
  const mod = (await import(buildEntry).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ERR_MODULE_NOT_FOUND") fail("No production build found: run `npm run build` first (npm start does this for you).");
    throw error;
  })) as AppModule;
  return { app: mod.createApp({ staticDir: mod.clientBuildDir }), close: mod.closeApp };
}

const processes = parseWebConcurrency(process.env.WEB_CONCURRENCY);
if (typeof processes === "string") fail(processes);
if (!dev && processes > 1 && cluster.isPrimary) superviseWebProcesses(processes, host);
else await serve();

async function serve() {
  let app: Awaited<ReturnType<typeof loadApp>>;
  try {
    app = await loadApp();
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }

  const server: Server = app.app.listen(port, host);
  server.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EADDRINUSE")
      fail(`Port ${port} is already in use — is ai-interviewer already running? Set PORT to use another port.`);
    fail(error.message);
  });
  server.on("listening", () => {
    if (cluster.isWorker) return; // the supervisor says "ready" once every web process listens
    const address = server.address();
    announceReady(host, typeof address === "object" && address ? address.port : port);
  });
  // Keep-alive sockets must not hold shutdown hostage.
  server.keepAliveTimeout = 5_000;

  let stopping = false;
  async function shutdown(signal: string) {
    if (stopping) return;
    stopping = true;
    console.log(JSON.stringify({ level: "info", msg: `web stopping (${signal})` }));
    const force = setTimeout(() => process.exit(0), 10_000).unref();
    server.close(async () => {
      await app.close().catch(() => {});
      clearTimeout(force);
      process.exit(0);
    });
    server.closeIdleConnections();
  }
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
  // Started by `npm start` with an IPC channel: if that parent dies, stop too.
  process.on("disconnect", () => void shutdown("parent exited"));
}
