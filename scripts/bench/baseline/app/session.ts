import { createCookieSessionStorage } from "react-router";

// A signed cookie session holding the user's id, as React Router's docs set one up.
export const sessions = createCookieSessionStorage<{ userId: string }>({
  cookie: {
    name: "baseline_session",
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secrets: [process.env.BASELINE_SESSION_SECRET ?? "baseline-bench-secret"],
  },
});
