import type { Route } from "./+types/auth-register";
import { RegisterBody } from "#app/api/request-bodies.ts";
import type { RegisteredUserJson } from "#app/api/responses.ts";
import { checkLimits, LIMITS, recordAttempt, retryMessage } from "#app/models/rate-limit.server.ts";
import { EmailTakenError, newAccountProblems, registerUser } from "#app/models/user.server.ts";
import { apiError, methodNotAllowed, readJson } from "#app/utils/api.server.ts";

export async function action({ request, context }: Route.ActionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["POST"]);
  const limit = LIMITS.registerIp(context.clientIp);
  const verdict = await checkLimits([limit]);
  if (verdict.limited) {
    return apiError(429, "rate_limited", retryMessage(verdict.retryAfterSeconds), undefined, {
      "Retry-After": String(verdict.retryAfterSeconds),
    });
  }
  await recordAttempt([limit]);
  const body = await readJson(request, RegisterBody);
  const problems = await newAccountProblems(body);
  if (problems.email) return apiError(409, "email_taken", problems.email);
  if (problems.password) return apiError(422, "validation_error", "Some fields are invalid.", { password: [problems.password] });
  try {
    const user = await registerUser(body);
    return Response.json({ id: user.id, email: user.email, created_at: user.createdAt.toISOString() } satisfies RegisteredUserJson, {
      status: 201,
    });
  } catch (error) {
    if (error instanceof EmailTakenError) return apiError(409, "email_taken", error.message);
    throw error;
  }
}

export function loader() {
  return methodNotAllowed(["POST"]);
}
