// The malware-scan hook: every upload passes a Scanner before anything is stored. ClamAV's daemon
// (clamd) where CLAMD_HOST is configured; otherwise a no-op that says so — at start, in the log, and
// on each upload (`scan: 'not_scanned'`), so nobody mistakes development for a scanned service.
import { connect } from 'node:net';

export type ScanVerdict =
  | { kind: 'clean' }
  | { kind: 'not_scanned' }
  /** `signature` is the scanner's name for what it found (no personal data: a virus's name). */
  | { kind: 'infected'; signature: string };

export interface Scanner {
  scan(bytes: Buffer): Promise<ScanVerdict>;
  readonly description: string;
}

export const noScanner: Scanner = {
  description: 'none: uploads are not scanned for malware (set CLAMD_HOST to scan with ClamAV)',
  scan: () => Promise.resolve({ kind: 'not_scanned' }),
};

/** clamd's INSTREAM takes chunks of at most its StreamMaxLength; 64 KiB is far below any limit. */
const CHUNK = 64 * 1024;

export interface ClamdSettings {
  host: string;
  port: number;
  timeoutMs?: number;
}

/**
 * clamd's INSTREAM over TCP: `zINSTREAM\0`, then chunks each led by its length (4 bytes, network
 * order), then a zero length; clamd answers one line, `stream: OK` or `stream: <name> FOUND`.
 * Anything else (an error, a cut connection, a timeout) is a failure, never a pass: the upload is
 * refused as unavailable rather than stored unscanned.
 */
export function clamdScanner(settings: ClamdSettings): Scanner {
  return {
    description: `ClamAV clamd at ${settings.host}:${settings.port}`,
    scan: (bytes) => instream(settings, bytes),
  };
}

export class ScannerUnavailableError extends Error {
  override name = 'ScannerUnavailableError';
}

function instream(
  { host, port, timeoutMs = 30_000 }: ClamdSettings,
  bytes: Buffer,
): Promise<ScanVerdict> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    const replies: Buffer[] = [];
    const fail = (why: string) => {
      socket.destroy();
      reject(new ScannerUnavailableError(`clamd: ${why}`));
    };
    socket.setTimeout(timeoutMs, () => fail('timed out'));
    socket.on('error', (error) => fail(error.message));
    socket.on('data', (chunk: Buffer) => replies.push(chunk));
    socket.on('end', () => {
      const reply = Buffer.concat(replies).toString('utf8').replace(/\0/g, '').trim();
      socket.destroy();
      const verdict = verdictOf(reply);
      if (verdict) resolve(verdict);
      else reject(new ScannerUnavailableError(`clamd answered: ${reply.slice(0, 200)}`));
    });
    socket.on('connect', () => {
      socket.write('zINSTREAM\0');
      for (let at = 0; at < bytes.length; at += CHUNK) {
        const chunk = bytes.subarray(at, at + CHUNK);
        const length = Buffer.alloc(4);
        length.writeUInt32BE(chunk.length);
        socket.write(length);
        socket.write(chunk);
      }
      socket.end(Buffer.alloc(4));
    });
  });
}

/** `stream: OK` → clean; `stream: Eicar-Signature FOUND` → infected; anything else → undefined. */
export function verdictOf(reply: string): ScanVerdict | undefined {
  if (reply === 'stream: OK') return { kind: 'clean' };
  const found = /^stream: (.+) FOUND$/.exec(reply);
  return found?.[1] ? { kind: 'infected', signature: found[1] } : undefined;
}
