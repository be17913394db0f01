/** A job posting's fields as the pages show them: levels, labels and length limits (zod-free; the schemas are in job-posting-validation.ts). */

export const EXPERIENCE_LEVELS = ["intern", "junior", "mid", "senior", "staff", "principal", "manager"] as const;
export type ExperienceLevel = (typeof EXPERIENCE_LEVELS)[number];

export const EXPERIENCE_LEVEL_LABELS: Record<ExperienceLevel, string> = {
  intern: "Intern",
  junior: "Junior",
  mid: "Mid-level",
  senior: "Senior",
  staff: "Staff",
  principal: "Principal",
  manager: "Manager",
};

export const POSTING_LIMITS = {
  title: 200,
  company: 200,
  descriptionMin: 30,
  descriptionMax: 20_000,
  techItems: 30,
  techItemChars: 40,
  url: 2_000,
} as const;
