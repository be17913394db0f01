import { describe, expect, it } from "vitest";
import { learningRecommendations } from "./session-feedback.server.ts";

describe("learning recommendations read from stored JSON", () => {
  it("keeps well-formed items, trimmed", () => {
    expect(learningRecommendations([{ topic: " Outbox pattern ", resource: " microservices.io ", why: " Consistency " }])).toEqual([
      { topic: "Outbox pattern", resource: "microservices.io", why: "Consistency" },
    ]);
  });

  it("drops malformed items instead of failing the page, and tolerates missing resource or reason", () => {
    expect(learningRecommendations([null, "text", 3, [], { topic: "" }, { resource: "no topic" }, { topic: "Indexes", why: 1 }])).toEqual([
      { topic: "Indexes", resource: "", why: "" },
    ]);
    expect(learningRecommendations({ topic: "not a list" })).toEqual([]);
    expect(learningRecommendations(null)).toEqual([]);
  });
});
