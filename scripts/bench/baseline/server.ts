/**
 * The bench's baseline server: React Router's Express setup as its templates
 * write it (compression, static assets, the request handler) around the
 * baseline build, with one Prisma client on the bench's database.
 * WEB_CONCURRENCY=n runs n processes sharing the port (node:cluster), as the product can.
 *   PORT=… DATABASE_URL=… [WEB_CONCURRENCY=…] node scripts/bench/baseline/server.ts
 */
import cluster from "node:cluster";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PrismaPg } from "@prisma/adapter-pg";
import { createRequestHandler } from "@react-router/express";
import compression from "compression";
import express from "express";
import type { ServerBuild } from "react-router";
import { PrismaClient } from "../../../app/generated/prisma/client.ts";

const port = Number(process.env.PORT ?? 3100);
const processes = Number(process.env.WEB_CONCURRENCY ?? 1);

if (cluster.isPrimary && processes > 1) {
  let ready = 0;
  cluster.on("message", (_worker, message) => {
    if (message === "ready" && ++ready === processes) console.log(`baseline ready on ${port} (${processes} processes)`);
  });
  for (let i = 0; i < processes; i++) cluster.fork();
  process.on("SIGTERM", () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
    process.exit(0);
  });
} else {
  await serve();
}

async function serve() {
  const buildDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../build-bench-baseline");
  const build = (await import(path.join(buildDir, "server/index.js"))) as ServerBuild;
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL, max: 10 }) });

  const app = express();
  app.disable("x-powered-by");
  app.use(compression());
  app.use("/assets", express.static(path.join(buildDir, "client/assets"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(buildDir, "client"), { maxAge: "1h" }));
  app.use(createRequestHandler({ build, getLoadContext: () => ({ db }) as never }));

  const server = app.listen(port, "127.0.0.1", () =>
    cluster.isWorker ? process.send!("ready") : console.log(`baseline ready on ${port}`),
  );
  process.on("SIGTERM", () => {
    server.close(() => void db.$disconnect().then(() => process.exit(0)));
    server.closeAllConnections();
  });
}
