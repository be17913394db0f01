// PLACEHOLDER (issue #4): replaced by the real route module.
import { data } from "react-router";

export function loader() {
  throw data("Not built yet", { status: 501 });
}

export default function Placeholder() {
  return null;
}
