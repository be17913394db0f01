import { randomUUID } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";
import { createRequestHandler } from "@react-router/express";
import compression from "compression";
import express from "express";
import { warmUpPasswordHashing } from "#app/utils/password.server.ts";
import { disconnectDb } from "#app/utils/db.server.ts";
import { env } from "#app/utils/env.server.ts";
import { logger } from "#app/utils/logger.server.ts";
import { closeEvents } from "#app/utils/events.server.ts";
import { stopJobSender } from "#app/utils/queue.server.ts";
import { checkReadiness } from "#app/utils/readiness.server.ts";
import { clientIpContext, cspNonceContext, requestIdContext } from "#app/utils/request-context.server.ts";
import * as serverBuild from "virtual:react-router/server-build";
import { RouterContextProvider, type ServerBuild } from "react-router";
import { withApiErrorShape } from "./api-errors.ts";
import { limitRequestBodies, withCheckedBody } from "./body-limits.ts";
import { BAD_REQUEST, SERVER_ERROR, sendErrorAnswer } from "./error-responses.ts";
import { cors, noStoreByDefault, rejectCrossSiteWrites, securityHeaders } from "./security.ts";

/**
 * The web process: HTTP concerns (logging, security headers, CSRF, health)
 * around React Router. Built by Vite as the server bundle's entry, so the app,
 * its models and this middleware share one module graph.
 */

const productionBuild = withApiErrorShape(serverBuild as unknown as ServerBuild);

export function createApp(options: { staticDir?: string } = {}) {
  const config = env(); // fail at start-up, naming every bad setting
  warmUpPasswordHashing();
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", config.TRUST_PROXY); // env.server.ts: never every X-Forwarded-For entry

  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    const requestId = randomUUID();
    res.locals.requestId = requestId;
    res.setHeader("X-Request-Id", requestId);
    res.on("finish", () => {
      if (req.path === "/healthz") return;
      // The path only: query strings can carry tokens (reset links).
      logger.info(
        {
          kind: "request",
          requestId,
          method: req.method,
          path: req.path,
          status: res.statusCode,
          durationMs: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
        },
        "request",
      );
    });
    next();
  });

  // A response sent before its request body was read (a 401, a redirect, a 413) must close the
  // connection: the unread rest would otherwise stall the next request on that keep-alive socket.
  app.use((req, res, next) => {
    const writeHead = res.writeHead;
    res.writeHead = function (this: typeof res, ...args: Parameters<typeof writeHead>) {
      if (!req.complete && !res.headersSent) res.setHeader("Connection", "close");
      return writeHead.apply(this, args);
    } as typeof writeHead;
    next();
  });
  app.use(securityHeaders);
  app.use(
    compression({
      // Brotli at quality 5, not compression's 4: our scripts come out ~6 % smaller than with gzip for the
      // same CPU (at 4 they are larger than gzip). docs/performance.md §7.
      brotli: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } },
      // Server-Sent Events must reach the browser as they are written, not when a compression buffer fills.
      filter: (req, res) => !String(req.headers.accept ?? "").includes("text/event-stream") && compression.filter(req, res),
    }),
  );

  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/readyz", async (_req, res) => {
    const readiness = await checkReadiness();
    res.status(readiness.ready ? 200 : 503).json(readiness.ready ? { status: "ready" } : { status: "not ready", reason: readiness.reason });
  });

  if (options.staticDir) {
    // Content-hashed file names: cached for good, compressed by compression() above (and, in front, a proxy may).
    app.use("/assets", express.static(path.join(options.staticDir, "assets"), { immutable: true, maxAge: "1y" }));
    // Other public files (favicon.svg…) all have an extension; page and API paths never do, so they
    // skip the file-system lookup a static handler would otherwise make on every request.
    const publicFiles = express.static(options.staticDir, { maxAge: "1h" });
    app.use((req, res, next) => (path.extname(req.path) ? publicFiles(req, res, next) : next()));
  }

  app.use(noStoreByDefault);
  app.use("/api", cors);
  app.use(rejectCrossSiteWrites);
  app.use(limitRequestBodies);

  const reactRouter = createRequestHandler({
    // In production the build never changes: handing React Router the object (not a function) lets it
    // derive its route tables once instead of on every request. Vite's dev server reloads it per request.
    build:
      config.NODE_ENV === "development"
        ? async () => withApiErrorShape(await import("virtual:react-router/server-build"))
        : productionBuild,
    getLoadContext: (req, res) => {
      const context = new RouterContextProvider();
      context.set(requestIdContext, res.locals.requestId as string);
      context.set(cspNonceContext, res.locals.cspNonce as string);
      context.set(clientIpContext, req.ip ?? "unknown");
      return context;
    },
  });
  app.use((req, res, next) => reactRouter(withCheckedBody(req), res, next));

  // Whatever escaped React Router (or a middleware) ends here: logged with the request id, answered
  // with that id and nothing of the error itself. Express's own handler would print the stack outside production.
  app.use((error: unknown, req: express.Request, res: express.Response, next: express.NextFunction) => {
    const status = typeof error === "object" && error !== null ? (error as { status?: unknown }).status : undefined;
    if (res.headersSent) return next(error);
    if (typeof status === "number" && status >= 400 && status < 500) {
      // A client error raised by a middleware (an undecodable path in express.static, say).
      return sendErrorAnswer(res, req.path, { ...BAD_REQUEST, status });
    }
    logger.error({ err: error, requestId: res.locals.requestId, path: req.path }, "unhandled error");
    sendErrorAnswer(res, req.path, SERVER_ERROR);
  });
  return app;
}

/** Where the production build's browser assets are, relative to this bundle (build/server/index.js). */
export const clientBuildDir = fileURLToPath(new URL("../client", import.meta.url));

/** Release the database pool and the job sender (graceful shutdown). */
export async function closeApp() {
  await closeEvents();
  await stopJobSender();
  await disconnectDb();
}
