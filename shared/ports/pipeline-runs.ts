/** Starts runs of the notes pipeline. */
export interface PipelineRuns {
  /**
   * Starts the run called `name` with `input`. Names are unique per job and
   * attempt: when a run of that name exists already, nothing new starts and
   * `started` is false. That is how a repeated event starts one run.
   */
  start(name: string, input: unknown): Promise<{ started: boolean }>;
}
