package ai.ringrift.events.catalog;

/** What a topic holds. */
public enum TopicKind {
  /** A stream of events of one type (cleanup by retention). */
  EVENT,
  /** Derived state, compacted: the latest record per key is the current value. */
  STATE,
  /** Records a consumer could not handle, with headers naming the error. */
  DLQ,
  /**
   * A topic of the platform's own machinery that carries no event of the contract (no schema, no
   * DLQ), e.g. the leader-role election topic whose consumer groups elect role holders.
   */
  INTERNAL
}
