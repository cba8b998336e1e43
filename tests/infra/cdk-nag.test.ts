import { Validations, type Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import type { StageName } from '../../infra/stage';
import { lectureNotesApp } from './lecture-notes-app';

/** Synthesizes with the AwsSolutions checks as bin/app.ts adds them; the report of what failed, if anything did. */
function nagFailure(stage: StageName, extend?: (stack: Stack) => void): string | undefined {
  const { app, stack } = lectureNotesApp(stage);
  extend?.(stack);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  try {
    app.synth();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

describe('cdk-nag AwsSolutions', () => {
  it.each<StageName>(['dev', 'prod'])('finds nothing unacknowledged in %s', (stage) => {
    expect(nagFailure(stage)).toBeUndefined();
  });

  it('fails synth on a finding nobody acknowledged', () => {
    const failure = nagFailure('dev', (stack) => new s3.Bucket(stack, 'CarelessBucket'));
    expect(failure).toMatch(/AwsSolutions-S10/);
    expect(failure).toContain('CarelessBucket');
  });

  it('is acknowledged finding by finding, on the resources concerned, each with a reason of its own', () => {
    const { stack } = lectureNotesApp('dev');
    const acknowledgements = stack.node.findAll().flatMap((construct) =>
      construct.node.metadata
        .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
        .flatMap((entry) => Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({ path: construct.node.path, id, reason }))),
    );
    expect(acknowledgements.length).toBeGreaterThan(20);
    const rulesByReason = new Map<string, Set<string>>();
    for (const { path, id, reason } of acknowledgements) {
      // Never the stack as a whole.
      expect(path.split('/').length, `${id} at ${path}`).toBeGreaterThan(1);
      // A wildcard or managed-policy finding names what it allows.
      if (/AwsSolutions-IAM[45]/.test(id)) expect(id, path).toMatch(/\[(Action|Resource|Policy)::.+\]$/);
      expect(reason.length, `${id} at ${path}`).toBeGreaterThan(60);
      rulesByReason.set(reason, (rulesByReason.get(reason) ?? new Set()).add(id.replace(/\[.*$/, '')));
    }
    for (const [reason, rules] of rulesByReason) expect([...rules], reason).toHaveLength(1);
  });
});
