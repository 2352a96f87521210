import type Koa from 'koa';
import { ZodError } from 'zod';
import { DomainError, type FieldProblem } from '../errors';
import type { Logger } from '../logger';

/** Turns zod issues into field problems; `where` prefixes the path (body, query, params, headers). */
export function zodProblems(error: ZodError, where?: string): FieldProblem[] {
  return error.issues.map((issue) => {
    const path = [where, ...issue.path.map(String)].filter(Boolean).join('.');
    return { field: path || '(root)', message: issue.message };
  });
}

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: string;
  errors?: FieldProblem[];
}

function render(ctx: Koa.Context, problem: Problem, headers: Record<string, string> = {}): void {
  ctx.status = problem.status;
  ctx.set(headers);
  ctx.type = 'application/problem+json';
  ctx.body = problem;
}

/** koa-style errors (ctx.throw, raw-body's 413) carry `status` and `expose`. */
function isHttpError(err: unknown): err is { status: number; expose?: boolean; message: string } {
  return typeof err === 'object' && err !== null && typeof (err as { status?: unknown }).status === 'number';
}

/**
 * The single error middleware, first in every chain: DomainError and ZodError become problem+json with
 * their status; anything else is logged once and answered with a bare 500.
 */
export function problemMiddleware(logger: Logger): Koa.Middleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) {
        render(ctx, base(ctx, 404, 'not-found', `No route for ${ctx.method} ${ctx.path}`));
      } else if (ctx.status === 405 && ctx.body === undefined) {
        // The router's answer for a known path and another method: its Allow header stays.
        render(ctx, base(ctx, 405, 'method-not-allowed', `Method ${ctx.method} is not allowed on ${ctx.path}`));
      }
    } catch (err) {
      if (err instanceof DomainError && err.status < 500) {
        render(ctx, { ...base(ctx, err.status, err.code, err.message), ...(err.errors.length ? { errors: err.errors } : {}) }, err.headers);
      } else if (err instanceof DomainError) {
        // A 5xx keeps its status and code for clients and retries, but its message (which may name
        // hosts or internal errors) goes to the log only.
        logger.error({ err, requestId: ctx.state.requestId, path: ctx.path }, 'request failed');
        render(ctx, base(ctx, err.status, err.code, err.expose ? err.message : (titles[err.status] ?? 'Server error')), err.headers);
      } else if (err instanceof ZodError) {
        const errors = zodProblems(err);
        render(ctx, { ...base(ctx, 400, 'validation-failed', errors.map((e) => `${e.field}: ${e.message}`).join('; ')), errors });
      } else if (isHttpError(err) && err.status >= 400 && err.status < 500) {
        render(ctx, base(ctx, err.status, codeFor(err.status), err.expose === false ? 'Bad request' : err.message));
      } else {
        logger.error({ err, requestId: ctx.state.requestId, path: ctx.path }, 'unhandled error');
        render(ctx, base(ctx, 500, 'internal', 'Internal server error'));
      }
    }
  };
}

function codeFor(status: number): string {
  if (status === 413) return 'payload-too-large';
  if (status === 415) return 'unsupported-media-type';
  return 'bad-request';
}

function base(ctx: Koa.Context, status: number, code: string, detail: string): Problem {
  return {
    type: `https://shopmesh.dev/problems/${code}`,
    title: titles[status] ?? 'Error',
    status,
    detail,
    instance: ctx.path,
    code,
  };
}

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  423: 'Locked',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};
