import { z } from 'zod';
import { buildOpenApi, type ApiOperation } from './openapi';

const Problem = z.object({ code: z.string() });
const Body = z.object({ name: z.string().min(1), role: z.enum(['a', 'b']).default('a') });
const Out = z.object({ id: z.uuid(), createdAt: z.iso.datetime() });

const operations: ApiOperation[] = [
  {
    method: 'post',
    path: '/things',
    tag: 't',
    summary: 'Create',
    auth: true,
    body: { name: 'NewThing', schema: Body },
    response: { status: 201, description: 'OK', schema: { name: 'Thing', schema: Out } },
  },
  {
    method: 'get',
    path: '/things/:id',
    tag: 't',
    summary: 'Read',
    query: z.object({ page: z.coerce.number().int().min(1).default(1) }),
    response: { status: 200, description: 'OK', schema: { name: 'Thing', schema: Out } },
  },
];

const doc = buildOpenApi(operations, { title: 'T', version: '1', serverUrl: '/api/v1', problem: Problem }) as {
  openapi: string;
  paths: Record<string, Record<string, any>>;
  components: { schemas: Record<string, any> };
};

describe('assembling the OpenAPI document', () => {
  it('when operations are given, then each lands under its path with :params turned into {params}', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(['/things', '/things/{id}']);
    expect(doc.paths['/things/{id}']!.get.parameters).toEqual([
      { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
      { name: 'page', in: 'query', required: false, schema: expect.objectContaining({ type: 'integer', minimum: 1 }) },
    ]);
  });

  it('when a body and a response are named, then they are components referenced by $ref', () => {
    const post = doc.paths['/things']!.post;

    expect(post.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/NewThing' });
    expect(post.responses['201'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Thing' });
    expect(doc.components.schemas.NewThing).toMatchObject({ type: 'object', required: ['name'] });
    expect(doc.components.schemas.Thing.properties.id).toMatchObject({ type: 'string', format: 'uuid' });
    expect(doc.components.schemas.Thing).not.toHaveProperty('$schema');
  });

  it('when an operation needs a token, then it names the bearer scheme, and errors point at Problem', () => {
    const post = doc.paths['/things']!.post;

    expect(post.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.paths['/things/{id}']!.get).not.toHaveProperty('security');
    expect(post.responses.default.content['application/problem+json'].schema).toEqual({ $ref: '#/components/schemas/Problem' });
  });
});
