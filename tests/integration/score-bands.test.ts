/**
 * Issue 17, "scores are shown with their band name, linked to How scores work": the
 * whole-interview scores (history, dashboard, progress, the interview's Overall, the
 * feedback page's overall and debrief dimensions) carry the rubric's band — the same
 * Missing / Partial / Solid / Strong as an answer's scores — and the band is a link to
 * the page's table of bands, named for a screen reader. Pages are read as a browser
 * without JavaScript gets them; the links are plain <a href>, so they work either way.
 * Scores are seeded one per band, with a mean on a band edge (62.5 → Solid).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { visibleText } from "../support/html.ts";
import type { HttpClient } from "../support/http-client.ts";
import { createPosting, seedSession } from "../support/seed-sessions.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";
import { signedInUser } from "../support/users.ts";

let app: TestApp;
let client: HttpClient;
let postingId: string;
const s: Record<"missing" | "partial" | "solid" | "strong", string> = { missing: "", partial: "", solid: "", strong: "" };

beforeAll(async () => {
  app = await startTestApp();
  const user = await signedInUser(app);
  client = user.client;
  const posting = await createPosting(app, user.userId, { title: "Staff Backend Engineer", company: "Acme Payments" });
  postingId = posting.id;
  const day = (n: number) => new Date(Date.UTC(2026, 0, n, 10));
  s.missing = (await seedSession(app, user.userId, { posting, createdAt: day(1), scores: [30, 30, 30, 34], withExchange: true })).id;
  const retake = { posting, originalSessionId: s.missing, withExchange: true };
  s.partial = (await seedSession(app, user.userId, { ...retake, retakeNumber: 2, createdAt: day(2), scores: [50, 50, 50, 50] })).id;
  s.solid = (await seedSession(app, user.userId, { ...retake, retakeNumber: 3, createdAt: day(3), scores: [62, 63, 62, 63] })).id;
  s.strong = (await seedSession(app, user.userId, { ...retake, retakeNumber: 4, createdAt: day(4), scores: [90, 90, 90, 90] })).id;
});
afterAll(() => app.close());

async function page(path: string) {
  const res = await client.get(path);
  expect(res.status, path).toBe(200);
  return res.text();
}

const withoutScreenReaderText = (html: string) => html.replace(/<span class="sr-only">[\s\S]*?<\/span>/g, "");

/**
 * Every score badge of a page, as its visible text ("Overall 62.5 · Solid"), after checking that its
 * band is a link to the table of bands whose accessible name starts with the band's name.
 */
function badges(html: string): string[] {
  const found = [...html.matchAll(/<span class="badge [^"]*" data-testid="score-badge">([\s\S]*?<\/a>)<\/span>/g)].map((m) => m[1]!);
  return found.map((badge) => {
    const band = /<a ([^>]*)>(Missing|Partial|Solid|Strong)<\/a>$/.exec(badge);
    expect(band, badge).not.toBeNull();
    expect(band![1]).toContain('href="/how-scores-work#bands"');
    expect(band![1]).toContain(`aria-label="${band![2]}: what this band means"`);
    return visibleText(withoutScreenReaderText(badge));
  });
}

describe("whole-interview scores with the rubric's band, linked to How scores work", () => {
  it("on the history list, where the score also links to its feedback", async () => {
    const html = await page("/interviews");
    expect(badges(html)).toEqual(["Overall 90 · Strong", "Overall 62.5 · Solid", "Overall 50 · Partial", "Overall 31 · Missing"]);
    expect(html).toContain(`href="/interviews/${s.solid}/feedback"`);
    // The score's own link and the band's link sit side by side, never one inside the other.
    expect(html).not.toMatch(/<a [^>]*>(?:(?!<\/a>)[\s\S])*<a /);
  });

  it("on the dashboard: the average, the score comparison and the practised roles", async () => {
    const html = await page("/dashboard");
    // (31 + 50 + 62.5 + 90) / 4 = 58.375, shown as 58.4.
    expect(badges(html)).toEqual([
      "58.4 · Partial",
      ...["31 · Missing", "50 · Partial", "62.5 · Solid", "90 · Strong"],
      "Average 58.4 · Partial",
    ]);
  });

  it("on the progress page: the latest overall score and every attempt", async () => {
    const html = await page(`/jobs/${postingId}/progress`);
    expect(badges(html)).toEqual(["90 · Strong", "31 · Missing", "50 · Partial", "62.5 · Solid", "90 · Strong"]);
  });

  it("on the interview page's Overall", async () => {
    expect(badges(await page(`/interviews/${s.solid}`))).toEqual(["Overall 62.5 · Solid"]);
    expect(badges(await page(`/interviews/${s.missing}`))).toEqual(["Overall 31 · Missing"]);
  });

  it("on the feedback page: the overall score and each debrief dimension, whose band link names its dimension", async () => {
    const html = await page(`/interviews/${s.solid}/feedback`);
    expect(badges(html)).toEqual(["62.5 · Solid"]);
    const text = visibleText(withoutScreenReaderText(html));
    expect(text).toMatch(/Technical accuracy\s*62 · Partial/);
    expect(text).toMatch(/Communication clarity\s*63 · Solid/);
    expect(html).toMatch(/<a [^>]*aria-label="Partial: what this band means for technical accuracy"[^>]*href="\/how-scores-work#bands"/);
    expect(html).toMatch(/<a [^>]*aria-label="Solid: what this band means for communication clarity"[^>]*href="\/how-scores-work#bands"/);
    // The old labels are gone from every page.
    for (const path of [
      "/interviews",
      "/dashboard",
      `/jobs/${postingId}/progress`,
      `/interviews/${s.partial}`,
      `/interviews/${s.partial}/feedback`,
    ]) {
      expect(visibleText(await page(path)), path).not.toMatch(/Needs work|Developing/);
    }
  });

  it("the link lands on the table of bands, which says the whole-interview scores use it", async () => {
    const text = visibleText(await (await app.client().get("/how-scores-work")).text());
    expect(text).toMatch(/The four bands Every score in the app is shown with one of these bands/);
    expect(text).toContain("Missing 0–34");
    expect(text).toContain("so 62.5 reads Solid");
    expect(await (await app.client().get("/how-scores-work")).text()).toContain('id="bands"');
  });
});
