// A part of the system run as a child process: its own process group (a terminal's Ctrl-C reaches
// only the launcher, which stops the parts in order), its output forwarded line by line, killed if
// the launcher itself exits, and stopped with SIGTERM then SIGKILL.
import { spawn, type ChildProcess } from 'node:child_process';

export interface Part {
  child: ChildProcess;
  exited: Promise<number | null>;
  stop: () => Promise<void>;
  /** Signals the whole process group at once (a tsx launcher and the node process it runs). */
  kill: (signal?: NodeJS.Signals) => void;
}

export function spawnPart(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; onLine?: (line: string) => void; graceMs?: number } = {},
): Part {
  const child = spawn(command, args, {
    ...(options.env && { env: options.env }),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  // The whole group: a tsx launcher's node process would otherwise outlive it, orphaned.
  const killGroup = (signal: NodeJS.Signals) => {
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // the group is gone already
    }
  };
  const killWithLauncher = () => killGroup('SIGKILL');
  process.once('exit', killWithLauncher);
  child.once('exit', () => process.off('exit', killWithLauncher));
  const forward = (chunk: Buffer) =>
    chunk
      .toString()
      .split('\n')
      .filter(Boolean)
      .forEach((line) => options.onLine?.(line));
  child.stdout?.on('data', forward);
  child.stderr?.on('data', forward);
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return {
    child,
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), options.graceMs ?? 15_000);
      await exited;
      clearTimeout(timer);
    },
    kill: (signal = 'SIGKILL') => killGroup(signal),
  };
}
