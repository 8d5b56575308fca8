// The engine's limit: a bare Temporal workflow of the same shape as a real Group A case — the same
// numbers of scheduled and local activities, child workflows, signals to the parent and timers,
// recorded from a real case — with no-op bodies. Children run like Group A's: the first alone, then
// the others in parallel.
import {
  condition,
  defineSignal,
  executeChild,
  getExternalWorkflowHandle,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  sleep,
  workflowInfo,
} from '@temporalio/workflow';

export const BARE_QUEUE = 'bench.bare';

export interface Shape {
  activities: number;
  localActivities: number;
  signalsToParent: number;
  timers: number;
  children: Shape[];
}

type Noop = { noop(): Promise<void> };
const { noop } = proxyActivities<Noop>({ startToCloseTimeout: '10 seconds' });
const local = proxyLocalActivities<Noop>({ startToCloseTimeout: '10 seconds' });
export const childChanged = defineSignal('childChanged');

async function run(shape: Shape, signalParent: () => Promise<void>): Promise<void> {
  let received = 0;
  setHandler(childChanged, () => void (received += 1));
  const expected = shape.children.reduce((n, c) => n + c.signalsToParent, 0);
  const signals = shape.signalsToParent;
  // Activities and signals interleave as in a step: one signal after each of the first activities.
  for (let i = 0; i < Math.max(shape.activities, shape.localActivities, signals); i += 1) {
    if (i < shape.activities) await noop();
    if (i < shape.localActivities) await local.noop();
    if (i < signals) await signalParent();
    if (i === 0) {
      const [first, ...rest] = shape.children;
      if (first) await executeChild(bareStep, { args: [first] });
      await Promise.all(rest.map((child) => executeChild(bareStep, { args: [child] })));
    }
  }
  for (let i = 0; i < shape.timers; i += 1) await sleep(1);
  await condition(() => received >= expected);
}

export async function bareCase(shape: Shape): Promise<void> {
  await run(shape, () => Promise.resolve());
}

export async function bareStep(shape: Shape): Promise<void> {
  const parent = workflowInfo().parent;
  await run(shape, async () => {
    if (parent) await getExternalWorkflowHandle(parent.workflowId).signal(childChanged);
  });
}
