import { randomBytes } from 'node:crypto';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import {
  ENCRYPTED_ENCODING,
  EncryptionCodec,
  KEY_ID_METADATA,
  UnknownPayloadKeyError,
} from '../../config/payload-codec';

const text = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? []).toString('utf8');

const keys = { k1: randomBytes(32), k2: randomBytes(32) };
const codecOf = (active: keyof typeof keys, ...held: (keyof typeof keys)[]) =>
  new EncryptionCodec({ active, keys: new Map(held.map((id) => [id, keys[id]])) });

/** What a worker or client hands the codec: the JSON of a filing, with its people. */
const filing = (): Payload =>
  defaultPayloadConverter.toPayload({
    applicant: { pin: '001190012345', fullName: 'Nguyễn Thị Hoa', phone: '0912345678' },
  });

async function encrypted(codec: EncryptionCodec): Promise<Payload> {
  const [one] = await codec.encode([filing()]);
  if (!one) throw new Error('no payload encoded');
  return one;
}

describe('EncryptionCodec', () => {
  it('when a payload is encoded and decoded, then the original comes back, and in between nothing of it shows', async () => {
    // Arrange
    const codec = codecOf('k1', 'k1');
    const original = filing();
    // Act
    const [sealed] = await codec.encode([original]);
    const [opened] = await codec.decode([sealed ?? {}]);
    // Assert
    expect(text(sealed?.metadata?.encoding)).toBe(ENCRYPTED_ENCODING);
    expect(text(sealed?.metadata?.[KEY_ID_METADATA])).toBe('k1');
    expect(Object.keys(sealed?.metadata ?? {}).sort()).toEqual(['encoding', KEY_ID_METADATA]);
    for (const secret of ['001190012345', 'Nguyễn', '0912345678', 'json/plain'])
      expect(Buffer.from(sealed?.data ?? []).includes(Buffer.from(secret))).toBe(false);
    expect(text(opened?.metadata?.encoding)).toBe('json/plain');
    expect(text(opened?.data)).toBe(text(original.data));
    expect(defaultPayloadConverter.fromPayload(opened ?? {})).toEqual(
      defaultPayloadConverter.fromPayload(original),
    );
  });

  it('when the same payload is encoded twice, then the two differ (a fresh nonce each time)', async () => {
    const codec = codecOf('k1', 'k1');
    const [a, b] = await codec.encode([filing(), filing()]);
    expect(Buffer.from(a?.data ?? []).subarray(0, 12)).not.toEqual(
      Buffer.from(b?.data ?? []).subarray(0, 12),
    );
    expect(Buffer.from(a?.data ?? [])).not.toEqual(Buffer.from(b?.data ?? []));
  });

  it('when a payload without data (undefined) is encoded, then it decodes to the same', async () => {
    const codec = codecOf('k1', 'k1');
    const nothing = defaultPayloadConverter.toPayload(undefined);
    const [opened] = await codec.decode(await codec.encode([nothing]));
    expect(defaultPayloadConverter.fromPayload(opened ?? {})).toBeUndefined();
  });

  it.each([
    ['the nonce', 0],
    ['the ciphertext', 20],
    ['the tag', -1],
  ])('when a byte of %s is changed, then decoding refuses the payload', async (_where, at) => {
    // Arrange
    const codec = codecOf('k1', 'k1');
    const sealed = await encrypted(codec);
    const data = Buffer.from(sealed.data ?? []);
    const i = at < 0 ? data.length + at : at;
    data[i] = (data[i] ?? 0) ^ 0x01;
    // Act, Assert
    await expect(codec.decode([{ ...sealed, data }])).rejects.toThrow(
      /failed authentication with key 'k1'/,
    );
  });

  it('when the keys are rotated (k2 active, k1 kept), then old payloads still decode and new ones use k2', async () => {
    // Arrange
    const before = await encrypted(codecOf('k1', 'k1'));
    const rotated = codecOf('k2', 'k1', 'k2');
    // Act
    const [old] = await rotated.decode([before]);
    const after = await encrypted(rotated);
    // Assert
    expect(defaultPayloadConverter.fromPayload(old ?? {})).toEqual(
      defaultPayloadConverter.fromPayload(filing()),
    );
    expect(text(after.metadata?.[KEY_ID_METADATA])).toBe('k2');
    await expect(codecOf('k2', 'k2').decode([after])).resolves.toHaveLength(1);
  });

  it('when a payload names a key the keyring does not hold, then decoding fails naming that key', async () => {
    const sealed = await encrypted(codecOf('k1', 'k1'));
    const decoding = codecOf('k2', 'k2').decode([sealed]);
    await expect(decoding).rejects.toBeInstanceOf(UnknownPayloadKeyError);
    await expect(decoding).rejects.toThrow(/key 'k1', which TEMPORAL_PAYLOAD_KEYS_FILE/);
  });

  it('when a key id is swapped for another held key, then decoding refuses the payload', async () => {
    const sealed = await encrypted(codecOf('k1', 'k1', 'k2'));
    const relabelled = {
      ...sealed,
      metadata: { ...sealed.metadata, [KEY_ID_METADATA]: Buffer.from('k2') },
    };
    await expect(codecOf('k1', 'k1', 'k2').decode([relabelled])).rejects.toThrow(
      /failed authentication with key 'k2'/,
    );
  });

  it('when a payload is not encrypted (a history from before), then decoding passes it through unchanged', async () => {
    const plain = filing();
    const [passed] = await codecOf('k1', 'k1').decode([plain]);
    expect(passed).toBe(plain);
  });

  it('when the active key is not in the keyring, or a key is not 32 bytes, then the codec is refused', () => {
    expect(() => new EncryptionCodec({ active: 'k9', keys: new Map([['k1', keys.k1]]) })).toThrow(
      /active payload key 'k9'/,
    );
    expect(
      () => new EncryptionCodec({ active: 'k1', keys: new Map([['k1', randomBytes(16)]]) }),
    ).toThrow(/16 bytes, not 32/);
  });
});
