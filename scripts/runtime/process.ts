// A part of the system run as a child process: its own process group (a terminal's Ctrl-C reaches
// only the launcher, which stops the parts in order), its output forwarded line by line, killed if
// the launcher itself exits — however it exits: a reaper process outlives a SIGKILL — and stopped
// with SIGTERM then SIGKILL, the whole group, until none of it is left.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export interface Part {
  child: ChildProcess;
  exited: Promise<number | null>;
  stop: () => Promise<void>;
  /** Signals the whole process group at once (a tsx launcher and the node process it runs). */
  kill: (signal?: NodeJS.Signals) => void;
}

let reaper: ChildProcess | undefined;

/**
 * Has `target` (a pid, or -pgid for a process group) sent `signal`, then SIGKILL after a grace
 * period, should this process end while the target runs: the 'exit' event cannot see a SIGKILL or a
 * wrapper killing us, a reaper in a session of its own can (scripts/runtime/reap-on-exit.sh, which
 * acts when its stdin, our pipe, closes). Returns the way to take that back once the target stopped.
 */
export function reapWithThisProcess(target: number, signal: NodeJS.Signals): () => void {
  if (!reaper) {
    reaper = spawn('bash', [join(__dirname, 'reap-on-exit.sh')], {
      detached: true,
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    // Neither the reaper nor its pipe keeps this process alive.
    reaper.unref();
    (reaper.stdin as unknown as { unref(): void }).unref();
    reaper.stdin?.on('error', () => undefined);
  }
  const write = (line: string) => reaper?.stdin?.writable && reaper.stdin.write(`${line}\n`);
  write(`${signal.replace(/^SIG/, '')} ${target}`);
  return () => write(`forget ${target}`);
}

/** What to do for each running part when this process exits: one 'exit' listener for all of them. */
const onExit = new Set<() => void>();
const killPartsOnExit = () => onExit.forEach((kill) => kill());

export function spawnPart(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; onLine?: (line: string) => void; graceMs?: number } = {},
): Part {
  const graceMs = options.graceMs ?? 15_000;
  const child = spawn(command, args, {
    ...(options.env && { env: options.env }),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  // Once a group is seen empty its number may be reused: it is never signalled again.
  let gone = child.pid === undefined;
  const groupAlive = () => {
    if (gone || child.pid === undefined) return false;
    try {
      process.kill(-child.pid, 0);
      return true;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'EPERM';
    }
  };
  // The whole group: a tsx launcher's node process would otherwise outlive it, orphaned.
  const killGroup = (signal: NodeJS.Signals) => {
    if (!groupAlive() || child.pid === undefined) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // the group is gone already
    }
  };
  const killWithLauncher = () => killGroup('SIGKILL');
  if (onExit.size === 0) process.once('exit', killPartsOnExit);
  onExit.add(killWithLauncher);
  const forget =
    child.pid === undefined ? () => undefined : reapWithThisProcess(-child.pid, 'SIGTERM');
  const settled = () => {
    if (!gone && !groupAlive()) {
      gone = true;
      onExit.delete(killWithLauncher);
      if (onExit.size === 0) process.off('exit', killPartsOnExit);
      forget();
    }
    return gone;
  };
  const forward = (chunk: Buffer) =>
    chunk
      .toString()
      .split('\n')
      .filter(Boolean)
      .forEach((line) => options.onLine?.(line));
  child.stdout?.on('data', forward);
  child.stderr?.on('data', forward);
  const exited = new Promise<number | null>((done) =>
    child.once('exit', (code) => {
      settled();
      done(code);
    }),
  );
  return {
    child,
    exited,
    async stop() {
      if (settled()) return;
      // The leader first (tsx relays it to the node process it runs); a group whose leader is gone
      // already, all of it.
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      else killGroup('SIGTERM');
      const timer = setTimeout(() => killGroup('SIGKILL'), graceMs);
      await exited;
      if (!settled()) killGroup('SIGTERM');
      // Members left behind by their leader end too; bounded, should a zombie never be reaped.
      const deadline = Date.now() + graceMs + 5_000;
      while (!settled() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      clearTimeout(timer);
    },
    kill: (signal = 'SIGKILL') => killGroup(signal),
  };
}
