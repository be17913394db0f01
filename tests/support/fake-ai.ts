/**
 * For tests of AI functions without the app: the fake OpenAI server on
 * 127.0.0.1 and `AiSettings` pointing the real openai SDK at it. Sets the
 * test environment the AI client reads (timeout, no SDK retries) and puts
 * the previous values back on `stop()`, so nothing leaks into other test
 * files run by the same worker. No database is used: DATABASE_URL points nowhere.
 */
import type { AiSettings } from "../../app/ai/client.server.ts";
import { FakeOpenAI } from "../fakes/openai-server.ts";
import { baseTestEnv } from "./test-env.ts";

export async function startFakeAi() {
  const testEnv = baseTestEnv({ DATABASE_URL: "postgres://unused@127.0.0.1:9/unused", AI_MAX_RETRIES: "0" });
  const previous = Object.fromEntries(Object.keys(testEnv).map((key) => [key, process.env[key]]));
  Object.assign(process.env, testEnv);
  const fake = new FakeOpenAI();
  const url = await fake.start();
  const settings: AiSettings = { apiKey: "sk-test-practice", model: "gpt-4o-mini", baseUrl: url, userChosenBaseUrl: false };
  return {
    fake,
    settings,
    async stop() {
      await fake.stop();
      for (const [key, value] of Object.entries(previous)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    },
  };
}
