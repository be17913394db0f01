import type { ActionFunctionArgs, LoaderFunctionArgs, ServerBuild } from "react-router";
import { apiError } from "#app/utils/api.server.ts";
import { logger } from "#app/utils/logger.server.ts";
import { requestIdContext } from "#app/utils/request-context.server.ts";

/**
 * An unexpected error in a JSON route would reach the client as React
 * Router's plain-text "Unexpected Server Error". Wrapping the /api/v1 route
 * modules' loaders and actions makes it the API's error shape instead, with
 * the request id to quote — logged here, since React Router no longer sees it.
 * Responses (and `data()`) thrown on purpose pass through untouched.
 */

type Handler = (args: LoaderFunctionArgs | ActionFunctionArgs) => unknown;

const isApiRoute = (id: string) => id.startsWith("routes/api/");

function isIntended(error: unknown) {
  return (
    error instanceof Response || (typeof error === "object" && error !== null && "type" in error && error.type === "DataWithResponseInit")
  );
}

function guard(handler: Handler): Handler {
  return async (args) => {
    try {
      return await handler(args);
    } catch (error) {
      if (isIntended(error) || args.request.signal.aborted) throw error;
      const requestId = args.context.get(requestIdContext);
      logger.error({ err: error, requestId, path: new URL(args.request.url).pathname }, "unhandled error");
      return apiError(500, "internal_error", `Something went wrong on our side. If it keeps happening, report reference ${requestId}.`);
    }
  };
}

const wrapped = new WeakMap<ServerBuild, ServerBuild>();

export function withApiErrorShape(build: ServerBuild): ServerBuild {
  let result = wrapped.get(build);
  if (!result) {
    const routes: ServerBuild["routes"] = {};
    for (const [id, route] of Object.entries(build.routes)) {
      if (!route || !isApiRoute(id)) {
        routes[id] = route;
        continue;
      }
      const { loader, action } = route.module as { loader?: Handler; action?: Handler };
      routes[id] = {
        ...route,
        module: { ...route.module, ...(loader ? { loader: guard(loader) } : {}), ...(action ? { action: guard(action) } : {}) },
      };
    }
    result = { ...build, routes };
    wrapped.set(build, result);
  }
  return result;
}
