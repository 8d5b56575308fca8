// Temporal keeps every workflow's and activity's arguments and results in its history: PINs, names,
// phone numbers, bank accounts. This codec encrypts each payload before it leaves the process, so
// the Temporal server (its database, its backups, its Web UI) holds ciphertext only.
//
// AES-256-GCM, with the layout Temporal's encryption samples use in every SDK (Go, Python, .NET), so
// their tools read ours: metadata `encoding: binary/encrypted` and `encryption-key-id: <id>`, and
// data = 96-bit nonce ‖ ciphertext ‖ 128-bit tag, the plaintext being the whole original Payload
// (metadata and data) protobuf-encoded. It runs in the worker's main thread and in clients, never in
// the workflow sandbox (the workflows bundle cannot import config/).
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import {
  METADATA_ENCODING_KEY,
  ValueError,
  type Payload,
  type PayloadCodec,
} from '@temporalio/common';
import { temporal } from '@temporalio/proto';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';

const ALGORITHM = 'aes-256-gcm';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
export const KEY_BYTES = 32;

/**
 * The keys payloads are encrypted with, by id. `active` encrypts everything new; the others stay to
 * decrypt histories written before a rotation, until no retained history uses them.
 */
export interface PayloadKeyring {
  active: string;
  keys: ReadonlyMap<string, Buffer>;
}

/** A payload names a key this process does not hold: rotated out too early, or another system's. */
export class UnknownPayloadKeyError extends ValueError {
  override name = 'UnknownPayloadKeyError';
  constructor(readonly keyId: string) {
    super(
      `payload encrypted with key '${keyId}', which TEMPORAL_PAYLOAD_KEYS_FILE does not hold: ` +
        'keep retired keys in the keyring while histories written with them are retained',
    );
  }
}

const utf8 = new TextEncoder();
const text = new TextDecoder();

export function isEncrypted(payload: Payload): boolean {
  const encoding = payload.metadata?.[METADATA_ENCODING_KEY];
  return encoding !== undefined && text.decode(encoding) === ENCRYPTED_ENCODING;
}

export class EncryptionCodec implements PayloadCodec {
  private readonly activeKey: Buffer;

  constructor(private readonly keyring: PayloadKeyring) {
    const key = keyring.keys.get(keyring.active);
    if (!key)
      throw new ValueError(`the active payload key '${keyring.active}' is not in the keyring`);
    for (const [id, bytes] of keyring.keys)
      if (bytes.length !== KEY_BYTES)
        throw new ValueError(`payload key '${id}' has ${bytes.length} bytes, not ${KEY_BYTES}`);
    this.activeKey = key;
  }

  /** The key new payloads are encrypted with. */
  get activeKeyId(): string {
    return this.keyring.active;
  }

  // Synchronous work, answered as promises that reject rather than throw (the interface's contract).
  encode(payloads: Payload[]): Promise<Payload[]> {
    return Promise.resolve().then(() => payloads.map((payload) => this.encrypt(payload)));
  }

  /** Payloads written before encryption (old histories, recorded fixtures) pass through as they are. */
  decode(payloads: Payload[]): Promise<Payload[]> {
    return Promise.resolve().then(() =>
      payloads.map((p) => (isEncrypted(p) ? this.decrypt(p) : p)),
    );
  }

  private encrypt(payload: Payload): Payload {
    // A fresh random nonce per payload: with one key, GCM stays safe for 2^32 of them.
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.activeKey, nonce, { authTagLength: TAG_BYTES });
    const plain = temporal.api.common.v1.Payload.encode(payload).finish();
    const data = Buffer.concat([nonce, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    return {
      metadata: {
        [METADATA_ENCODING_KEY]: utf8.encode(ENCRYPTED_ENCODING),
        [KEY_ID_METADATA]: utf8.encode(this.keyring.active),
      },
      data,
    };
  }

  private decrypt(payload: Payload): Payload {
    const keyIdBytes = payload.metadata?.[KEY_ID_METADATA];
    if (keyIdBytes === undefined) throw new ValueError('encrypted payload without a key id');
    const keyId = text.decode(keyIdBytes);
    const key = this.keyring.keys.get(keyId);
    if (!key) throw new UnknownPayloadKeyError(keyId);
    const data = payload.data ?? new Uint8Array();
    if (data.length < NONCE_BYTES + TAG_BYTES)
      throw new ValueError('encrypted payload too short to hold its nonce and tag');
    const nonce = data.subarray(0, NONCE_BYTES);
    const tag = data.subarray(data.length - TAG_BYTES);
    const decipher = createDecipheriv(ALGORITHM, key, nonce, { authTagLength: TAG_BYTES });
    decipher.setAuthTag(tag);
    let plain: Buffer;
    try {
      plain = Buffer.concat([
        decipher.update(data.subarray(NONCE_BYTES, data.length - TAG_BYTES)),
        decipher.final(),
      ]);
    } catch {
      // GCM's tag check: a changed byte of nonce, ciphertext or tag, or the wrong key under this id.
      throw new ValueError(`encrypted payload failed authentication with key '${keyId}'`);
    }
    const { metadata, data: original } = temporal.api.common.v1.Payload.decode(plain);
    return { metadata, data: original };
  }
}
