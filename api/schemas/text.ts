// Free text without control characters: defined with the applications' fields (domain), shared here.
export { trimmedText, VISIBLE_WORD } from '../../domain/application-fields';
