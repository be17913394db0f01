import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { HydratedRouter } from "react-router/dom";

// React Router's default browser entry, plus how an error React recovered from is reported.
startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <HydratedRouter />
    </StrictMode>,
    {
      // React recovers from some errors by rendering afresh: a panel whose code failed to download while
      // the page hydrated is rendered in the browser, where its PanelBoundary shows the failure and
      // "Try again". React's default reports these as if uncaught; they are logged here, with their cause.
      onRecoverableError(error, info) {
        const cause = error instanceof Error && error.cause instanceof Error ? ` Cause: ${error.cause.message}` : "";
        console.error(`Recovered from an error.${cause}`, error, info.componentStack ?? "");
      },
    },
  );
});
