import { describe, expect, it } from "vitest";
import { countPronouns, isQuantified, ownership } from "./star.ts";

describe("countPronouns", () => {
  it("counts I/me/my and we/us/our, with contractions, however the apostrophe is typed", () => {
    expect(countPronouns("I led it; I’m proud. My team and I shipped it, then we celebrated with our users.")).toEqual({ i: 4, we: 2 });
    expect(countPronouns("We're done, we'll see, they gave us time.")).toEqual({ i: 0, we: 3 });
  });

  it("does not count “were”, “well”, “ill” or the country “US” as pronouns", () => {
    expect(countPronouns("Things were fine, it went well, nobody was ill, sales in the US grew.")).toEqual({ i: 0, we: 0 });
  });
});

describe("ownership", () => {
  it("judges the action sentences when there are any: “I” at least as often as “we”", () => {
    expect(ownership("We had an outage. I rolled back and I paged the owner.", ["I rolled back and I paged the owner."]).saysI).toBe(true);
    expect(ownership("I was on call. We rolled back and we fixed it.", ["We rolled back and we fixed it."])).toEqual({
      whole: { i: 1, we: 2 },
      actions: { i: 0, we: 2 },
      saysI: false,
    });
  });

  it("falls back to the whole answer without action sentences, and says no when there is no pronoun at all", () => {
    expect(ownership("I fixed it.", []).saysI).toBe(true);
    expect(ownership("The bug was fixed.", []).saysI).toBe(false);
  });
});

describe("isQuantified", () => {
  it("is true for digits with or without units, and for number words", () => {
    for (const text of ["Latency fell 40%.", "We saved $2M.", "It took 3 weeks.", "We halved the error rate.", "Two teams adopted it."]) {
      expect(isQuantified(text), text).toBe(true);
    }
  });

  it("is false for a result without a number, and for digits that are part of a name", () => {
    expect(isQuantified("The customer was happy.")).toBe(false);
    expect(isQuantified("We moved to EC2 and p95 improved.")).toBe(false);
  });
});
