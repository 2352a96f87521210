import { z } from 'zod';
import { Problem as PublicProblem } from '@shopmesh/contracts';
import { API_OPERATIONS } from './api-operations';
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
    body: { name: 'NewThing', schema: Body, example: { name: 'sprocket' }, extend: { oneOf: [{ required: ['name'] }] } },
    errors: [409],
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
      { name: 'id', in: 'path', required: true, schema: expect.objectContaining({ type: 'string', format: 'uuid' }) },
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

  it('when an operation needs a token, then it names the bearer scheme', () => {
    expect(doc.paths['/things']!.post.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.paths['/things/{id}']!.get).not.toHaveProperty('security');
  });

  it('when errors are documented, then each status the operation answers is listed with the Problem schema and there is no catch-all default', () => {
    const post = doc.paths['/things']!.post;
    const get = doc.paths['/things/{id}']!.get;

    expect(Object.keys(post.responses)).toEqual(['201', '400', '401', '409', '413', '415', '429', '502', '503']);
    expect(Object.keys(get.responses)).toEqual(['200', '400', '401', '404', '429', '502', '503']);
    expect(post.responses).not.toHaveProperty('default');
    expect(post.responses['409'].content['application/problem+json'].schema).toEqual({ $ref: '#/components/schemas/Problem' });
  });

  it('when a body has an example and extra rules, then the example is on the request body and the rules on its schema', () => {
    const post = doc.paths['/things']!.post;

    expect(post.requestBody.content['application/json'].example).toEqual({ name: 'sprocket' });
    expect(doc.components.schemas.NewThing.oneOf).toEqual([{ required: ['name'] }]);
  });
});

describe('the public API document', () => {
  const api = buildOpenApi(API_OPERATIONS, { title: 'ShopMesh API', version: '1', serverUrl: '/api/v1', problem: PublicProblem }) as typeof doc;
  const operations = Object.entries(api.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));

  it('when any operation is read, then it has no default response and every request body has an example', () => {
    for (const { path, method, op } of operations) {
      expect({ path, method, hasDefault: 'default' in op.responses }).toEqual({ path, method, hasDefault: false });
      if (op.requestBody)
        expect({ path, method, example: op.requestBody.content['application/json'].example !== undefined }).toEqual({ path, method, example: true });
    }
  });

  it('when a path has an id, then it is a uuid; a category slug has its pattern', () => {
    const ids = operations.flatMap(({ op }) => (op.parameters ?? []).filter((p: { in: string }) => p.in === 'path'));
    for (const param of ids) {
      if (param.name === 'slug') expect(param.schema.pattern).toBeDefined();
      else expect(param.schema.format).toBe('uuid');
    }
  });

  it('when an order is placed, then the document says exactly one of addressId or shippingAddress', () => {
    expect(api.components.schemas.PlaceOrderRequest.oneOf).toEqual([{ required: ['addressId'] }, { required: ['shippingAddress'] }]);
  });

  it('when a notification is marked read or a payment approved, then the statuses are the ones the services answer', () => {
    expect(Object.keys(api.paths['/notifications/{id}/read']!.post.responses)).toContain('200');
    expect(Object.keys(api.paths['/orders/{id}/payment/approve']!.post.responses)).toContain('202');
  });
});
