// Where a process's CPU time went, from the V8 CPU profiles `--profile` makes the parts write
// (`node --cpu-prof`): self time by package (or project directory) and by function.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from './stack';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
}

export interface ProfileSummary {
  file: string;
  seconds: number;
  /** Share of samples per package or project directory, largest first. */
  byPlace: { place: string; share: number }[];
  /** Share of samples per function (self time), largest first. */
  byFunction: { fn: string; share: number }[];
}

/** node_modules/<package> (or the node: / project directory) a frame's code belongs to. */
function placeOf({ url, functionName }: ProfileNode['callFrame']): string {
  // V8's own entries: (idle), (garbage collector), (program).
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node core';
  const path = url.replace(/^file:\/\//, '');
  const modules = path.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const [scope, name] = path.slice(modules + 'node_modules/'.length).split('/');
    return scope?.startsWith('@') ? `${scope}/${name}` : (scope ?? path);
  }
  return relative(ROOT, path).split('/').slice(0, 2).join('/');
}

const top = (counts: Map<string, number>, total: number, n: number) =>
  [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([key, count]) => ({ key, share: Math.round((1000 * count) / total) / 10 }));

export function summarizeProfile(file: string, n = 20): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const places = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const id of profile.samples) {
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    const place = placeOf(frame);
    places.set(place, (places.get(place) ?? 0) + 1);
    const fn = `${frame.functionName || '(anonymous)'} ${place}:${frame.lineNumber + 1}`;
    functions.set(fn, (functions.get(fn) ?? 0) + 1);
  }
  const total = Math.max(1, profile.samples.length);
  return {
    file: relative(ROOT, file),
    seconds: Math.round((profile.endTime - profile.startTime) / 1e5) / 10,
    byPlace: top(places, total, n).map(({ key, share }) => ({ place: key, share })),
    byFunction: top(functions, total, n).map(({ key, share }) => ({ fn: key, share })),
  };
}

/** Every profile in `directory`, the largest (the part's own node process, not its launcher) first. */
export function summarizeProfiles(directory: string): ProfileSummary[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => summarizeProfile(join(directory, f)))
    .sort((a, b) => b.seconds - a.seconds);
}
