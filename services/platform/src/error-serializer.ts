import pino from 'pino';

/** What a database error is logged as: what failed and where, never the values involved. */
export interface DatabaseErrorSummary {
  type: string;
  /** The SQLSTATE (`23505` unique violation, `23514` check violation, `22P02` bad input syntax, ...). */
  code: string;
  constraint?: string;
  schema?: string;
  table?: string;
  column?: string;
  routine?: string;
  /** The statement with every literal replaced by `?`: `insert into "users" ("id", "email") values (?, ?)`. */
  statement?: string;
  stack?: string;
}

const SQLSTATE = /^[0-9A-Z]{5}$/;
// A statement shape is for recognising the query; a whole bulk insert would only repeat itself.
const MAX_STATEMENT = 500;

/**
 * Whether `err` came from PostgreSQL (pg's DatabaseError or MikroORM's DriverException wrapping one):
 * a SQLSTATE code with the server's severity. Their message and `detail` carry the statement with the
 * values filled in (`Key (email)=(ada@example.com) already exists`).
 */
export function isDatabaseError(err: unknown): err is Error & Record<string, unknown> {
  if (!(err instanceof Error)) return false;
  const fields = err as unknown as Record<string, unknown>;
  return typeof fields.code === 'string' && SQLSTATE.test(fields.code) && typeof fields.severity === 'string';
}

// Dollar-quoted bodies, E'...' (backslash escapes), '...' (doubled quotes), "identifiers" (kept), numbers.
const SQL_TOKENS =
  /\$([A-Za-z_]\w*)?\$[\s\S]*?\$\1\$|(?<!\w)[eE]'(?:[^'\\]|\\.|'')*'|'(?:[^']|'')*'|"(?:[^"]|"")*"|(?<![\w$.])-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?\b/g;

/**
 * A SQL text with its literals replaced by `?`: quoted strings (also `E'...'` and doubled quotes),
 * numbers and dollar-quoted bodies. Identifiers (`"users"`, `t1`) and placeholders (`$1`) stay.
 */
export function statementShape(sql: string): string {
  // One left-to-right pass, so a quote inside one token is never taken for the start of another.
  return sql.replace(SQL_TOKENS, (token) => (token.startsWith('"') ? token : '?'));
}

/** The statement a driver error message starts with (`<sql> - <server message>`), as its shape. */
function statementOf(message: string): string | undefined {
  // Literals first: one could hold " - " itself.
  const shaped = statementShape(message);
  const end = shaped.indexOf(' - ');
  if (end <= 0) return undefined;
  const statement = shaped.slice(0, end).trim();
  return statement.length > MAX_STATEMENT ? `${statement.slice(0, MAX_STATEMENT)}…` : statement;
}

// The stack's first lines repeat the message; only the frames are kept.
const framesOf = (stack: string | undefined): string | undefined =>
  stack
    ?.split('\n')
    .filter((line) => line.trim().startsWith('at '))
    .join('\n');

/** A database error as it may be logged: code, constraint, table and statement shape, no values. */
export function summarizeDatabaseError(err: Error & Record<string, unknown>): DatabaseErrorSummary {
  const text = (key: string) => (typeof err[key] === 'string' && err[key] ? { [key]: err[key] as string } : {});
  const statement = statementOf(err.message);
  const stack = framesOf(err.stack);
  return {
    type: err.name,
    code: err.code as string,
    ...text('constraint'),
    ...text('schema'),
    ...text('table'),
    ...text('column'),
    ...text('routine'),
    ...(statement ? { statement } : {}),
    ...(stack ? { stack } : {}),
  };
}

/**
 * A message for an error that is fine to log or store: a database error's summary line, else the
 * message itself.
 */
export function safeErrorMessage(err: unknown): string {
  if (isDatabaseError(err)) {
    const s = summarizeDatabaseError(err);
    return `${s.type} (SQLSTATE ${s.code}${s.constraint ? `, constraint ${s.constraint}` : ''})${s.statement ? ` in: ${s.statement}` : ''}`;
  }
  return err instanceof Error ? err.message : String(err);
}

const causeOf = (err: Error): unknown => (err as { cause?: unknown }).cause;

function hasDatabaseCause(err: Error, depth = 0): boolean {
  const cause = causeOf(err);
  return depth < 5 && cause instanceof Error && (isDatabaseError(cause) || hasDatabaseCause(cause, depth + 1));
}

/**
 * pino's `err` serializer, except that a database error (or an error caused by one) is logged by
 * {@link summarizeDatabaseError}: pino's own would copy its message, detail and every other property,
 * and with them the values of the failed statement.
 */
export function serializeError(err: unknown, depth = 0): unknown {
  if (isDatabaseError(err)) return summarizeDatabaseError(err);
  if (!(err instanceof Error))
    return isErrorLike(err) ? { type: err.constructor.name || err.name, message: err.message, stack: err.stack } : plainErrorFields(err, depth);
  if (depth >= 5 || !hasDatabaseCause(err)) return pino.stdSerializers.err(err);
  // pino would fold the cause's message into this one's; the cause is serialized on its own instead.
  return { type: err.name, message: err.message, stack: framesOf(err.stack), cause: serializeError(causeOf(err), depth + 1) };
}

/**
 * Something thrown or logged as `err` that is not an Error (an error-like object): the errors it holds
 * are serialized too. Left as they are, the logger's redaction would walk into them, and walking into a
 * DOMException (an aborted fetch's TimeoutError) throws "Value of this must be of DOMException".
 */
function plainErrorFields(err: unknown, depth: number): unknown {
  if (err === null || typeof err !== 'object' || Array.isArray(err) || depth >= 5) return err;
  return Object.fromEntries(
    Object.entries(err).map(([key, value]) => [key, value instanceof Error || isErrorLike(value) ? serializeError(value, depth + 1) : value]),
  );
}

/** An error from another realm (a DOMException where DOMException does not extend this realm's Error). */
function isErrorLike(value: unknown): value is Error {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as Error).name === 'string' &&
    typeof (value as Error).message === 'string' &&
    typeof (value as Error).stack === 'string'
  );
}
