import { type RouteConfig, index, prefix, route } from "@react-router/dev/routes";

/** The whole URL map. UI routes first, then the JSON API under /api/v1. */
export default [
  index("routes/home.tsx"),

  // Accounts
  route("register", "routes/register.tsx"),
  route("login", "routes/login.tsx"),
  route("logout", "routes/logout.tsx"),
  route("forgot-password", "routes/forgot-password.tsx"),
  route("reset-password", "routes/reset-password.tsx"),
  route("settings", "routes/settings.tsx"),
  route("dashboard", "routes/dashboard.tsx"),

  // JSON API
  ...prefix("api/v1", [
    route("auth/register", "routes/api/auth-register.ts"),
    route("auth/login", "routes/api/auth-login.ts"),
    route("auth/logout", "routes/api/auth-logout.ts"),
    route("users/me", "routes/api/users-me.ts"),
    route("users/me/api-key", "routes/api/users-me-api-key.ts"),
    route("*", "routes/api/not-found.ts"),
  ]),

  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
