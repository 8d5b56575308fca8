import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultPayloadConverter } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  decodePayloadsIn,
  FAILURE_CONVERTER_PATH,
  payloadsIn,
  temporalPayloads,
  temporalPayloadsFromEnv,
} from '../../config/data-converter';
import { ConfigError } from '../../config/env';
import { EncryptionCodec } from '../../config/payload-codec';
import {
  ensureDevelopmentPayloadKeys,
  generatePayloadKeys,
  readPayloadKeyring,
} from '../../config/payload-keys';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lien-thong-payload-keys-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function problemsOf(run: () => Promise<unknown>): Promise<string[]> {
  const error: unknown = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  if (error instanceof ConfigError) return error.problems;
  throw new Error(`expected a ConfigError, got ${String(error)}`);
}

const fileWith = async (name: string, content: unknown) => {
  const path = join(dir, name);
  await writeFile(path, JSON.stringify(content));
  return path;
};

describe('payload key file', () => {
  it('when make start runs the first time, then it makes a key file only its owner reads, and keeps it later', async () => {
    // Arrange
    const path = join(dir, 'data', 'payload-keys.json');
    // Act
    const made = await ensureDevelopmentPayloadKeys(path);
    const content = await readFile(path, 'utf8');
    const again = await ensureDevelopmentPayloadKeys(path);
    // Assert
    expect([made, again]).toEqual([true, false]);
    expect(await readFile(path, 'utf8')).toBe(content);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const keyring = await readPayloadKeyring(path);
    expect(keyring.active).toBe('dev-1');
    expect(keyring.keys.get('dev-1')).toHaveLength(32);
  });

  it('when the file names an active key it lacks, or a key of the wrong size, then every problem is listed without the key', async () => {
    const secret = Buffer.alloc(16, 7).toString('base64');
    const path = await fileWith('bad.json', { active: 'k2', keys: { k1: secret } });
    const problems = await problemsOf(() => readPayloadKeyring(path));
    expect(problems).toEqual([
      expect.stringMatching(
        /^TEMPORAL_PAYLOAD_KEYS_FILE: .*bad\.json\.keys\.k1: must be the base64 of 32/,
      ),
      expect.stringMatching(/^TEMPORAL_PAYLOAD_KEYS_FILE: .*bad\.json\.active: names no key/),
    ]);
    expect(problems.join('\n')).not.toContain(secret);
  });

  it('when the file is missing or not JSON, then start-up is refused naming the key', async () => {
    expect(await problemsOf(() => readPayloadKeyring(join(dir, 'none.json')))).toEqual([
      expect.stringMatching(/^TEMPORAL_PAYLOAD_KEYS_FILE: cannot read .*none\.json \(ENOENT\)$/),
    ]);
    const garbled = join(dir, 'garbled.json');
    await writeFile(garbled, '{ active');
    expect(await problemsOf(() => readPayloadKeyring(garbled))).toEqual([
      expect.stringMatching(/\(not JSON\)$/),
    ]);
  });
});

describe('temporalPayloadsFromEnv', () => {
  it('when production has no key file, then start-up is refused', async () => {
    const log = { warn: vi.fn() };
    expect(
      await problemsOf(() => temporalPayloadsFromEnv({ NODE_ENV: 'production' }, log)),
    ).toEqual([expect.stringMatching(/^TEMPORAL_PAYLOAD_KEYS_FILE: production encrypts/)]);
  });

  it('when development has no key file, then payloads stay in clear and a warning says so', async () => {
    const log = { warn: vi.fn() };
    const payloads = await temporalPayloadsFromEnv({ NODE_ENV: 'development' }, log);
    expect(payloads).toEqual({
      codec: undefined,
      dataConverter: { failureConverterPath: FAILURE_CONVERTER_PATH },
    });
    expect(log.warn).toHaveBeenCalledWith(expect.stringMatching(/stored in clear/));
  });

  it('when a key file is given, then every client and worker gets its codec', async () => {
    const path = await fileWith('keys.json', generatePayloadKeys('k-2026'));
    const log = { warn: vi.fn() };
    const { codec, dataConverter } = await temporalPayloadsFromEnv(
      { NODE_ENV: 'production', TEMPORAL_PAYLOAD_KEYS_FILE: path },
      log,
    );
    expect(codec).toBeInstanceOf(EncryptionCodec);
    expect((codec as EncryptionCodec).activeKeyId).toBe('k-2026');
    expect(dataConverter.payloadCodecs).toEqual([codec]);
    expect(log.warn).not.toHaveBeenCalled();
  });
});

describe('payloads of a history', () => {
  it('when a history is decoded in place, then its encrypted payloads (inputs, signals, memo) read again and plain ones stay', async () => {
    // Arrange
    const path = await fileWith('history-keys.json', generatePayloadKeys('h1'));
    const { codec } = temporalPayloads(new EncryptionCodec(await readPayloadKeyring(path)));
    if (!codec) throw new Error('no codec');
    const [input, signal, memo] = await codec.encode(
      [{ pin: '001190012345' }, { requestId: 'r-1' }, 'filed-by'].map((v) =>
        defaultPayloadConverter.toPayload(v),
      ),
    );
    const history = temporal.api.history.v1.History.create({
      events: [
        {
          workflowExecutionStartedEventAttributes: {
            input: { payloads: [input ?? {}] },
            memo: { fields: { filedBy: memo ?? {} } },
            header: { fields: { plain: defaultPayloadConverter.toPayload(1) } },
          },
        },
        { workflowExecutionSignaledEventAttributes: { input: { payloads: [signal ?? {}] } } },
      ],
    });
    // Act
    const found = payloadsIn(history);
    await decodePayloadsIn(history, codec);
    // Assert
    expect(found).toHaveLength(4);
    expect(payloadsIn(history).map((p) => defaultPayloadConverter.fromPayload(p))).toEqual([
      { pin: '001190012345' },
      'filed-by',
      1,
      { requestId: 'r-1' },
    ]);
  });
});
