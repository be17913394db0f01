import { data } from "react-router";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";

// Any URL no route matches: a real 404 page inside the app shell.
export function loader() {
  throw data(null, { status: 404 });
}

export function action() {
  throw data(null, { status: 404 });
}

export default function NotFound() {
  return null;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

export const meta = () => [{ title: "Page not found — ai-interviewer" }];
