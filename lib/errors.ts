// One error type for expected failures, translated once at each edge: routes map the code to an
// HTTP status, jobs map it to "retry" or "fail for good", rules map it to an errored result.
// Anything that is not an AppError is unexpected: routes answer 500 without internals, jobs retry.

export const errorCodes = {
  /** Input (payload, request body, query) does not match its schema. Never worth retrying. */
  VALIDATION: { http: 422, retryable: false },
  /** The thing asked for does not exist (or no longer does). */
  NOT_FOUND: { http: 404, retryable: false },
  /** The request conflicts with the current state (e.g. already stored). */
  CONFLICT: { http: 409, retryable: false },
  /** Not allowed by configuration (e.g. local clones disabled, token over plain http). */
  FORBIDDEN: { http: 403, retryable: false },
  /** A repository exceeds a configured cap (file count, size). Retrying gives the same answer. */
  LIMIT_EXCEEDED: { http: 422, retryable: false },
  /** An upstream (git server, forge API) failed or was unreachable; may work next time. */
  UPSTREAM: { http: 502, retryable: true },
  /** An operation ran out of time; may work next time. */
  TIMEOUT: { http: 504, retryable: true },
  /** The operation was cancelled (shutdown, caller abort); whoever owns the work retries it. */
  ABORTED: { http: 503, retryable: true },
  /** A bug or an unexpected state. */
  INTERNAL: { http: 500, retryable: true },
} as const;

export type ErrorCode = keyof typeof errorCodes;

export class AppError extends Error {
  readonly code: ErrorCode;
  /** Structured, secret-free details for logs and stored error records. */
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options: { cause?: unknown; details?: Record<string, unknown> } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.details = options.details;
  }

  get retryable(): boolean {
    return errorCodes[this.code].retryable;
  }

  get httpStatus(): number {
    return errorCodes[this.code].http;
  }
}

export function isAppError(err: unknown, code?: ErrorCode): err is AppError {
  return err instanceof AppError && (code === undefined || err.code === code);
}

/** Whether a job that threw this should be retried: AppErrors say so themselves; anything unexpected is retried. */
export function isRetryable(err: unknown): boolean {
  return err instanceof AppError ? err.retryable : true;
}

/** A short message for storage and logs (no stack). */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
