import { readFile } from 'node:fs/promises';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { buildApiDescription } from '../../infra/api-description';
import { API_DESCRIPTION_FILE, apiDescriptionText } from '../../infra/bin/write-api-description';
import { API_ROUTES, ROUTE_FUNCTIONS, handlerEntry } from '../../infra/function-registry';
import { apiSchemaValidator } from '../fixtures/api-description-validator';

type Operations = Record<string, Record<string, { responses: Record<string, unknown>; requestBody?: unknown; parameters?: { name: string; in: string }[] }>>;

const committed = async () => JSON.parse(await readFile(API_DESCRIPTION_FILE, 'utf8')) as { paths: Operations };

describe('the OpenAPI description of the API', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator();
    const result = await validator.validate(buildApiDescription());
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('is committed as generated: a route, body or answer changed without it fails here', async () => {
    const onDisk = await readFile(API_DESCRIPTION_FILE, 'utf8');
    expect(onDisk === apiDescriptionText(), 'openapi.json is not what the contracts and the registry describe now: run `npm run build:openapi` and commit it').toBe(true);
  });

  it('documents every route of the registry with its method, and no route the registry does not have', async () => {
    const { paths } = await committed();
    const documented = Object.entries(paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`));
    expect(documented.sort()).toEqual(API_ROUTES.map(({ method, path }) => `${method} ${path}`).sort());
  });

  it('describes the body a route reads, its path parameters, its queries and its errors', async () => {
    const { paths } = await committed();
    expect(paths['/jobs']!.post!.requestBody).toMatchObject({ content: { 'application/json': { schema: { $ref: '#/components/schemas/CreateJobRequest' } } } });
    expect(Object.keys(paths['/jobs']!.post!.responses)).toEqual(['201', '400', '401', '413', '415', '422', '429', '500']);
    expect(paths['/jobs']!.get!.requestBody).toBeUndefined();
    expect(paths['/jobs/{jobId}/notes']!.get!.parameters!.map(({ name, in: where }) => `${where}:${name}`)).toEqual(['path:jobId', 'query:version', 'query:format']);
    expect(paths['/jobs/{jobId}']!.delete!.responses['404']).toMatchObject({
      content: { 'application/json': { schema: { allOf: [{ $ref: '#/components/schemas/ApiError' }, { properties: { error: { enum: ['JobNotFound'] } } }] } } },
    });
  });

  it('holds schemas that compile as JSON Schema 2020-12, and the error body a handler writes fits them', () => {
    const validate = apiSchemaValidator(buildApiDescription());
    const notFound = validate('GET', '/jobs/{jobId}', 404);
    expect(notFound({ error: 'JobNotFound', message: 'There is no such job.' })).toBe(true);
    expect(notFound({ error: 'Unauthorized', message: 'Sign in.' })).toBe(false);
    expect(validate('POST', '/jobs', 'request')({ fileName: 'talk.vtt', contentType: 'text/vtt', sizeBytes: 0 })).toBe(false);
  });

  it("declares every error a route's handler throws, under its status", async () => {
    const { paths } = await committed();
    const declared = (method: string, path: string, status: string) =>
      ((paths[path]![method.toLowerCase()]!.responses[status] as { content?: { 'application/json': { schema: { allOf: [unknown, { properties: { error: { enum: string[] } } }] } } } })
        ?.content?.['application/json'].schema.allOf[1].properties.error.enum ?? []);
    let checked = 0;
    for (const { handler, route } of ROUTE_FUNCTIONS) {
      const source = await readFile(handlerEntry(handler), 'utf8');
      for (const [, status, code] of source.matchAll(/HttpError\(\s*(\d{3}),\s*'(\w+)'/g)) {
        expect(declared(route.method, route.path, status!), `${handler} answers ${status} ${code}`).toContain(code);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(10);
  });
});
