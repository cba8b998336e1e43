import { App, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { defineNotesPipeline, PIPELINE_TIMEOUT, type NotesPipelineSettings } from './constructs/notes-pipeline-definition';
import { PIPELINE_STEP_NAMES, type PipelineStepName } from './function-registry';

const ACCOUNT = '000000000000';
const REGION = 'us-east-1';

/** The ARN a step's function has in the exported definition; the local runtime runs the handler of that state instead. */
export const localFunctionArn = (step: PipelineStepName) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${step}`;

export interface StateMachineDefinition {
  StartAt: string;
  States: Record<string, unknown>;
  TimeoutSeconds?: number;
}

/**
 * The pipeline as plain Amazon States Language, resolved from the same CDK
 * chain the stack deploys. Functions are imported by fixed ARNs, so nothing
 * is left for CloudFormation to resolve.
 */
export function exportPipelineAsl(settings: NotesPipelineSettings): StateMachineDefinition {
  const stack = new Stack(new App(), 'PipelineExport', { env: { account: ACCOUNT, region: REGION } });
  const functions = Object.fromEntries(
    PIPELINE_STEP_NAMES.map((step) => [step, lambda.Function.fromFunctionArn(stack, `${step}Function`, localFunctionArn(step))]),
  ) as Record<PipelineStepName, lambda.IFunction>;
  const chain = defineNotesPipeline(stack, functions, settings);
  const graph = new sfn.StateGraph(chain.startState, 'Notes pipeline');
  graph.timeout = PIPELINE_TIMEOUT;
  const definition = stack.resolve(graph.toGraphJson()) as StateMachineDefinition;
  const unresolved = JSON.stringify(definition).match(/"(Fn::\w+|Ref)"/);
  if (unresolved) throw new Error(`The exported pipeline still holds a CloudFormation intrinsic (${unresolved[1]}); import its resources by literal ARN.`);
  return definition;
}
