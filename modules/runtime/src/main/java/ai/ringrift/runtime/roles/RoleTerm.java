package ai.ringrift.runtime.roles;

import ai.ringrift.client.publish.EventRecords;
import ai.ringrift.events.EventHeader;
import ai.ringrift.events.RoleChanged;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.LongSupplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One instance's tenure of a role, from acquisition to loss. A holder acts only through its term:
 * it checks {@link #isHeld()} right before a side effect, and it writes to Kafka only through
 * {@link #publish}, a transaction under the role's transactional id. A newer holder's first act is
 * to take that transactional id, which fences every later write of this term — so a holder that was
 * paused past its session and still believes it holds the role cannot add to Kafka what the new
 * holder does not see.
 */
public final class RoleTerm {
  private static final Logger LOGGER = LoggerFactory.getLogger(RoleTerm.class);

  private final LeaderRole role;
  private final String holder;
  private final String node;
  private final String termId;
  private final Instant since;
  private final Producer<byte[], byte[]> producer;
  private final EventRecords records;
  private final Clock clock;
  private final LongSupplier lastConfirmedMillis;
  private final long leaseMillis;
  private volatile boolean ended;
  private volatile boolean fenced;

  RoleTerm(Holder identity, Producer<byte[], byte[]> producer, EventRecords records, Lease lease) {
    this.role = identity.role();
    this.holder = identity.holder();
    this.node = identity.node();
    this.termId = role + "/" + holder + "/" + UUID.randomUUID();
    this.producer = producer;
    this.records = records;
    this.clock = lease.clock();
    this.lastConfirmedMillis = lease.lastConfirmedMillis();
    this.leaseMillis = lease.length().toMillis();
    this.since = clock.instant();
  }

  /** Who holds a role: the role, the instance and its host. */
  record Holder(LeaderRole role, String holder, String node) {}

  /**
   * How long a holder may trust its assignment: {@code length} after the election last confirmed it
   * (its last poll that did not report the role lost).
   */
  record Lease(Clock clock, LongSupplier lastConfirmedMillis, Duration length) {}

  /** The role held. */
  public LeaderRole role() {
    return role;
  }

  /** The holding instance's id. */
  public String holder() {
    return holder;
  }

  /** Unique id of this term; the correlation id of its {@code RoleChanged} events. */
  public String termId() {
    return termId;
  }

  /** When the role was acquired. */
  public Instant since() {
    return since;
  }

  /**
   * True while the role is held: the term has not ended, its writes were not fenced, and the
   * election confirmed the assignment less than a session timeout ago (after a long pause the
   * holder stops trusting an assignment it has not re-confirmed).
   */
  public boolean isHeld() {
    return !ended && !fenced && clock.millis() - lastConfirmedMillis.getAsLong() < leaseMillis;
  }

  /** Writes {@code events} to their catalog topics, all or none, as this role's holder. */
  public void publish(SpecificRecord... events) {
    publish(List.of(events));
  }

  /**
   * Writes {@code events} in one transaction under the role's transactional id.
   *
   * @throws RoleLostException when the role is not held or a newer holder fenced this one
   * @throws KafkaException when the write failed for another reason; the transaction was aborted or
   *     its outcome is unknown (a commit that timed out), so re-read the topics before acting on
   *     what was meant to be written
   */
  public synchronized void publish(List<? extends SpecificRecord> events) {
    if (!isHeld()) {
      throw new RoleLostException(
          role, ended ? "the term ended" : "assignment not confirmed", null);
    }
    try {
      producer.beginTransaction();
      for (SpecificRecord event : events) {
        producer.send(records.of(event));
      }
      producer.commitTransaction();
    } catch (KafkaException e) {
      if (isFencing(e)) {
        fenced = true;
        LOGGER.warn("role={} holder={} fenced by a newer holder", role, holder);
        throw new RoleLostException(role, "a newer holder fenced this one", e);
      }
      abortQuietly();
      throw e;
    }
  }

  /** True once a newer holder fenced this term's writes. */
  boolean fenced() {
    return fenced;
  }

  /** Announces the acquisition; a failure here fails the term. */
  void announceAcquired() {
    publish(changed(true));
  }

  /** Ends the term: {@link #isHeld()} is false from now on. */
  void end() {
    ended = true;
  }

  /**
   * Announces the loss, best effort: if a newer holder already took over, this write is fenced and
   * the newer holder's acquisition stays the role's latest record, as it should.
   */
  void announceLost() {
    if (fenced) {
      return;
    }
    try {
      synchronized (this) {
        producer.beginTransaction();
        producer.send(records.of(changed(false)));
        producer.commitTransaction();
      }
    } catch (KafkaException e) {
      LOGGER.info("role={} holder={} loss not announced: {}", role, holder, e.toString());
      abortQuietly();
    }
  }

  void close(Duration timeout) {
    end();
    try {
      producer.close(timeout);
    } catch (KafkaException e) {
      LOGGER.warn("role={} holder={} closing the producer failed", role, holder, e);
    }
  }

  private RoleChanged changed(boolean acquired) {
    String eventId = UUID.randomUUID().toString();
    EventHeader header =
        EventHeader.newBuilder()
            .setEventId(eventId)
            .setSource("roles@" + holder)
            .setOccurredAt(clock.instant())
            .setTraceId(eventId)
            .setCorrelationId(termId)
            .build();
    return RoleChanged.newBuilder()
        .setHeader(header)
        .setRole(role.name())
        .setNode(node)
        .setHolder(holder)
        .setAcquired(acquired)
        .build();
  }

  private void abortQuietly() {
    try {
      producer.abortTransaction();
    } catch (KafkaException e) {
      // no transaction was open, or the producer is in a fatal state: nothing was committed
      LOGGER.debug("role={} abort: {}", role, e.toString());
    }
  }

  static boolean isFencing(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ProducerFencedException || t instanceof InvalidProducerEpochException) {
        return true;
      }
    }
    return false;
  }
}
