// RFC 9457 problem details: the one shape of every error this API returns, Vietnamese first with
// English on request (Accept-Language), never a stack trace.
import type { ErrorRequestHandler, Request } from 'express';
import {
  ServiceError,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
} from '@temporalio/client';
import { ApiError } from '../domain/errors';
import type { Logger } from '../config/logger';
import { rule, ruleMessage, type Language, type Words } from '../domain/rule-texts';

export interface ProblemIssue {
  /** Which part of the request: body, query, params or headers. */
  in: 'body' | 'query' | 'params' | 'headers';
  /** JSON pointer into that part, e.g. `/child/pin`. */
  pointer: string;
  /**
   * In both languages, or a catalogued rule's English words (domain/rule-texts.ts): either is said
   * in the caller's language when the problem is sent.
   */
  detail: string | Words;
}

const TITLES: Record<ApiError, { vi: string; en: string }> = {
  [ApiError.VALIDATION]: { vi: 'Dữ liệu không hợp lệ', en: 'Invalid request' },
  [ApiError.UNAUTHENTICATED]: { vi: 'Chưa xác thực', en: 'Not authenticated' },
  [ApiError.FORBIDDEN]: { vi: 'Không có quyền', en: 'Forbidden' },
  [ApiError.NOT_FOUND]: { vi: 'Không tìm thấy', en: 'Not found' },
  [ApiError.CONFLICT]: { vi: 'Đã tồn tại', en: 'Conflict' },
  [ApiError.FILING_NOT_ACCEPTED]: {
    vi: 'Không thể tiếp nhận hồ sơ này',
    en: 'This filing cannot be accepted',
  },
  [ApiError.UNPROCESSABLE]: { vi: 'Không thể thực hiện', en: 'Unprocessable request' },
  [ApiError.IDEMPOTENCY_KEY_REUSED]: {
    vi: 'Khóa Idempotency-Key đã được dùng cho một yêu cầu khác',
    en: 'This Idempotency-Key was used for a different request',
  },
  [ApiError.PAYLOAD_TOO_LARGE]: { vi: 'Dữ liệu quá lớn', en: 'Payload too large' },
  [ApiError.UNSUPPORTED_MEDIA_TYPE]: {
    vi: 'Kiểu nội dung không được hỗ trợ',
    en: 'Unsupported media type',
  },
  [ApiError.RATE_LIMITED]: { vi: 'Quá nhiều yêu cầu', en: 'Too many requests' },
  [ApiError.UNAVAILABLE]: { vi: 'Dịch vụ tạm thời không sẵn sàng', en: 'Service unavailable' },
  [ApiError.INTERNAL]: { vi: 'Lỗi hệ thống', en: 'Internal error' },
  [ApiError.FILER_NOT_RELATIVE]: {
    vi: 'Người nộp không phải thân nhân của người mất theo Cơ sở dữ liệu quốc gia về dân cư',
    en: 'The filer is not a relative of the deceased in the population database',
  },
  [ApiError.RELATIVE_NOT_REGISTERED]: {
    vi: 'Người được khai là thân nhân không có trong Cơ sở dữ liệu quốc gia về dân cư',
    en: 'A person named as a relative is not one in the population database',
  },
  [ApiError.DECLARATION_NOT_APPLICANT]: {
    vi: 'Chỉ người nộp hồ sơ hoặc công chức một cửa của xã nộp tờ khai mẫu 09-HSB',
    en: 'Only the applicant or a clerk of the commune submits the Form 09-HSB declaration',
  },
  [ApiError.UPLOAD_TYPE_REFUSED]: {
    vi: 'Tệp không phải PDF, JPEG hoặc PNG (xét theo nội dung, không theo tên tệp)',
    en: 'The file is not a PDF, JPEG or PNG (by its content, not its name)',
  },
  [ApiError.UPLOAD_INFECTED]: {
    vi: 'Tệp có mã độc: không được lưu',
    en: 'The file carries malware: it was not stored',
  },
  [ApiError.ATTACHMENT_UNKNOWN]: {
    vi: 'Không có tệp đã tải lên này của bạn (hoặc tệp đã hết hạn)',
    en: 'No such upload of yours (or it expired)',
  },
  [ApiError.ATTACHMENT_TAKEN]: {
    vi: 'Tệp đã được đính kèm vào một hồ sơ',
    en: 'The upload is attached to a case already',
  },
  [ApiError.TOO_MANY_ATTACHMENTS]: {
    vi: 'Hồ sơ đã có quá nhiều tệp đính kèm',
    en: 'The case would hold too many attachments',
  },
};

const STATUS: Record<ApiError, number> = {
  [ApiError.VALIDATION]: 400,
  [ApiError.UNAUTHENTICATED]: 401,
  [ApiError.FORBIDDEN]: 403,
  [ApiError.NOT_FOUND]: 404,
  [ApiError.CONFLICT]: 409,
  [ApiError.FILING_NOT_ACCEPTED]: 409,
  [ApiError.UNPROCESSABLE]: 422,
  [ApiError.IDEMPOTENCY_KEY_REUSED]: 422,
  [ApiError.PAYLOAD_TOO_LARGE]: 413,
  [ApiError.UNSUPPORTED_MEDIA_TYPE]: 415,
  [ApiError.RATE_LIMITED]: 429,
  [ApiError.UNAVAILABLE]: 503,
  [ApiError.INTERNAL]: 500,
  [ApiError.FILER_NOT_RELATIVE]: 403,
  [ApiError.RELATIVE_NOT_REGISTERED]: 422,
  [ApiError.DECLARATION_NOT_APPLICANT]: 403,
  [ApiError.UPLOAD_TYPE_REFUSED]: 400,
  [ApiError.UPLOAD_INFECTED]: 422,
  [ApiError.ATTACHMENT_UNKNOWN]: 422,
  [ApiError.ATTACHMENT_TAKEN]: 409,
  [ApiError.TOO_MANY_ATTACHMENTS]: 422,
};

export class HttpProblem extends Error {
  constructor(
    readonly code: ApiError,
    /** In both languages: the caller reads the one they accept, like the title. */
    readonly detail?: Words,
    readonly extensions: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail?.en ?? code);
    this.name = 'HttpProblem';
  }
  get status(): number {
    return STATUS[this.code];
  }
}

export const validationProblem = (issues: ProblemIssue[]) =>
  new HttpProblem(
    ApiError.VALIDATION,
    {
      vi: `${issues.length} trường không hợp lệ`,
      en: `${issues.length} invalid field${issues.length === 1 ? '' : 's'}`,
    },
    { errors: issues },
  );

/**
 * The caller's language: English when Accept-Language prefers it; without the header, the language
 * of the case a citizen asks about (`speakCaseLanguage`); else Vietnamese.
 */
export function language(req: Request): Language {
  if (req.get('accept-language') === undefined) {
    const spoken = (req.res?.locals as { caseLanguage?: Language } | undefined)?.caseLanguage;
    if (spoken) return spoken;
  }
  return req.acceptsLanguages('vi', 'en') === 'en' ? 'en' : 'vi';
}

/** Answers a caller who names no language in the language of the case they ask about. */
export function speakCaseLanguage(res: import('express').Response, caseLanguage: Language): void {
  (res.locals as { caseLanguage?: Language }).caseLanguage = caseLanguage;
}

/** A detail in `lang`: one said in both languages, or a catalogued rule's English words. */
const say = (detail: string | Words, lang: Language): string =>
  typeof detail === 'object' ? detail[lang] : ruleMessage({ message: detail }, lang);

/** Maps anything thrown in a handler to a problem; unknown errors are logged and hidden. */
function toProblem(error: unknown): HttpProblem | undefined {
  if (error instanceof HttpProblem) return error;
  if (error instanceof WorkflowNotFoundError) return new HttpProblem(ApiError.NOT_FOUND);
  if (error instanceof WorkflowExecutionAlreadyStartedError)
    return new HttpProblem(ApiError.CONFLICT);
  if (error instanceof ServiceError)
    return unavailable({
      vi: 'không kết nối được dịch vụ điều phối quy trình',
      en: 'workflow service unreachable',
    });
  if (isDatabaseUnavailable(error))
    return unavailable({ vi: 'không kết nối được cơ sở dữ liệu', en: 'database unreachable' });
  const bodyParser = error as { type?: unknown; status?: unknown };
  switch (bodyParser.type) {
    case 'entity.parse.failed':
      return validationProblem([{ in: 'body', pointer: '', detail: rule('notJson') }]);
    case 'entity.too.large':
      return new HttpProblem(ApiError.PAYLOAD_TOO_LARGE);
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new HttpProblem(ApiError.UNSUPPORTED_MEDIA_TYPE);
    default:
      return undefined;
  }
}

const unavailable = (detail: Words) =>
  new HttpProblem(ApiError.UNAVAILABLE, detail, {}, { 'Retry-After': '5' });

/** The population database is not configured, or cannot be reached: retried in a moment. */
export const populationUnavailable = (configured: boolean) =>
  unavailable(
    configured
      ? {
          vi: 'không kết nối được cơ sở dữ liệu quốc gia về dân cư',
          en: 'population database unreachable',
        }
      : {
          vi: 'chưa cấu hình cơ sở dữ liệu quốc gia về dân cư',
          en: 'population database not configured',
        },
  );

/** A caller's commune, and no other, is theirs to see. */
export const ONLY_OWN_COMMUNE: Words = {
  vi: 'chỉ được xem xã/phường của mình',
  en: 'only your own commune',
};

function isDatabaseUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  // Connection refused/reset, or the server shutting down / not accepting connections.
  return (
    typeof code === 'string' &&
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '57P01', '57P02', '57P03', '53300'].includes(code)
  );
}

export function sendProblem(
  req: Request,
  res: import('express').Response,
  problem: HttpProblem,
): void {
  const lang = language(req);
  const { errors, ...extensions } = problem.extensions as { errors?: unknown };
  res
    .status(problem.status)
    .set(problem.headers)
    .type('application/problem+json')
    .json({
      type: `/problems/${problem.code}`,
      title: TITLES[problem.code][lang],
      status: problem.status,
      code: problem.code,
      ...(problem.detail !== undefined && { detail: problem.detail[lang] }),
      instance: req.originalUrl,
      requestId: req.id,
      ...extensions,
      ...(Array.isArray(errors) && {
        errors: (errors as ProblemIssue[]).map((issue) => ({
          ...issue,
          detail: say(issue.detail, lang),
        })),
      }),
    });
}

export function errorMiddleware(log: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) return next(error);
    const problem = toProblem(error);
    if (problem) {
      if (problem.status >= 500) log.warn({ err: error, requestId: req.id }, problem.message);
      return sendProblem(req, res, problem);
    }
    log.error({ err: error, requestId: req.id }, 'unhandled error');
    sendProblem(req, res, new HttpProblem(ApiError.INTERNAL));
  };
}
