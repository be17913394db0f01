import type { Route } from "./+types/auth-register";
import { RegisterBody } from "#app/api/request-bodies.ts";
import type { RegisteredUserJson } from "#app/api/responses.ts";
import { register } from "#app/models/user.server.ts";
import { apiError, methodNotAllowed, readJson } from "#app/utils/api.server.ts";
import { clientIpContext } from "#app/utils/request-context.server.ts";

export async function action({ request, context }: Route.ActionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["POST"]);
  const body = await readJson(request, RegisterBody);
  const outcome = await register(body, context.get(clientIpContext));
  if (outcome.outcome === "limited") {
    return apiError(429, "rate_limited", outcome.message, undefined, { "Retry-After": String(outcome.retryAfterSeconds) });
  }
  if (outcome.outcome === "busy") {
    return apiError(503, "busy", outcome.message, undefined, { "Retry-After": String(outcome.retryAfterSeconds) });
  }
  if (outcome.outcome === "invalid") {
    const { email, password } = outcome.problems;
    if (email) return apiError(409, "email_taken", email);
    return apiError(422, "validation_error", "Some fields are invalid.", { password: [password!] });
  }
  const { user } = outcome;
  return Response.json({ id: user.id, email: user.email, created_at: user.createdAt.toISOString() } satisfies RegisteredUserJson, {
    status: 201,
  });
}

export function loader() {
  return methodNotAllowed(["POST"]);
}
