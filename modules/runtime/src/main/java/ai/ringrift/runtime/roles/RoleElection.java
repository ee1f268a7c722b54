package ai.ringrift.runtime.roles;

import ai.ringrift.client.publish.EventRecords;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Competes for one {@link LeaderRole} on behalf of this instance, for as long as it is open. Every
 * candidate of a role joins the role's consumer group over the single-partition election topic; the
 * group coordinator assigns that partition to at most one member per generation, and that member
 * holds the role. A holder that crashes stops heartbeating and is removed after the session
 * timeout; the partition, and so the role, moves to another candidate. Closing the election leaves
 * the group at once, handing the role over without waiting for the timeout.
 *
 * <p>See {@link RoleTerm} for how a holder acts safely, and docs/architecture.md "Leader roles" for
 * what is and is not guaranteed.
 */
public final class RoleElection implements AutoCloseable {
  private static final Logger LOGGER = LoggerFactory.getLogger(RoleElection.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

  private final LeaderRole role;
  private final RoleContext context;
  private final RoleListener listener;
  private final EventRecords records;
  private final TopicPartition elected;
  private final AtomicLong lastConfirmed = new AtomicLong();
  private final Thread thread;
  private final CountDownLatch closed = new CountDownLatch(1);
  private volatile KafkaConsumer<byte[], byte[]> consumer;
  private volatile RoleTerm term;
  private volatile boolean closing;
  private volatile boolean rejoin;
  private volatile String lastError;

  private RoleElection(LeaderRole role, RoleContext context, RoleListener listener) {
    this.role = role;
    this.context = context;
    this.listener = listener;
    this.records = new EventRecords(context.catalog(), context.serdes());
    this.elected = new TopicPartition(context.settings().electionTopic(), 0);
    this.thread = new Thread(this::run, "role-" + role);
    thread.setDaemon(true);
  }

  /** Starts competing for {@code role}; {@code listener} hears of every acquisition and loss. */
  public static RoleElection start(LeaderRole role, RoleContext context, RoleListener listener) {
    RoleElection election = new RoleElection(role, context, listener);
    election.thread.start();
    return election;
  }

  /** The role competed for. */
  public LeaderRole role() {
    return role;
  }

  /** True while this instance holds the role (see {@link RoleTerm#isHeld()}). */
  public boolean isHeld() {
    RoleTerm current = term;
    return current != null && current.isHeld();
  }

  /** The current term, while the role is held. */
  public Optional<RoleTerm> term() {
    return Optional.ofNullable(term).filter(RoleTerm::isHeld);
  }

  /** A snapshot for status views. */
  public RoleStatus status() {
    RoleTerm current = term;
    boolean held = current != null && current.isHeld();
    return new RoleStatus(
        role.name(),
        context.instanceId(),
        held,
        held ? Optional.of(current.since()) : Optional.<Instant>empty(),
        Optional.ofNullable(lastError));
  }

  /** Leaves the group (announcing the loss if the role was held) and stops competing. */
  @Override
  public void close() {
    closing = true;
    closed.countDown();
    KafkaConsumer<byte[], byte[]> current = consumer;
    if (current != null) {
      current.wakeup();
    }
    try {
      thread.join(CLOSE_TIMEOUT.toMillis() * 2);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    while (!closing) {
      rejoin = false;
      try {
        member();
      } catch (WakeupException e) {
        // closing
      } catch (RuntimeException e) {
        lastError = e.toString();
        LOGGER.warn("role={} instance={} election failed; rejoining", role, instanceId(), e);
        pause();
      }
    }
    endTerm("election closed");
  }

  /** One membership of the role's group, until closing or until it must rejoin. */
  private void member() {
    try (KafkaConsumer<byte[], byte[]> member =
        new KafkaConsumer<>(RoleClients.consumerConfig(context, role))) {
      consumer = member;
      if (closing) {
        return;
      }
      member.subscribe(List.of(elected.topic()), new Rebalance());
      while (!closing && !rejoin) {
        member.poll(Duration.ofMillis(context.settings().pollIntervalMs()));
        lastConfirmed.set(context.clock().millis());
        RoleTerm current = term;
        if (current != null && current.fenced()) {
          // another instance took the role's transactional id: our assignment is stale
          endTerm("fenced by a newer holder");
          rejoin = true;
        }
      }
    } finally {
      consumer = null;
    }
  }

  private void beginTerm() {
    lastConfirmed.set(context.clock().millis());
    KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(RoleClients.producerConfig(context, role));
    RoleTerm started = null;
    try {
      producer.initTransactions(); // fences every write of earlier holders
      started =
          new RoleTerm(
              new RoleTerm.Holder(role, instanceId(), context.node()),
              producer,
              records,
              new RoleTerm.Lease(
                  context.clock(),
                  lastConfirmed::get,
                  Duration.ofMillis(context.settings().sessionTimeoutMs())));
      started.announceAcquired();
      term = started;
      lastError = null;
      LOGGER.info("role={} acquired instance={} term={}", role, instanceId(), started.termId());
      listener.acquired(started);
    } catch (RuntimeException e) {
      lastError = e.toString();
      LOGGER.warn(
          "role={} instance={} could not take up the role; rejoining", role, instanceId(), e);
      if (term != null) {
        endTerm("start failed");
      } else if (started != null) {
        started.close(CLOSE_TIMEOUT);
      } else {
        producer.close(CLOSE_TIMEOUT);
      }
      rejoin = true;
    }
  }

  private void endTerm(String reason) {
    RoleTerm ending = term;
    if (ending == null) {
      return;
    }
    term = null;
    ending.end();
    LOGGER.info(
        "role={} lost instance={} term={} reason={}", role, instanceId(), ending.termId(), reason);
    try {
      listener.lost(ending);
    } catch (RuntimeException e) {
      LOGGER.warn("role={} listener failed on loss", role, e);
    }
    ending.announceLost();
    ending.close(CLOSE_TIMEOUT);
  }

  /** Waits a little before rejoining after a failure, or until closed. */
  private void pause() {
    try {
      closed.await(context.settings().pollIntervalMs() * 4L, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private String instanceId() {
    return context.instanceId();
  }

  /** Partition 0 assigned: the role is ours; revoked or lost: it is not. */
  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      if (partitions.contains(elected) && term == null) {
        beginTerm();
      }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      if (partitions.contains(elected)) {
        endTerm("revoked");
      }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      if (partitions.contains(elected)) {
        endTerm("lost: removed from the group (session timeout or poll interval exceeded)");
      }
    }
  }

  /** What {@code /status/roles} shows of one role on this instance. */
  public record RoleStatus(
      String role,
      String instance,
      boolean held,
      Optional<Instant> since,
      Optional<String> lastError) {}
}
