package ai.ringrift.events.catalog;

/** What a topic holds. */
public enum TopicKind {
  /** A stream of events of one type (cleanup by retention). */
  EVENT,
  /** Derived state, compacted: the latest record per key is the current value. */
  STATE,
  /** Records a consumer could not handle, with headers naming the error. */
  DLQ
}
