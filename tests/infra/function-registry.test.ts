import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FUNCTIONS, handlerEntry, type Composition, type HandlerName } from '../../infra/function-registry';

const HANDLER_FOLDER = new URL('../../lambdas/handlers/', import.meta.url);
const COMPOSE_FUNCTION: Record<Composition, string> = {
  'provider-free': 'composeProviderFree',
  transcription: 'composeTranscription',
  notes: 'composeNotes',
  redrive: 'composeRedrive',
};

describe('the function registry', () => {
  it('has one entry per handler module, and a module for every entry', () => {
    const modules = readdirSync(HANDLER_FOLDER).map((file) => file.replace(/\.ts$/, ''));
    expect(Object.keys(FUNCTIONS).sort()).toEqual(modules.sort());
  });

  it.each(Object.entries(FUNCTIONS) as [HandlerName, (typeof FUNCTIONS)[HandlerName]][])(
    "says what %s's Lambda export composes",
    (handler, { composes }) => {
      expect(readFileSync(handlerEntry(handler), 'utf8')).toContain(`export const handler = lambdaEntry(makeHandler, ${COMPOSE_FUNCTION[composes]});`);
    },
  );

  it('serves each route once', () => {
    const routes = Object.values(FUNCTIONS).flatMap((spec) => ('route' in spec ? [`${spec.route.method} ${spec.route.path}`] : []));
    expect(new Set(routes).size).toBe(routes.length);
  });
});
