/** One invalid field of a request, as listed in a problem+json `errors` array. */
export interface FieldProblem {
  /** Dotted path of the field, e.g. `shippingAddress.country` or `query.pageSize`. */
  field: string;
  message: string;
}

/**
 * The one error type of ShopMesh: domain code throws it, the error middleware renders it as RFC 9457
 * problem+json with its status. Only 4xx messages reach clients.
 */
export class DomainError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors: FieldProblem[] = [],
    readonly headers: Record<string, string> = {},
    /** A 5xx whose message is written for clients (what is missing and how to fix it); 4xx always are. */
    readonly expose = false,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** 400 for a single invalid field that a schema could not catch. */
export const invalidField = (field: string, message: string): DomainError =>
  new DomainError(400, 'validation-failed', `${field}: ${message}`, [{ field, message }]);
/** 401: no or bad credentials. */
export const unauthorized = (message = 'Authentication required'): DomainError =>
  new DomainError(401, 'unauthorized', message, [], { 'www-authenticate': 'Bearer' });
/** 403: authenticated but not allowed. */
export const forbidden = (message = 'Not allowed'): DomainError => new DomainError(403, 'forbidden', message);
/** 404 naming what was missing. */
export const notFound = (what: string): DomainError => new DomainError(404, 'not-found', `${what} not found`);
/** 409 for a state conflict. */
export const conflict = (code: string, message: string): DomainError => new DomainError(409, code, message);

/** A state write lost to another writer: a stale etag, or a create-if-absent on a key that exists. */
export const staleState = (key: string, why = 'was changed by someone else'): DomainError => conflict('etag-mismatch', `State ${key} ${why}`);

/** True for the error {@link staleState} makes, whichever store raised it. */
export const isStaleState = (err: unknown): boolean => err instanceof DomainError && err.code === 'etag-mismatch';
/** 422 for a well-formed request the shop cannot honour (e.g. not enough stock). */
export const unprocessable = (code: string, message: string): DomainError => new DomainError(422, code, message);
/** 503 a client may act on: the message says what is missing and how to fix it, so it is shown. */
export const unavailableFeature = (code: string, message: string): DomainError => new DomainError(503, code, message, [], {}, true);
