// What a file is, from its bytes (file-type's signatures), never from its name or the type a client
// declared: an executable renamed `.pdf` is still an executable. Only the dossier's scan formats pass.
import { fileTypeFromBuffer } from 'file-type';

export const ACCEPTED_MEDIA_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type AcceptedMediaType = (typeof ACCEPTED_MEDIA_TYPES)[number];

export const EXTENSION: Record<AcceptedMediaType, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
};

const isAccepted = (mime: string): mime is AcceptedMediaType =>
  (ACCEPTED_MEDIA_TYPES as readonly string[]).includes(mime);

/** The accepted media type the bytes are, or what they look like instead (undefined: unknown). */
export async function sniff(
  bytes: Buffer,
): Promise<{ accepted: AcceptedMediaType } | { refused: string | undefined }> {
  const type = await fileTypeFromBuffer(bytes);
  if (type && isAccepted(type.mime)) return { accepted: type.mime };
  return { refused: type?.mime };
}
