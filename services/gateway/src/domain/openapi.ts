import { z } from 'zod';

/** A schema that lands in `components.schemas` under its name. */
export interface NamedSchema {
  name: string;
  schema: z.ZodType;
  /** A valid instance, shown as the request body's example (every body has one). */
  example?: unknown;
  /**
   * JSON Schema keywords merged into what zod emits, for rules zod's export cannot carry (a refine
   * such as "exactly one of addressId or shippingAddress", the input form of a transformed string).
   */
  extend?: JsonSchema;
}

/** One operation of the public API, described with the contracts' schemas. */
export interface ApiOperation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Service path with `:param` placeholders, without the /api/v1 prefix. */
  path: string;
  summary: string;
  tag: string;
  /** Needs a bearer token. */
  auth?: boolean;
  query?: z.ZodObject;
  headers?: z.ZodObject;
  body?: NamedSchema;
  /** Path parameters by name; a parameter not named here is a UUID. */
  params?: Record<string, z.ZodType>;
  response: { status: number; description: string; schema?: NamedSchema; contentType?: string };
  /**
   * Error statuses this operation answers beyond those every operation of its kind does (see
   * {@link errorStatuses}): 409 for a conflict, 412 for a stale If-Match, 422 for a rule of the domain.
   */
  errors?: readonly number[];
  /** Roles other than customer need 403 when the token's role does not fit. */
  roles?: boolean;
}

type JsonSchema = Record<string, unknown>;

const PROBLEM = 'Problem';

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const out = { ...(z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema) };
  delete out.$schema;
  return out;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const UUID = z.uuid();

function parameters(op: ApiOperation): JsonSchema[] {
  const path = [...op.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => ({
    name: m[1],
    in: 'path',
    required: true,
    schema: jsonSchema(op.params?.[m[1]!] ?? UUID, 'input'),
  }));
  const fromObject = (object: z.ZodObject | undefined, where: 'query' | 'header') => {
    if (!object) return [];
    const schema = jsonSchema(object, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
    return Object.entries(schema.properties ?? {}).map(([name, property]) => ({
      name,
      in: where,
      required: schema.required?.includes(name) ?? false,
      schema: property,
    }));
  };
  return [...path, ...fromObject(op.query, 'query'), ...fromObject(op.headers, 'header')];
}

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'A parameter, header or body field is invalid (problem names each field)',
  401: 'No valid bearer token (or wrong credentials)',
  403: 'The token is valid but its role may not do this',
  404: 'No such resource (or not yours)',
  409: 'Conflicts with the current state',
  412: 'If-Match does not match the current ETag',
  413: 'The body is larger than the limit',
  415: 'The body is not UTF-8 JSON',
  422: 'Well-formed, but a rule of the domain refuses it',
  428: 'A required precondition header is missing',
  429: 'Rate limited (Retry-After says when to try again)',
  502: 'The service behind the gateway did not answer',
  503: 'A dependency is unavailable (Retry-After when known)',
};

/**
 * Every error status an operation can answer: what its shape implies (400 for any input, 401 for a
 * token, 404 for a path id, 413/415 for a body), what the edge adds to every operation (429 rate
 * limits, 502/503 when a service or the limiter is down) and the operation's own `errors`.
 */
export function errorStatuses(op: ApiOperation): number[] {
  const statuses = new Set<number>([429, 502, 503, ...(op.errors ?? [])]);
  if (op.query || op.headers || op.body || op.path.includes(':')) statuses.add(400);
  // A bearer token is checked at the edge on every path but the credential endpoints' (which list
  // their own 401 for wrong credentials).
  if (op.auth || !op.path.startsWith('/auth/')) statuses.add(401);
  if (op.roles) statuses.add(403);
  if (op.path.includes(':')) statuses.add(404);
  if (op.body) [413, 415].forEach((s) => statuses.add(s));
  return [...statuses].sort((a, b) => a - b);
}

/**
 * Assembles an OpenAPI 3.1 document (whose schema dialect is JSON Schema 2020-12, what zod emits):
 * request bodies as the schemas accept them (with an example each), responses as they are produced,
 * and each error status an operation answers ({@link errorStatuses}) as problem+json; no catch-all
 * `default`, so a status the document does not name is a finding.
 */
export function buildOpenApi(
  operations: readonly ApiOperation[],
  options: { title: string; version: string; serverUrl: string; problem: z.ZodType },
): JsonSchema {
  const schemas: Record<string, JsonSchema> = { [PROBLEM]: jsonSchema(options.problem, 'output') };
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const op of operations) {
    if (op.body) schemas[op.body.name] ??= { ...jsonSchema(op.body.schema, 'input'), ...op.body.extend };
    if (op.response.schema) schemas[op.response.schema.name] ??= jsonSchema(op.response.schema.schema, 'output');
    const openApiPath = op.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const params = parameters(op);
    (paths[openApiPath] ??= {})[op.method] = {
      summary: op.summary,
      tags: [op.tag],
      ...(op.auth ? { security: [{ bearerAuth: [] }] } : {}),
      ...(params.length ? { parameters: params } : {}),
      ...(op.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: ref(op.body.name), ...(op.body.example !== undefined ? { example: op.body.example } : {}) } },
            },
          }
        : {}),
      responses: {
        [String(op.response.status)]: {
          description: op.response.description,
          ...(op.response.schema || op.response.contentType
            ? { content: { [op.response.contentType ?? 'application/json']: { schema: op.response.schema ? ref(op.response.schema.name) : {} } } }
            : {}),
        },
        ...Object.fromEntries(
          errorStatuses(op).map((status) => [
            String(status),
            { description: ERROR_DESCRIPTIONS[status] ?? 'Error', content: { 'application/problem+json': { schema: ref(PROBLEM) } } },
          ]),
        ),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: options.title, version: options.version },
    servers: [{ url: options.serverUrl }],
    paths,
    components: { schemas, securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
  };
}
