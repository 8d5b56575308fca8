// The worker's own view of its work, from the Temporal SDK's Prometheus metrics: how many workflow
// tasks it ran, how many found their workflow in the sticky cache, and how long tasks waited and took.
// The SDK (sdk-core) counts a hit when the workflow is cached and a miss only when a task on the
// sticky queue finds it evicted; a task that arrives with the full history on the normal queue (a new
// workflow, or one evicted and its stickiness reset) is neither, so "not in the cache" is all − hits.
export type Counters = Record<string, number>;

/** Every series of the worker's metrics summed over its labels: `name` → value. */
export async function workerCounters(url: string): Promise<Counters> {
  const text = await (await fetch(url)).text();
  const counters: Counters = {};
  for (const line of text.split('\n')) {
    const match = /^([a-z_]+)(?:\{[^}]*\})? (\S+)$/.exec(line);
    if (match?.[1] && match[2]) counters[match[1]] = (counters[match[1]] ?? 0) + Number(match[2]);
  }
  return counters;
}

/** What the worker did between two readings: tasks, cache hits, mean task wait and run time. */
export function workflowTaskFigures(before: Counters, after: Counters) {
  const delta = (name: string) => (after[name] ?? 0) - (before[name] ?? 0);
  const mean = (histogram: string) => {
    const count = delta(`temporal_workflow_task_${histogram}_latency_count`);
    return count > 0 ? delta(`temporal_workflow_task_${histogram}_latency_sum`) / count : 0;
  };
  return {
    tasks: delta('temporal_workflow_task_execution_latency_count'),
    cacheHits: delta('temporal_sticky_cache_hit'),
    /** Tasks on the sticky queue for a workflow no longer cached (its history fetched again). */
    stickyMisses: delta('temporal_sticky_cache_miss'),
    /** Milliseconds a workflow task waited on its queue (schedule to start), on average. */
    waitMs: mean('schedule_to_start'),
    /** Milliseconds a workflow task took to run (with the replay of its history after a miss), on average. */
    runMs: mean('execution'),
  };
}
