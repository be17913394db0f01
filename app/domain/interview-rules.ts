/** Limits and choices of an interview, shared by forms (browser), the API's schemas and the server. */
export const TARGET_QUESTIONS = { min: 3, max: 15, default: 6 } as const;
export const ANSWER_LIMITS = { min: 1, max: 10_000 } as const;
// weakest_first (issue 19): questions aim at the posting's weak or not-yet-probed requirements (its skill map).
export const INTERVIEW_FOCUSES = ["balanced", "technical", "behavioral", "weakest_first"] as const;
export const SESSION_STATUSES = ["active", "paused", "completed"] as const;
