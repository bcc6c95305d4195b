// The player's clock, in seconds. Everything time-based in the player reads it, so tests
// can drive time (Playwright's page.clock replaces Date), and a countdown stays right when
// the tab sleeps: it is computed from timestamps, never from counted ticks.
export function now() {
  return Date.now() / 1000;
}
