import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';

const SERVICE = 'lecture-notes';

export const logger = new Logger({ serviceName: SERVICE });
/** Off outside Lambda by itself: locally and in tests it changes nothing. */
export const tracer = new Tracer({ serviceName: SERVICE });
export const metrics = new Metrics({ namespace: 'LectureNotes', serviceName: SERVICE });

/** Handlers may run concurrently in one process (the local runtime does): give each job its own child logger. */
export const jobLogger = (jobId: string) => logger.createChild({ persistentKeys: { jobId } });
