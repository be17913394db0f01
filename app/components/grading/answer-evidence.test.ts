import { describe, expect, it } from "vitest";
import { verifyJudgements } from "#app/ai/grading/quotes.ts";
import { citedPassages } from "./answer-evidence.tsx";

const ANSWER = "I would shard the ledger by account. Every payment carries an idempotency key.";

describe("the passages an evaluation quotes", () => {
  it("are the verified quotes only, each under the id its judgement has on the card", () => {
    const strengths = verifyJudgements(ANSWER, [
      { point: "Sharding", quote: "shard the ledger by account" },
      { point: "Made up", quote: "we migrated four hundred services to Rust" },
    ]);
    const improvements = verifyJudgements(ANSWER, [{ point: "Say how you rebalance", quote: "" }]);
    const cited = citedPassages({ strengths, improvements, factualErrors: [] }, "q1");
    expect(cited).toHaveLength(1);
    expect(cited[0]!.id).toBe("q1-strength-0");
    const [range] = cited[0]!.ranges;
    expect(ANSWER.slice(range!.start, range!.end)).toBe("shard the ledger by account");
  });
});
