/** One event EventBridge could not deliver, as its dead-letter queue holds it. */
export interface UndeliveredEvent {
  /** The queue's id of the message, for reports. */
  id: string;
  /** The original event, as EventBridge put it in the message body (JSON). */
  body: string;
  /** What removes this delivery of the message once it was handled. */
  receipt: string;
}

/** A dead-letter queue of events, read to replay them. */
export interface UndeliveredEvents {
  /**
   * Up to `max` events not being handled elsewhere; each stays hidden from
   * other readers for a while and reappears unless removed. Empty when none is left.
   */
  receive(max: number): Promise<UndeliveredEvent[]>;
  /** Removes a handled event for good. */
  remove(event: UndeliveredEvent): Promise<void>;
}
