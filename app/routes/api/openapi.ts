// PLACEHOLDER (issue #7): replaced by the OpenAPI 3.1 description of /api/v1.
export function loader() {
  return Response.json({ error: { code: "not_implemented", message: "Not built yet." } }, { status: 501 });
}
