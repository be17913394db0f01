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

  // Interview contexts: the résumé and the job postings
  route("resume", "routes/resume.tsx"),
  route("resume/delete", "routes/resume.delete.tsx"),
  route("jobs", "routes/jobs.tsx"),
  route("jobs/new", "routes/jobs.new.tsx"),
  route("jobs/:id", "routes/jobs.$id.tsx"),
  route("jobs/:id/edit", "routes/jobs.$id.edit.tsx"),
  route("jobs/:id/delete", "routes/jobs.$id.delete.tsx"),
  route("jobs/:id/progress", "routes/jobs.$id.progress.tsx"),
  route("jobs/:id/skills", "routes/jobs.$id.skills.tsx"),

  // Interviews
  route("interviews", "routes/interviews.tsx"),
  route("interviews/new", "routes/interviews.new.tsx"),
  route("interviews/:id", "routes/interviews.$id.tsx"),
  route("interviews/:id/feedback", "routes/interviews.$id.feedback.tsx"),
  route("interviews/:id/delete", "routes/interviews.$id.delete.tsx"),
  route("interviews/:id/events", "routes/interviews.$id.events.ts"),

  // JSON API
  ...prefix("api/v1", [
    route("auth/register", "routes/api/auth-register.ts"),
    route("auth/login", "routes/api/auth-login.ts"),
    route("auth/logout", "routes/api/auth-logout.ts"),
    route("users/me", "routes/api/users-me.ts"),
    route("users/me/api-key", "routes/api/users-me-api-key.ts"),
    route("resumes", "routes/api/resumes.ts"),
    route("resumes/me", "routes/api/resumes-me.ts"),
    route("resumes/me/file", "routes/api/resumes-me-file.ts"),
    route("job-postings", "routes/api/job-postings.ts"),
    route("job-postings/:id", "routes/api/job-postings-id.ts"),
    route("job-postings/:id/progress", "routes/api/job-postings-id-progress.ts"),
    route("job-postings/:id/skills", "routes/api/job-postings-id-skills.ts"),
    route("job-postings/:id/skills/extract", "routes/api/job-postings-id-skills-extract.ts"),
    route("job-postings/:id/skills/:requirementId", "routes/api/job-postings-id-skills-rid.ts"),
    route("sessions", "routes/api/sessions.ts"),
    route("sessions/:id", "routes/api/sessions-id.ts"),
    route("sessions/:id/generate-question", "routes/api/sessions-id-generate-question.ts"),
    route("sessions/:id/answers", "routes/api/sessions-id-answers.ts"),
    route("sessions/:id/messages", "routes/api/sessions-id-messages.ts"),
    route("sessions/:id/pause", "routes/api/sessions-id-pause.ts"),
    route("sessions/:id/resume", "routes/api/sessions-id-resume.ts"),
    route("sessions/:id/complete", "routes/api/sessions-id-complete.ts"),
    route("sessions/:id/retake", "routes/api/sessions-id-retake.ts"),
    route("sessions/:id/generate-feedback", "routes/api/sessions-id-generate-feedback.ts"),
    route("sessions/:id/feedback", "routes/api/sessions-id-feedback.ts"),
    route("operations/:id", "routes/api/operations-id.ts"),
    route("answers/:id/model-answer", "routes/api/answers-id-model-answer.ts"),
    route("answers/:id/star-check", "routes/api/answers-id-star-check.ts"),
    route("drills", "routes/api/drills.ts"),
    route("stats", "routes/api/stats.ts"),
    route("openapi.json", "routes/api/openapi.ts"),
    route("*", "routes/api/not-found.ts"),
  ]),

  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
