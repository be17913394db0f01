import autocannon from "autocannon";
import { median, percentile, round } from "./stats.ts";

export type LoadResult = { rps: number; p50: number; p95: number; p99: number; errors: number; non2xx: number };

/** One autocannon run; latencies collected per response so p95 is exact (autocannon's table has no p95). */
export async function load(
  url: string,
  options: { connections: number; seconds: number; headers?: Record<string, string> },
): Promise<LoadResult> {
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url, connections: options.connections, duration: options.seconds, headers: options.headers },
      (error, r) => (error ? reject(error) : resolve(r)),
    );
    instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
  return {
    rps: round(result.requests.total / options.seconds, 0),
    p50: round(percentile(latencies, 50)),
    p95: round(percentile(latencies, 95)),
    p99: round(percentile(latencies, 99)),
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

/** Repeat a load (after a short warm-up) and keep the median of each figure. */
export async function repeatedLoad(
  url: string,
  options: { connections: number; seconds: number; repeats: number; headers?: Record<string, string> },
) {
  await load(url, { ...options, seconds: 2 }); // warm-up: JIT, pools, caches
  const runs: LoadResult[] = [];
  for (let i = 0; i < options.repeats; i++) runs.push(await load(url, options));
  const pick = (key: keyof LoadResult) => median(runs.map((r) => r[key]));
  return {
    rps: pick("rps"),
    p50: pick("p50"),
    p95: pick("p95"),
    p99: pick("p99"),
    errors: pick("errors"),
    non2xx: pick("non2xx"),
    runs: runs.length,
  };
}
