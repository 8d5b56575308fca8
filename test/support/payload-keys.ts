// The tests' payload keys: fixed, so the histories recorded encrypted (`make histories`) replay
// wherever the suite runs. Test keys only: they protect nothing but test data.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataConverter } from '@temporalio/common';
import { temporalPayloads } from '../../config/data-converter';
import { EncryptionCodec } from '../../config/payload-codec';
import { keyringOf, type PayloadKeysFile } from '../../config/payload-keys';

export const TEST_PAYLOAD_KEYS: PayloadKeysFile = {
  active: 'test-1',
  keys: { 'test-1': 'cdJZLSrw2PalH/xkA0P1hcrXK+Le67lrTep66wYWCtc=' },
};

/** The codec every client and worker of the test stack shares. */
export const testPayloadCodec = new EncryptionCodec(keyringOf(TEST_PAYLOAD_KEYS));

/** Their data converter (config/data-converter.ts), for tests that make their own clients or workers. */
export const testDataConverter: DataConverter = temporalPayloads(testPayloadCodec).dataConverter;

let keysFile: string | undefined;
/** The same keys as a TEMPORAL_PAYLOAD_KEYS_FILE, for a worker or API the test starts as a process. */
export function testPayloadKeysFile(): string {
  if (!keysFile) {
    const dir = mkdtempSync(join(tmpdir(), 'lien-thong-payload-keys-'));
    keysFile = join(dir, 'payload-keys.json');
    writeFileSync(keysFile, JSON.stringify(TEST_PAYLOAD_KEYS), { mode: 0o600 });
  }
  return keysFile;
}
