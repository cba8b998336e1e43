import * as z from 'zod';

/**
 * The statuses in which a run ends without having finished its job when no
 * Catch led it to RecordFailure: the state machine's timeout, a StopExecution,
 * an error no Catch matched. The cloud rule and the local endpoint both match
 * exactly these.
 */
export const RUN_END_STATUSES = ['FAILED', 'TIMED_OUT', 'ABORTED'] as const;
export type RunEndStatus = (typeof RUN_END_STATUSES)[number];

export const RUN_STATUS_CHANGE_DETAIL_TYPE = 'Step Functions Execution Status Change';

/**
 * The part of EventBridge's "Step Functions Execution Status Change" event the
 * pipeline reads. Dates are epoch milliseconds; error and cause are null when
 * the service has none to give.
 */
export const RunStatusChangeEventSchema = z.object({
  'detail-type': z.literal(RUN_STATUS_CHANGE_DETAIL_TYPE),
  source: z.literal('aws.states'),
  time: z.string(),
  detail: z.object({
    executionArn: z.string().min(1),
    stateMachineArn: z.string().min(1),
    name: z.string().min(1),
    status: z.enum(RUN_END_STATUSES),
    startDate: z.number(),
    stopDate: z.number().nullish(),
    error: z.string().nullish(),
    cause: z.string().nullish(),
  }),
});
export type RunStatusChangeEvent = z.infer<typeof RunStatusChangeEventSchema>;
