import { Logger } from '@aws-lambda-powertools/logger';

export const logger = new Logger({ serviceName: 'lecture-notes' });

/** Handlers may run concurrently in one process (the local runtime does): give each job its own child logger. */
export const jobLogger = (jobId: string) => logger.createChild({ persistentKeys: { jobId } });
