import { openApiDocument } from "#app/api/openapi.server.ts";
import { methodNotAllowed } from "#app/utils/api.server.ts";

/** The OpenAPI 3.1 description of /api/v1, generated from the zod schemas the routes use (app/api/openapi.server.ts). */
export function loader() {
  return Response.json(openApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } });
}

export function action() {
  return methodNotAllowed(["GET"]);
}
