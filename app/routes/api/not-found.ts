import { notFoundJson } from "#app/utils/api.server.ts";

// Unknown /api/v1 paths answer in the API's error shape, not with an HTML page.
export function loader() {
  return notFoundJson("Endpoint");
}

export function action() {
  return notFoundJson("Endpoint");
}
