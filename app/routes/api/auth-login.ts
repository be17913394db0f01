import type { Route } from "./+types/auth-login";
import { LoginBody } from "#app/api/request-bodies.ts";
import type { TokenJson } from "#app/api/responses.ts";
import { login } from "#app/models/login.server.ts";
import { apiError, methodNotAllowed, readJson } from "#app/utils/api.server.ts";
import { createApiToken } from "#app/utils/session.server.ts";
import { clientIpContext } from "#app/utils/request-context.server.ts";

export async function action({ request, context }: Route.ActionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["POST"]);
  const body = await readJson(request, LoginBody);
  const attempt = await login(body.email, body.password, context.get(clientIpContext));
  if (attempt.outcome === "limited") {
    return apiError(429, "rate_limited", attempt.message, undefined, { "Retry-After": String(attempt.retryAfterSeconds) });
  }
  if (attempt.outcome === "busy") {
    return apiError(503, "busy", attempt.message, undefined, { "Retry-After": String(attempt.retryAfterSeconds) });
  }
  if (attempt.outcome === "invalid") return apiError(401, "invalid_credentials", attempt.message);
  const { token, expiresIn } = await createApiToken(attempt.user.id);
  return Response.json({ access_token: token, token_type: "bearer", expires_in: expiresIn } satisfies TokenJson, {
    headers: { "Cache-Control": "no-store" },
  });
}

export function loader() {
  return methodNotAllowed(["POST"]);
}
