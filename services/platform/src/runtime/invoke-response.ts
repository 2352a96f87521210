import type { z } from 'zod';
import { Problem } from '@shopmesh/contracts';
import { DomainError } from '../errors';
import type { AppId, InvokeResponse } from './port';

/**
 * The `Invoker.json` rule shared by both adapters: 2xx is parsed with `schema`; a 4xx problem keeps the
 * callee's status, code, detail and field errors; anything else is a 502 naming the callee.
 */
export function readInvokeResponse<T>(appId: AppId, response: InvokeResponse, schema: z.ZodType<T>): T {
  const text = response.body.toString('utf8');
  if (response.status >= 200 && response.status < 300) {
    const parsed = schema.safeParse(text.length ? safeJson(text) : undefined);
    if (!parsed.success) throw new DomainError(502, 'upstream-invalid', `${appId} answered with an unexpected body`);
    return parsed.data;
  }
  if (response.status >= 400 && response.status < 500) {
    const problem = Problem.safeParse(safeJson(text));
    if (problem.success) {
      throw new DomainError(response.status, problem.data.code, problem.data.detail, problem.data.errors ?? []);
    }
    throw new DomainError(response.status, 'upstream-rejected', `${appId} answered ${response.status}`);
  }
  throw unavailable(appId, `answered ${response.status}`);
}

/** The 502 for a callee that failed or could not be reached. */
export const unavailable = (appId: AppId, why: string): DomainError => new DomainError(502, 'upstream-unavailable', `${appId} is unavailable (${why})`);

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
