import { Problem, TokenResponse, type UserProfile } from '@shopmesh/contracts';
import type { z } from 'zod';

/** What the client keeps of a signed-in user between page loads. */
export interface Session {
  accessToken: string;
  refreshToken: string;
  /** Epoch ms after which the access token is refreshed before use. */
  expiresAt: number;
  user: UserProfile;
}

/** Where the session lives: localStorage in the app, memory in tests. */
export interface SessionStorage {
  load(): Session | null;
  save(session: Session | null): void;
}

/** An API call that failed: an HTTP problem (status > 0) or no answer at all (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly problem?: Problem,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Field errors of a 400/422 keyed by the API's field name (`body.payment.cvc`). */
  get fieldErrors(): Record<string, string> {
    return Object.fromEntries((this.problem?.errors ?? []).map((e) => [e.field, e.message]));
  }

  /** A 5xx or a network failure: worth a retry button. */
  get retryable(): boolean {
    return this.status === 0 || this.status >= 500 || this.status === 429;
  }

  get code(): string | undefined {
    return this.problem?.code;
  }
}

export interface RequestOptions<S extends z.ZodType | undefined> {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Record<string, string | number | undefined | null>;
  body?: unknown;
  headers?: Record<string, string>;
  /** Parses the answer; without it the answer is discarded. */
  schema?: S;
  /** Sees the headers of a successful answer (a guest cart's signed id comes back in one). */
  onHeaders?: (headers: Headers) => void;
}

type Answer<S> = S extends z.ZodType ? z.infer<S> : void;

export interface ApiClientOptions {
  /** Base of the API, e.g. `/api/v1`. */
  baseUrl: string;
  storage: SessionStorage;
  fetch?: typeof fetch;
  now?: () => number;
}

/** Refresh a little before the access token runs out, so a request in flight does not carry a stale one. */
const REFRESH_MARGIN_MS = 30_000;

/**
 * The one HTTP client of the storefront. It sends the bearer token, refreshes it when it is about to
 * expire or a call answers 401 (once, shared by concurrent callers since refresh tokens are single use),
 * ends the session when the refresh is refused, and turns every failure into an {@link ApiError}.
 */
export function createApiClient(options: ApiClientOptions) {
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const now = options.now ?? Date.now;
  let session = options.storage.load();
  let refreshing: Promise<Session | null> | null = null;
  const listeners = new Set<(s: Session | null) => void>();

  const setSession = (next: Session | null) => {
    session = next;
    options.storage.save(next);
    for (const listener of listeners) listener(next);
  };

  const toSession = (tokens: TokenResponse): Session => ({
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    expiresAt: now() + tokens.expiresIn * 1000,
    user: tokens.user,
  });

  const url = (path: string, query?: RequestOptions<undefined>['query']) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
    const search = params.toString();
    return `${options.baseUrl}${path}${search ? `?${search}` : ''}`;
  };

  const send = async (path: string, opts: RequestOptions<z.ZodType | undefined>, token: string | undefined): Promise<Response> => {
    const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    try {
      return await doFetch(url(path, opts.query), {
        method: opts.method ?? 'GET',
        headers,
        ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
      });
    } catch {
      throw new ApiError(0, 'The shop could not be reached. Check your connection and try again.');
    }
  };

  const failure = async (res: Response): Promise<ApiError> => {
    const json: unknown = await res.json().catch(() => undefined);
    const problem = Problem.safeParse(json);
    if (problem.success) return new ApiError(res.status, problem.data.detail || problem.data.title, problem.data);
    return new ApiError(res.status, res.status >= 500 ? 'The shop had a problem answering. Please try again.' : `Request failed (${res.status})`);
  };

  const refresh = (): Promise<Session | null> => {
    const current = session;
    if (!current) return Promise.resolve(null);
    refreshing ??= (async () => {
      try {
        const res = await send('/auth/refresh', { method: 'POST', body: { refreshToken: current.refreshToken } }, undefined);
        if (!res.ok) {
          // A refused refresh ends the session; a 5xx or outage keeps it for the next try.
          if (res.status < 500) setSession(null);
          return null;
        }
        const next = toSession(TokenResponse.parse(await res.json()));
        setSession(next);
        return next;
      } catch {
        return null;
      } finally {
        refreshing = null;
      }
    })();
    return refreshing;
  };

  const validToken = async (): Promise<string | undefined> => {
    if (!session) return undefined;
    if (session.expiresAt - REFRESH_MARGIN_MS > now()) return session.accessToken;
    return (await refresh())?.accessToken ?? session?.accessToken;
  };

  async function request<S extends z.ZodType | undefined = undefined>(path: string, opts: RequestOptions<S> = {}): Promise<Answer<S>> {
    const token = await validToken();
    let res = await send(path, opts, token);
    if (res.status === 401 && token) {
      const renewed = await refresh();
      if (renewed) res = await send(path, opts, renewed.accessToken);
    }
    if (!res.ok) throw await failure(res);
    opts.onHeaders?.(res.headers);
    if (!opts.schema || res.status === 204) return undefined as Answer<S>;
    const json: unknown = await res.json();
    const parsed = opts.schema.safeParse(json);
    if (!parsed.success) throw new ApiError(502, 'The shop answered in a form this page does not understand.');
    return parsed.data as Answer<S>;
  }

  return {
    request,
    /** The current session, if any. */
    session: () => session,
    /** Starts a session from a login or register answer. */
    signIn: (tokens: TokenResponse) => setSession(toSession(tokens)),
    signOut: () => setSession(null),
    /** Keeps the session's copy of the profile current after an edit. */
    updateUser: (user: UserProfile) => session && setSession({ ...session, user }),
    /** A fresh access token for calls that cannot use headers (EventSource). */
    accessToken: validToken,
    url,
    onSessionChange(listener: (s: Session | null) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;

/** Keeps the session in localStorage so a reload stays signed in. */
export function localSessionStorage(key = 'shopmesh.session'): SessionStorage {
  return {
    load() {
      try {
        const raw = localStorage.getItem(key);
        return raw ? (JSON.parse(raw) as Session) : null;
      } catch {
        return null;
      }
    },
    save(s) {
      if (s) localStorage.setItem(key, JSON.stringify(s));
      else localStorage.removeItem(key);
    },
  };
}
