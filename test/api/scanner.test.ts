// clamd's INSTREAM protocol against a tiny fake clamd on a real TCP port: the fake checks the
// framing (command, length-prefixed chunks, zero terminator) and answers as clamd does.
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  clamdScanner,
  noScanner,
  ScannerUnavailableError,
  verdictOf,
} from '../../api/uploads/scanner';

/** Parses one INSTREAM session; `answer` decides the reply from the bytes received ('hang': none). */
function fakeClamd(answer: (bytes: Buffer) => string) {
  const received: Buffer[] = [];
  // Half-open, as clamd is: the client ending its side does not end ours.
  const server = createServer({ allowHalfOpen: true }, (socket: Socket) => {
    let buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      const command = 'zINSTREAM\0';
      if (buffer.length < command.length) return;
      if (buffer.subarray(0, command.length).toString() !== command) {
        socket.end('UNKNOWN COMMAND\0');
        return;
      }
      const chunks: Buffer[] = [];
      let at = command.length;
      while (at + 4 <= buffer.length) {
        const length = buffer.readUInt32BE(at);
        if (length === 0) {
          const bytes = Buffer.concat(chunks);
          received.push(bytes);
          const reply = answer(bytes);
          if (reply !== 'hang') socket.end(`${reply}\0`);
          return;
        }
        if (at + 4 + length > buffer.length) return;
        chunks.push(buffer.subarray(at + 4, at + 4 + length));
        at += 4 + length;
      }
    });
  });
  return { server, received };
}

async function listen(server: Server): Promise<number> {
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return (server.address() as { port: number }).port;
}

describe('clamdScanner', () => {
  let server: Server | undefined;
  afterEach(() => {
    server?.close();
  });

  it('when clamd answers OK, then the file is clean, and clamd received exactly its bytes', async () => {
    const fake = fakeClamd(() => 'stream: OK');
    server = fake.server;
    const port = await listen(server);
    // Past one 64 KiB chunk, so the framing of several is exercised.
    const bytes = Buffer.alloc(200_000, 7);

    const verdict = await clamdScanner({ host: '127.0.0.1', port }).scan(bytes);

    expect(verdict).toEqual({ kind: 'clean' });
    expect(fake.received).toHaveLength(1);
    expect(Buffer.compare(fake.received[0] ?? Buffer.alloc(0), bytes)).toBe(0);
  });

  it('when clamd finds a signature, then the file is infected with its name', async () => {
    server = fakeClamd((bytes) =>
      bytes.includes('EICAR') ? 'stream: Eicar-Test-Signature FOUND' : 'stream: OK',
    ).server;
    const port = await listen(server);

    const verdict = await clamdScanner({ host: '127.0.0.1', port }).scan(
      Buffer.from('X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*'),
    );

    expect(verdict).toEqual({ kind: 'infected', signature: 'Eicar-Test-Signature' });
  });

  it('when clamd answers an error, then the scan fails (never a pass)', async () => {
    server = fakeClamd(() => 'INSTREAM size limit exceeded. ERROR').server;
    const port = await listen(server);
    await expect(
      clamdScanner({ host: '127.0.0.1', port }).scan(Buffer.from('x')),
    ).rejects.toBeInstanceOf(ScannerUnavailableError);
  });

  it('when clamd does not answer in time, then the scan fails', async () => {
    server = fakeClamd(() => 'hang').server;
    const port = await listen(server);
    await expect(
      clamdScanner({ host: '127.0.0.1', port, timeoutMs: 200 }).scan(Buffer.from('x')),
    ).rejects.toThrow(/timed out/);
  });

  it('when nothing listens, then the scan fails', async () => {
    server = fakeClamd(() => 'stream: OK').server;
    const port = await listen(server);
    server.close();
    await expect(
      clamdScanner({ host: '127.0.0.1', port }).scan(Buffer.from('x')),
    ).rejects.toBeInstanceOf(ScannerUnavailableError);
  });
});

describe('verdictOf', () => {
  it.each([
    ['stream: OK', { kind: 'clean' }],
    ['stream: Win.Test.EICAR_HDB-1 FOUND', { kind: 'infected', signature: 'Win.Test.EICAR_HDB-1' }],
    ['stream: OK FOUND', { kind: 'infected', signature: 'OK' }],
    ['stream: ERROR', undefined],
    ['', undefined],
  ])('when clamd says %j, then the verdict is %j', (reply, verdict) => {
    expect(verdictOf(reply)).toEqual(verdict);
  });
});

describe('noScanner', () => {
  it('when asked, then it says the file was not scanned', async () => {
    expect(await noScanner.scan(Buffer.from('x'))).toEqual({ kind: 'not_scanned' });
    expect(noScanner.description).toContain('not scanned');
  });
});
