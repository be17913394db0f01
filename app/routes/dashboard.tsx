import type { Route } from "./+types/dashboard";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { GettingStarted } from "#app/components/getting-started.tsx";
import { getOnboarding } from "#app/models/onboarding.server.ts";
import { requireUser } from "#app/utils/auth.server.ts";

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request);
  return { email: user.email, onboarding: await getOnboarding(user.id) };
}

export default function Dashboard({ loaderData }: Route.ComponentProps) {
  const { onboarding } = loaderData;
  return (
    <div className="space-y-8">
      <div className="space-y-1">
        <h1>Dashboard</h1>
        <p className="text-slate-700">Signed in as {loaderData.email}.</p>
      </div>
      {onboarding.complete ? null : <GettingStarted steps={onboarding} />}
    </div>
  );
}

export const meta: Route.MetaFunction = () => [{ title: "Dashboard — ai-interviewer" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
