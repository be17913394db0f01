/**
 * When the page re-reads its data while an AI step runs and no push channel is
 * connected: quick first checks (most steps finish within a couple of
 * seconds), then every 2 s (NFR-P3: "polling every 2–3 seconds").
 */
export const POLL_DELAYS_MS = [500, 1000, 1000];
export const POLL_STEADY_MS = 2000;
/** With push connected, a slow safety poll in case an event was missed during a reconnect. */
export const POLL_WHILE_PUSHED_MS = 10_000;

export function pollDelay(attempt: number, pushed = false) {
  if (pushed) return POLL_WHILE_PUSHED_MS;
  return POLL_DELAYS_MS[attempt] ?? POLL_STEADY_MS;
}
