// Attachment settings for tests that call the attachment functions directly.
import { DEFAULT_ATTACHMENT_LIMITS } from '../../api/uploads/attachments';
import { noScanner } from '../../api/uploads/scanner';

export const defaultLimits = { scanner: noScanner, ...DEFAULT_ATTACHMENT_LIMITS };
