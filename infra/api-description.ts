import * as z from 'zod';
import * as api from '../shared/contracts/api';
import * as jobs from '../shared/contracts/job';
import * as statuses from '../shared/contracts/job-status';
import * as notes from '../shared/contracts/notes';
import * as transcripts from '../shared/contracts/transcript';
import packageJson from '../package.json' with { type: 'json' };
import { ROUTE_FUNCTIONS } from './function-registry';
import { ROUTE_ANSWERS, type RouteHandlerName } from './route-answers';

/* The OpenAPI 3.1 description of the REST API, written from the two places that know it: the routes
   and request bodies of function-registry.ts, the answers of route-answers.ts, with every schema
   the shared zod contracts. Nothing here is said about the API that those do not say. */

type JsonSchema = Record<string, unknown>;

/** Where the description is served beside the web client, by CloudFront and by the local runtime alike. */
export const API_DESCRIPTION_PATH = '/openapi.json';

export const BEARER_SCHEME = 'cognitoIdToken';

const COMPONENT_PREFIX = '#/components/schemas/';

/** Every contract schema by its exported name without "Schema": the names its components go by. */
function namedContracts(): Map<z.ZodType, string> {
  const named = new Map<z.ZodType, string>();
  for (const contracts of [statuses, jobs, transcripts, notes, api]) {
    for (const [name, value] of Object.entries(contracts)) {
      if (value instanceof z.ZodType && name.endsWith('Schema') && !named.has(value)) named.set(value, name.slice(0, -'Schema'.length));
    }
  }
  return named;
}

/**
 * Each named contract as JSON Schema 2020-12 (OpenAPI 3.1's dialect), referring to the others by
 * component. Answers are described as the API writes them (`output`: no properties beyond those
 * named); request bodies as it reads them (`input`: defaults optional, unknown keys ignored).
 */
function componentSchemas(named: Map<z.ZodType, string>, requestBodies: ReadonlySet<string>): Record<string, JsonSchema> {
  const render = (io: 'input' | 'output') => {
    const registry = z.registry<{ id: string }>();
    for (const [schema, id] of named) registry.add(schema, { id });
    return z.toJSONSchema(registry, { target: 'draft-2020-12', io, unrepresentable: 'throw', uri: (id) => `${COMPONENT_PREFIX}${id}` }).schemas;
  };
  const [output, input] = [render('output'), render('input')];
  return Object.fromEntries(
    [...named.values()].map((id) => {
      const { $schema: _dialect, $id: _id, ...schema } = (requestBodies.has(id) ? input : output)[id] as JsonSchema;
      return [id, schema];
    }),
  );
}

/** A schema as a reference to its component when it is a named contract, else inline. */
function schemaOf(schema: z.ZodType, named: Map<z.ZodType, string>, io: 'input' | 'output'): JsonSchema {
  const id = named.get(schema);
  if (id) return { $ref: `${COMPONENT_PREFIX}${id}` };
  const { $schema: _dialect, ...inline } = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'throw' }) as JsonSchema;
  return inline;
}

/** Only the components the paths reach, directly or through other components. */
function reachable(components: Record<string, JsonSchema>, paths: unknown): Record<string, JsonSchema> {
  const kept = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (typeof value !== 'object' || value === null) return;
    for (const [key, inner] of Object.entries(value)) {
      if (key === '$ref' && typeof inner === 'string' && inner.startsWith(COMPONENT_PREFIX)) {
        const id = inner.slice(COMPONENT_PREFIX.length);
        if (!kept.has(id)) {
          kept.add(id);
          visit(components[id]);
        }
      } else visit(inner);
    }
  };
  visit(paths);
  return Object.fromEntries(Object.entries(components).filter(([id]) => kept.has(id)).sort(([a], [b]) => a.localeCompare(b)));
}

const operationIdOf = (handler: string) => handler.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase());

const pathParametersOf = (path: string) => [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);

/** The `error` codes a route can answer with by status: its own, and those every route of its kind has. */
function errorCodes(route: { path: string; requestBody?: z.ZodType }, own: Partial<Record<number, readonly string[]>>): Map<number, string[]> {
  const codes = new Map<number, string[]>();
  const add = (status: number, more: readonly string[]) => codes.set(status, [...new Set([...(codes.get(status) ?? []), ...more])]);
  if (route.requestBody) {
    add(400, ['InvalidJson', 'InvalidRequest']);
    // Over API Gateway's payload limit: the local stand-in's code, and API Gateway's own response type (constructs/jobs-api.ts).
    add(413, ['PayloadTooLarge', 'REQUEST_TOO_LARGE']);
  }
  add(401, ['Unauthorized']);
  if (pathParametersOf(route.path).includes('jobId')) add(404, ['JobNotFound']);
  for (const [status, more] of Object.entries(own)) add(Number(status), more ?? []);
  // The stage's throttle, answered by API Gateway under its response type.
  add(429, ['THROTTLED']);
  add(500, ['InternalError']);
  return new Map([...codes].sort(([a], [b]) => a - b));
}

const errorResponse = (codes: string[]) => ({
  description: codes.map((code) => `\`${code}\``).join(', '),
  content: {
    'application/json': {
      schema: { allOf: [{ $ref: `${COMPONENT_PREFIX}ApiError` }, { type: 'object', properties: { error: { enum: codes } } }] },
    },
  },
});

/** The API's OpenAPI 3.1 document. Servers are left out: where the API is depends on the deployment. */
export function buildApiDescription() {
  const named = namedContracts();
  const requestBodies = new Set(ROUTE_FUNCTIONS.flatMap(({ route }) => (route.requestBody && named.has(route.requestBody) ? [named.get(route.requestBody)!] : [])));
  const paths: Record<string, Record<string, unknown>> = {};
  for (const { handler, route } of ROUTE_FUNCTIONS) {
    const answers = (ROUTE_ANSWERS as Record<string, (typeof ROUTE_ANSWERS)[RouteHandlerName]>)[handler];
    if (!answers) throw new Error(`${handler} serves ${route.method} ${route.path} but route-answers.ts does not say what it answers.`);
    const { summary, success } = answers;
    const query: Record<string, { schema: z.ZodType; description: string }> = 'query' in answers ? answers.query : {};
    const own: Partial<Record<number, readonly string[]>> = 'errors' in answers ? answers.errors : {};
    const content: Record<string, z.ZodType> = 'content' in success ? success.content : {};
    const parameters = [
      ...pathParametersOf(route.path).map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
      ...Object.entries(query).map(([name, { schema, description }]) => ({ name, in: 'query', required: false, description, schema: schemaOf(schema, named, 'input') })),
    ];
    const responses: Record<string, unknown> = {
      [success.status]: {
        description: success.description,
        ...(Object.keys(content).length
          ? { content: Object.fromEntries(Object.entries(content).map(([type, schema]) => [type, { schema: schemaOf(schema, named, 'output') }])) }
          : {}),
      },
    };
    for (const [status, codes] of errorCodes(route, own)) responses[status] = errorResponse(codes);
    (paths[route.path] ??= {})[route.method.toLowerCase()] = {
      operationId: operationIdOf(handler),
      summary,
      ...(parameters.length ? { parameters } : {}),
      ...(route.requestBody ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(route.requestBody, named, 'input') } } } } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.1',
    info: {
      title: 'Lecture Notes API',
      version: packageJson.version,
      description:
        'Recorded lectures in, study notes out. Paths are relative to the API base URL of a deployment (its stack output, or the local runtime at http://127.0.0.1:8787). Errors are JSON `{error, message}`.',
    },
    security: [{ [BEARER_SCHEME]: [] }],
    paths,
    components: {
      schemas: reachable(componentSchemas(named, requestBodies), paths),
      securitySchemes: {
        [BEARER_SCHEME]: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: "An ID token from the stack's Cognito user pool (locally, from `npm run token`).",
        },
      },
    },
  };
}

export type ApiDescription = ReturnType<typeof buildApiDescription>;
