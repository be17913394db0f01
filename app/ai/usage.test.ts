import { describe, expect, test } from "vitest";
import { addUsage, chatUsage, speechUsage, totalUsage, transcriptionUsage, unknownUsage } from "./usage.ts";

const reported = (input: number, cached: number, output: number, model = "gpt-4o-mini-2024-07-18") =>
  chatUsage({ prompt_tokens: input, completion_tokens: output, prompt_tokens_details: { cached_tokens: cached } }, model, "gpt-4o-mini");

describe("usage figures", () => {
  test("a chat completion's usage, named after the model that answered", () => {
    expect(reported(1_200, 1_024, 80)).toEqual({
      model: "gpt-4o-mini-2024-07-18",
      inputTokens: 1_200,
      cachedInputTokens: 1_024,
      outputTokens: 80,
      audioSeconds: 0,
      speechCharacters: 0,
      calls: 1,
    });
    expect(chatUsage({ prompt_tokens: 5, completion_tokens: 1 }, "", "gpt-4o-mini").model).toBe("gpt-4o-mini");
  });

  test("a provider without cache details leaves the cached share unknown", () => {
    expect(chatUsage({ prompt_tokens: 5, completion_tokens: 1 }, "llama3", "llama3").cachedInputTokens).toBeNull();
  });

  test("nonsense figures count as unknown", () => {
    const usage = chatUsage({ prompt_tokens: -3, completion_tokens: Number.NaN }, "m", "m");
    expect([usage.inputTokens, usage.outputTokens]).toEqual([null, null]);
  });

  test("two attempts add up; an unknown part makes the sum unknown, never too low", () => {
    expect(addUsage(reported(1_000, 0, 50), reported(1_100, 1_024, 60))).toMatchObject({
      inputTokens: 2_100,
      cachedInputTokens: 1_024,
      outputTokens: 110,
      calls: 2,
    });
    const withUnknown = addUsage(reported(1_000, 0, 50), unknownUsage("gpt-4o-mini-2024-07-18"));
    expect(withUnknown).toMatchObject({ inputTokens: null, outputTokens: null, audioSeconds: 0, calls: 2 });
  });

  test("calls of different models sum to no single model", () => {
    expect(addUsage(reported(1, 0, 1), reported(1, 0, 1, "gpt-4o")).model).toBeNull();
    expect(totalUsage([])).toBeNull();
  });

  test("transcriptions: billed seconds from the provider, else the file's own length, else unknown", () => {
    expect(transcriptionUsage({ usage: { type: "duration", seconds: 42 } }, "whisper-1", 40)).toMatchObject({
      audioSeconds: 42,
      inputTokens: null,
    });
    expect(transcriptionUsage({ duration: 41.5 }, "whisper-1")).toMatchObject({ audioSeconds: 41.5 });
    expect(transcriptionUsage({}, "whisper-1", 40)).toMatchObject({ audioSeconds: 40 });
    expect(transcriptionUsage(null, "whisper-1")).toMatchObject({ audioSeconds: null });
    expect(
      transcriptionUsage({ usage: { type: "tokens", input_tokens: 300, output_tokens: 90 } }, "gpt-4o-mini-transcribe", 30),
    ).toMatchObject({ inputTokens: 300, cachedInputTokens: 0, outputTokens: 90, audioSeconds: 30 });
  });

  test("a transcription that reported neither tokens nor a length is charged the ceiling, if the caller gives one", () => {
    expect(transcriptionUsage({}, "gpt-4o-mini-transcribe", null, 600)).toMatchObject({ inputTokens: null, audioSeconds: 600 });
    expect(transcriptionUsage(null, "whisper-1", 12, 600)).toMatchObject({ audioSeconds: 12 });
    expect(
      transcriptionUsage({ usage: { type: "tokens", input_tokens: 300, output_tokens: 90 } }, "gpt-4o-mini-transcribe", null, 600),
    ).toMatchObject({ inputTokens: 300, outputTokens: 90, audioSeconds: null });
  });

  test("speech counts its characters", () => {
    expect(speechUsage("tts-1", 1_234)).toMatchObject({ speechCharacters: 1_234, audioSeconds: null, inputTokens: null });
  });
});
