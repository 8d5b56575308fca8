// Reads one upload from a multipart/form-data request with busboy, within hard limits enforced while
// the bytes arrive: a file past `maxBytes` stops being kept at once (busboy's fileSize limit) and the
// request is answered 413; nothing beyond the limit is ever held in memory. Exactly one part named
// `file` and one field named `item`; anything else is refused with the part it concerns.
import type { Request } from 'express';
import busboy from 'busboy';
import { ApiError } from '../../domain/errors';
import { HttpProblem, validationProblem, type ProblemIssue } from '../problem';
import { rule } from '../../domain/rule-texts';

export interface UploadLimits {
  /** Largest file kept, in bytes (10 MiB). */
  maxBytes: number;
}

export interface ReceivedUpload {
  bytes: Buffer;
  /** The `item` field as sent: validated by the caller with the dossier's text rules. */
  item: string | undefined;
}

/** Room for the multipart framing and the `item` field around the file itself. */
const FRAMING_BYTES = 64 * 1024;
/**
 * After refusing a body as too large, so many more bytes are read (and dropped, never kept) to let
 * the client finish sending and read the 413; past that its connection is cut.
 */
const DRAIN_ALLOWANCE_BYTES = 16 * 1024 * 1024;

const tooLarge = (maxBytes: number) =>
  new HttpProblem(
    ApiError.PAYLOAD_TOO_LARGE,
    {
      vi: `tệp lớn hơn ${maxBytes / 1_048_576} MiB, mức tối đa cho một tệp đính kèm`,
      en: `the file is larger than ${maxBytes / 1_048_576} MiB, the most one attachment may be`,
    },
    { maxBytes },
    { Connection: 'close' },
  );

const bodyIssue = (pointer: string, detail: string): ProblemIssue => ({
  in: 'body',
  pointer,
  detail,
});

/** Reads the rest of a refused request without keeping it, then lets the connection go. */
function drain(req: Request): void {
  let dropped = 0;
  req.on('data', (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > DRAIN_ALLOWANCE_BYTES) req.socket.destroy();
  });
  req.resume();
}

export function readUpload(req: Request, limits: UploadLimits): Promise<ReceivedUpload> {
  const declared = Number(req.get('content-length'));
  if (Number.isFinite(declared) && declared > limits.maxBytes + FRAMING_BYTES) {
    drain(req);
    return Promise.reject(tooLarge(limits.maxBytes));
  }
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: req.headers,
      limits: {
        fileSize: limits.maxBytes,
        files: 1,
        fields: 1,
        // Reached, not passed: busboy says so at the tenth part. A form has two.
        parts: 10,
        fieldSize: 1024,
        fieldNameSize: 20,
        headerPairs: 20,
      },
    });
  } catch {
    // No boundary, or not multipart at all.
    return Promise.reject(
      new HttpProblem(ApiError.UNSUPPORTED_MEDIA_TYPE, {
        vi: 'gửi nội dung dạng multipart/form-data có boundary',
        en: 'send multipart/form-data with a boundary',
      }),
    );
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let files = 0;
    let item: string | undefined;
    let settled = false;
    const issues: ProblemIssue[] = [];
    const refuse = (problem: HttpProblem) => {
      if (settled) return;
      settled = true;
      req.unpipe(parser);
      drain(req);
      reject(problem);
    };
    parser.on('file', (name, stream) => {
      files += 1;
      if (name !== 'file' || files > 1) {
        issues.push(bodyIssue(`/${name}`, rule('uploadOneFile')));
        stream.resume();
        return;
      }
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => refuse(tooLarge(limits.maxBytes)));
    });
    parser.on('field', (name, value, info) => {
      if (name !== 'item') issues.push(bodyIssue(`/${name}`, rule('uploadUnknownField')));
      else if (info.valueTruncated) issues.push(bodyIssue('/item', rule('uploadItemLength')));
      else item = value;
    });
    parser.on('filesLimit', () => issues.push(bodyIssue('/file', rule('uploadOneFileARequest'))));
    parser.on('partsLimit', () => issues.push(bodyIssue('', rule('uploadTooManyParts'))));
    // The whole body, framing and ignored parts included, is bounded too: a body that never ends
    // (chunked, no Content-Length) is cut off once it passes what one file and its form may be.
    let received = 0;
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > limits.maxBytes + FRAMING_BYTES) refuse(tooLarge(limits.maxBytes));
    });
    parser.on('fieldsLimit', () => issues.push(bodyIssue('', rule('uploadOneField'))));
    parser.on('error', (error: Error) =>
      refuse(validationProblem([bodyIssue('', `not a readable multipart body: ${error.message}`)])),
    );
    parser.on('close', () => {
      if (settled) return;
      settled = true;
      if (files === 0) issues.push(bodyIssue('/file', rule('uploadFileRequired')));
      if (issues.length > 0) reject(validationProblem(issues));
      else resolve({ bytes: Buffer.concat(chunks), item });
    });
    req.on('aborted', () => refuse(validationProblem([bodyIssue('', rule('uploadCut'))])));
    req.pipe(parser);
  });
}
