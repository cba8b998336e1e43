/*
 * Values the stack writes into AWS and the handlers read back: infra imports them from here, so
 * the function environment, the dashboard, the alarms and the secrets agree with the code by construction.
 */

/** Powertools' service name: the `service` dimension of every custom metric and a key of every log line. */
export const SERVICE_NAME = 'lecture-notes';

/** The CloudWatch namespace of the metrics the handlers emit (Powertools Metrics). */
export const METRICS_NAMESPACE = 'LectureNotes';

/** What a provider's secret holds until someone sets a real key; the handlers read it as "no key set". */
export const UNSET_KEY_VALUE = 'placeholder';
