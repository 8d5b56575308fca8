// What each process of the system costs, read from Linux's /proc: CPU seconds of a process and all its
// descendants (reaped children included, through cutime/cstime), and resident memory.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

interface Stat {
  pid: number;
  ppid: number;
  /** utime + stime (+ cutime + cstime of reaped children), in ticks. */
  ticks: number;
}

function stat(pid: number): Stat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may contain spaces: the fields after it follow the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const n = (i: number) => Number(fields[i - 3]);
    return { pid, ppid: n(4), ticks: n(14) + n(15) + n(16) + n(17) };
  } catch {
    return undefined; // exited
  }
}

function allStats(): Stat[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => stat(Number(name)))
    .filter((s): s is Stat => s !== undefined);
}

/** The process and every live descendant. */
export function processTree(root: number): number[] {
  const stats = allStats();
  const tree = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const s of stats)
      if (!tree.has(s.pid) && tree.has(s.ppid)) {
        tree.add(s.pid);
        grew = true;
      }
  }
  return [...tree];
}

/**
 * Keeps a process tree on `cpus` (taskset's list, e.g. `0`): every thread of every process now in
 * it, and so what they start later (a thread or a forked PostgreSQL backend inherits the mask).
 */
export function pinTree(root: number, cpus: string): void {
  for (const pid of processTree(root)) {
    const pinned = spawnSync('taskset', ['-a', '-c', '-p', cpus, String(pid)], { stdio: 'ignore' });
    if (pinned.status !== 0 && stat(pid))
      throw new Error(`taskset could not pin ${pid} to ${cpus}`);
  }
}

/** CPU seconds used so far by a process tree. */
export function cpuSeconds(root: number): number {
  return (
    processTree(root).reduce((sum, pid) => sum + (stat(pid)?.ticks ?? 0), 0) / TICKS_PER_SECOND
  );
}

/** Resident memory of a process tree, in MiB. */
export function rssMiB(root: number): number {
  let kib = 0;
  for (const pid of processTree(root)) {
    try {
      const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
      kib += Number(line?.[1] ?? 0);
    } catch {
      // exited
    }
  }
  return Math.round(kib / 1024);
}

/** The pid of the first process whose command line contains every `parts`. */
export function findProcess(...parts: string[]): number | undefined {
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (parts.every((p) => cmdline.includes(p))) return Number(name);
    } catch {
      // exited
    }
  }
  return undefined;
}
