/**
 * For tests of AI functions without the app: the fake OpenAI server on
 * 127.0.0.1 and `AiSettings` pointing the real openai SDK at it. Sets the
 * test environment the AI client reads (timeout, retries); no database is
 * used, so DATABASE_URL points nowhere.
 */
import type { AiSettings } from "../../app/ai/client.server.ts";
import { FakeOpenAI } from "../fakes/openai-server.ts";
import { baseTestEnv } from "./test-env.ts";

export async function startFakeAi() {
  Object.assign(process.env, baseTestEnv({ DATABASE_URL: "postgres://unused@127.0.0.1:9/unused", AI_MAX_RETRIES: "0" }));
  const fake = new FakeOpenAI();
  const url = await fake.start();
  const settings: AiSettings = { apiKey: "sk-test-practice", model: "gpt-4o-mini", baseUrl: url, userChosenBaseUrl: false };
  return { fake, settings };
}
