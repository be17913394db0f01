// PLACEHOLDER (issue #5): replaced by the real resource route.
export function loader() {
  return Response.json({ error: { code: "not_implemented", message: "Not built yet." } }, { status: 501 });
}

export const action = loader;
