package ai.ringrift.client.publish;

import ai.ringrift.events.EventHeader;
import java.util.Objects;

/**
 * Where an event comes from in the loop: the trace it belongs to and the event it reacts to.
 *
 * <p>Reacting to {@code cause} keeps the cause's trace id and iteration, sets {@code causation_id}
 * to the cause's event id and {@code correlation_id} to the cause's correlation id, or to its event
 * id when the cause started the chain. Every event of one pass through the loop thus shares a trace
 * id, and each one names its direct cause.
 *
 * @param traceId shared by every event of one pass through the loop
 * @param correlationId the event that started the chain, when there is a chain
 * @param causationId the event this one reacts to, when it reacts to one
 * @param iteration the config's loop iteration, when known
 */
record Lineage(String traceId, String correlationId, String causationId, Long iteration) {
  public Lineage {
    Objects.requireNonNull(traceId, "traceId");
  }

  /** A new trace: the event starts a chain. */
  static Lineage fresh() {
    return new Lineage(EventIds.next(), null, null, null);
  }

  /**
   * The lineage of an event that starts its own trace: the trace is named after the event (its
   * trace id is its event id), which saves drawing a second random id per event.
   */
  static Lineage root() {
    return ROOT;
  }

  private static final Lineage ROOT = new Lineage("", null, null, null);

  boolean isRoot() {
    return this == ROOT;
  }

  /** The lineage of an event reacting to the event with header {@code cause}. */
  static Lineage reactingTo(EventHeader cause) {
    String correlation =
        cause.getCorrelationId() != null ? cause.getCorrelationId() : cause.getEventId();
    return new Lineage(cause.getTraceId(), correlation, cause.getEventId(), cause.getIteration());
  }
}
