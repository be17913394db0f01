import type { Route } from "./+types/sessions";
import { StartSessionBody } from "#app/api/request-bodies.ts";
import { startInterview } from "#app/models/interview.server.ts";
import { listHistory } from "#app/models/history.server.ts";
import { apiError, methodNotAllowed, readJson, type FieldErrors } from "#app/utils/api.server.ts";
import { requireApiUserId } from "#app/utils/auth.server.ts";
import { parseHistoryQuery } from "#app/forms/history-filters.ts";
import { sessionJson, type StartedSessionJson } from "#app/api/interview-json.server.ts";
import { apiRefusal } from "#app/utils/refusal.server.ts";

/** Link header (RFC 8288) for the other pages of the same query. */
function linkHeader(url: URL, page: number, pageCount: number) {
  const at = (n: number) => {
    const next = new URL(url);
    next.searchParams.set("page", String(n));
    return `<${next.pathname}${next.search}>`;
  };
  const links = [`${at(1)}; rel="first"`, `${at(pageCount)}; rel="last"`];
  if (page > 1) links.push(`${at(Math.min(page - 1, pageCount))}; rel="prev"`);
  if (page < pageCount) links.push(`${at(page + 1)}; rel="next"`);
  return links.join(", ");
}

/**
 * The user's sessions, newest first, as a JSON array (unchanged shape).
 * Filters: status, job_posting_id, from and to (ISO dates or date-times on
 * created_at; a plain `to` date includes that whole day, UTC). Paging: page
 * (from 1) and page_size (default 20, at most 100); the totals travel in
 * headers — X-Total-Count, X-Page, X-Page-Size, X-Page-Count — and Link.
 */
export async function loader({ request, context }: Route.LoaderArgs) {
  const userId = await requireApiUserId(context);
  const url = new URL(request.url);
  const params = url.searchParams;
  const parsed = parseHistoryQuery(
    {
      status: params.get("status"),
      job: params.get("job_posting_id"),
      from: params.get("from"),
      to: params.get("to"),
      page: params.get("page"),
      pageSize: params.get("page_size"),
    },
    { allowPageSize: true },
  );
  if (parsed.issues.length) {
    const fields: FieldErrors = {};
    for (const issue of parsed.issues) (fields[issue.field === "job" ? "job_posting_id" : issue.field] ??= []).push(issue.message);
    return apiError(422, "validation_error", "Some query parameters are invalid.", fields);
  }
  const history = await listHistory(userId, parsed);
  return Response.json(history.items.map(sessionJson), {
    headers: {
      "X-Total-Count": String(history.total),
      "X-Page": String(history.page),
      "X-Page-Size": String(history.pageSize),
      "X-Page-Count": String(history.pageCount),
      Link: linkHeader(url, history.page, history.pageCount),
      "Cache-Control": "no-store",
    },
  });
}

/** Start an interview; its first question is requested at once (poll operation_id). */
export async function action({ request, context }: Route.ActionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["GET", "POST"]);
  const userId = await requireApiUserId(context);
  const body = await readJson(request, StartSessionBody);
  try {
    const { session, operationId } = await startInterview(userId, {
      jobPostingId: body.job_posting_id,
      targetQuestions: body.target_questions,
      focus: body.focus,
    });
    return Response.json({ ...sessionJson(session), operation_id: operationId } satisfies StartedSessionJson, { status: 201 });
  } catch (error) {
    return apiRefusal(error);
  }
}
