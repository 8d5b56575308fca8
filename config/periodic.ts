// A job the API process runs every so often (the stuck-case scan, the idempotency purge): one run at
// a time, the next one `intervalMs` after the last ended, never holding the process open by itself,
// and a stop that waits for the run under way.
export function startPeriodic(run: () => Promise<void>, intervalMs: number) {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const tick = () => {
    running = run();
    void running.finally(() => {
      running = undefined;
      // Never holds the process open on its own: the server does, until it stops.
      if (!stopped) timer = setTimeout(tick, intervalMs).unref();
    });
  };
  tick();
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
