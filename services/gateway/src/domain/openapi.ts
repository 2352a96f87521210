import { z } from 'zod';

/** A schema that lands in `components.schemas` under its name. */
export interface NamedSchema {
  name: string;
  schema: z.ZodType;
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
  response: { status: number; description: string; schema?: NamedSchema; contentType?: string };
}

type JsonSchema = Record<string, unknown>;

const PROBLEM = 'Problem';

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const out = { ...(z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema) };
  delete out.$schema;
  return out;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

function parameters(op: ApiOperation): JsonSchema[] {
  const path = [...op.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
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

/**
 * Assembles an OpenAPI 3.1 document (whose schema dialect is JSON Schema 2020-12, what zod emits):
 * request bodies as the schemas accept them, responses as they are produced, errors as problem+json.
 */
export function buildOpenApi(
  operations: readonly ApiOperation[],
  options: { title: string; version: string; serverUrl: string; problem: z.ZodType },
): JsonSchema {
  const schemas: Record<string, JsonSchema> = { [PROBLEM]: jsonSchema(options.problem, 'output') };
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const op of operations) {
    if (op.body) schemas[op.body.name] ??= jsonSchema(op.body.schema, 'input');
    if (op.response.schema) schemas[op.response.schema.name] ??= jsonSchema(op.response.schema.schema, 'output');
    const openApiPath = op.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const params = parameters(op);
    (paths[openApiPath] ??= {})[op.method] = {
      summary: op.summary,
      tags: [op.tag],
      ...(op.auth ? { security: [{ bearerAuth: [] }] } : {}),
      ...(params.length ? { parameters: params } : {}),
      ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: ref(op.body.name) } } } } : {}),
      responses: {
        [String(op.response.status)]: {
          description: op.response.description,
          ...(op.response.schema || op.response.contentType
            ? { content: { [op.response.contentType ?? 'application/json']: { schema: op.response.schema ? ref(op.response.schema.name) : {} } } }
            : {}),
        },
        default: { description: 'Error', content: { 'application/problem+json': { schema: ref(PROBLEM) } } },
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
