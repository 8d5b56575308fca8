// Free text refused at the door unless safe (domain/safe-text.ts): shared with the applications here.
import { z } from 'zod';
export { safeText, safeWord } from '../../domain/safe-text';

/** A code as people type it, read by `parse` (any letter case, dashes…); refused with `message` if not one. */
export const readAs =
  (parse: (text: string) => string | undefined, message: string) =>
  (text: string, context: z.RefinementCtx): string => {
    const value = parse(text);
    if (value !== undefined) return value;
    context.addIssue({ code: 'custom', message });
    return z.NEVER;
  };
