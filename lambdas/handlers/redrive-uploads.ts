import { lambdaEntry } from '../runtime/lambda-entry';
import { logger } from '../runtime/powertools';
import { composeRedrive, type RedriveDependencies } from '../runtime/redrive-dependencies';
import { makeHandler as makeStartRun } from './start-run';

/** Per invocation, so one replay stays well inside its Lambda's timeout; invoke again while `more` is true. */
const MAX_EVENTS = 100;

export interface RedriveReport {
  /** Messages taken from the queue. */
  received: number;
  /** Upload events that started their job's run. */
  started: number;
  /** Upload events handled with nothing to start: the run had started, the job was under way, gone or never known. */
  nothingToStart: number;
  /** Messages that failed again: they stay in the queue, listed here with the reason. */
  failed: { messageId: string; reason: string }[];
  /** True when the limit was reached: more messages may be waiting. */
  more: boolean;
}

/**
 * Replays the upload rule's dead-letter queue, invoked by an operator
 * (`aws lambda invoke`). Each message body is the original upload event,
 * handed to the very handler the rule targets; a run is named after its job
 * and attempt, so a replay starts nothing twice. A message is deleted only
 * once it was handled; one that fails again stays for the next replay, and
 * the queue's alarm keeps saying so.
 */
export const makeHandler = (deps: Pick<RedriveDependencies, 'undeliveredUploads' | 'jobs' | 'runs' | 'metrics'>) => {
  const startRun = makeStartRun(deps);
  return async (): Promise<RedriveReport> => {
    const report: RedriveReport = { received: 0, started: 0, nothingToStart: 0, failed: [], more: false };
    while (report.received < MAX_EVENTS) {
      const batch = await deps.undeliveredUploads.receive(MAX_EVENTS - report.received);
      if (batch.length === 0) break;
      for (const message of batch) {
        report.received += 1;
        try {
          const { started } = await startRun(JSON.parse(message.body));
          await deps.undeliveredUploads.remove(message);
          report[started ? 'started' : 'nothingToStart'] += 1;
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          report.failed.push({ messageId: message.id, reason });
          logger.error('An undelivered upload failed again; it stays in the queue', { messageId: message.id, reason });
        }
      }
    }
    report.more = report.received >= MAX_EVENTS;
    logger.info('Undelivered uploads replayed', { ...report, failed: report.failed.length });
    return report;
  };
};

export const handler = lambdaEntry(makeHandler, composeRedrive);
