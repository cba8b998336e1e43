import { ExecutionAlreadyExists, StartExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import type { PipelineRuns } from '../../shared/ports/pipeline-runs';

export class StepFunctionsRuns implements PipelineRuns {
  readonly #client: SFNClient;
  readonly #stateMachineArn: string | undefined;

  /** `stateMachineArn` is only given to the functions that start runs; any other caller is told what is missing. */
  constructor({ client, stateMachineArn }: { client: SFNClient; stateMachineArn: string | undefined }) {
    this.#client = client;
    this.#stateMachineArn = stateMachineArn;
  }

  async start(name: string, input: unknown): Promise<{ started: boolean }> {
    if (!this.#stateMachineArn) throw new Error('STATE_MACHINE_ARN is not set: this function cannot start pipeline runs.');
    try {
      await this.#client.send(new StartExecutionCommand({ stateMachineArn: this.#stateMachineArn, name, input: JSON.stringify(input) }));
      return { started: true };
    } catch (error) {
      if (error instanceof ExecutionAlreadyExists) return { started: false };
      const reason = error instanceof Error ? error.message : String(error);
      const failure = new Error(`Could not start run ${name} of ${this.#stateMachineArn}: ${reason}`, { cause: error });
      if (error instanceof Error) failure.name = error.name;
      throw failure;
    }
  }
}
