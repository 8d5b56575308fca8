// Free text refused at the door unless safe (domain/safe-text.ts): shared with the applications here.
export { safeText, safeWord } from '../../domain/safe-text';
