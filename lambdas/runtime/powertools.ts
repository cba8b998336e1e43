import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { METRICS_NAMESPACE, SERVICE_NAME } from './deployed-names';

export const logger = new Logger({ serviceName: SERVICE_NAME });
/** Off outside Lambda by itself: locally and in tests it changes nothing. */
export const tracer = new Tracer({ serviceName: SERVICE_NAME });
export const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAME });

/** Handlers may run concurrently in one process (the local runtime does): give each job its own child logger. */
export const jobLogger = (jobId: string) => logger.createChild({ persistentKeys: { jobId } });
