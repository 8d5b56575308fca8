// Namespaced error codes, defined once (STYLE rule 33). They travel as ApplicationFailure types through
// Temporal and as problem `type` suffixes through the API.
export const ProcedureError = {
  STEP_NOT_ALLOWED: 'PROCEDURE.STEP_NOT_ALLOWED',
  /** An agency answered 400/404 to our request: retrying the same request cannot succeed. */
  AGENCY_BAD_REQUEST: 'AGENCY.BAD_REQUEST',
  /**
   * PostgreSQL refused a read-model projection for good (text it cannot store, a value past its
   * limits): retrying the same write cannot succeed. The refusal is recorded for operators.
   */
  READ_MODEL_REFUSED: 'READ_MODEL.REFUSED',
} as const;
export type ProcedureError = (typeof ProcedureError)[keyof typeof ProcedureError];

export const ApiError = {
  VALIDATION: 'API.VALIDATION',
  UNAUTHENTICATED: 'API.UNAUTHENTICATED',
  FORBIDDEN: 'API.FORBIDDEN',
  NOT_FOUND: 'API.NOT_FOUND',
  CONFLICT: 'API.CONFLICT',
  /**
   * A filing whose business key has a case the caller may not see: refused without naming the case
   * (or saying more than the status does), so a stranger cannot look people up through it.
   */
  FILING_NOT_ACCEPTED: 'API.FILING_NOT_ACCEPTED',
  UNPROCESSABLE: 'API.UNPROCESSABLE',
  /** The Idempotency-Key came before with another request (method, path or body). */
  IDEMPOTENCY_KEY_REUSED: 'API.IDEMPOTENCY_KEY_REUSED',
  PAYLOAD_TOO_LARGE: 'API.PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'API.UNSUPPORTED_MEDIA_TYPE',
  RATE_LIMITED: 'API.RATE_LIMITED',
  UNAVAILABLE: 'API.UNAVAILABLE',
  /** A citizen filed a death without being the deceased's relative in the population database. */
  FILER_NOT_RELATIVE: 'API.FILER_NOT_RELATIVE',
  /** A person named as the deceased's relative is not one in the population database. */
  RELATIVE_NOT_REGISTERED: 'API.RELATIVE_NOT_REGISTERED',
  /** Form 09-HSB submitted by someone other than the applicant or a clerk of the commune. */
  DECLARATION_NOT_APPLICANT: 'API.DECLARATION_NOT_APPLICANT',
  /** An upload whose bytes are not a PDF, JPEG or PNG, whatever its name says. */
  UPLOAD_TYPE_REFUSED: 'API.UPLOAD_TYPE_REFUSED',
  /** The malware scanner found something in an upload: nothing was stored. */
  UPLOAD_INFECTED: 'API.UPLOAD_INFECTED',
  /** A filing or a supplement names an upload that is not the caller's (or no longer exists). */
  ATTACHMENT_UNKNOWN: 'API.ATTACHMENT_UNKNOWN',
  /** A filing or a supplement names an upload that is attached to a case already. */
  ATTACHMENT_TAKEN: 'API.ATTACHMENT_TAKEN',
  /** A case would hold more attachments than a case may. */
  TOO_MANY_ATTACHMENTS: 'API.TOO_MANY_ATTACHMENTS',
  INTERNAL: 'API.INTERNAL',
} as const;
export type ApiError = (typeof ApiError)[keyof typeof ApiError];
