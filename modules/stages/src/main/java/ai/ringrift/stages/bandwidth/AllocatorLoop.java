package ai.ringrift.stages.bandwidth;

import ai.ringrift.client.history.TopicSnapshot;
import ai.ringrift.client.subscribe.Failures;
import ai.ringrift.events.BandwidthGranted;
import ai.ringrift.events.BandwidthReleased;
import ai.ringrift.events.BandwidthRequested;
import ai.ringrift.runtime.roles.RoleTerm;
import ai.ringrift.stages.bandwidth.BandwidthAllocator.Round;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Allocation during one term of the BANDWIDTH_ALLOCATOR role. The term has already fenced every
 * earlier holder, so reading the request, grant and release topics from the beginning to their
 * (committed) end yields every grant ever made: the state is rebuilt from the topics, and only then
 * does the loop grant. From there it applies what arrives and ticks, writing each tick's grants and
 * expiries in one transaction of the term.
 */
final class AllocatorLoop {
  private static final Logger LOGGER = LoggerFactory.getLogger(AllocatorLoop.class);
  private static final Duration MAX_POLL = Duration.ofMillis(250);

  private final RoleTerm term;
  private final BandwidthSettings settings;
  private final AllocatorTopics topics;
  private final BandwidthEvents events;
  private final PoisonRecords poison;
  private final Clock clock;
  private final BandwidthAllocator allocator;
  private volatile AllocatorStatus status = AllocatorStatus.REBUILDING;

  /** What a loop is made of, the same for every term of one service. */
  record Parts(
      BandwidthSettings settings,
      AllocatorTopics topics,
      BandwidthEvents events,
      PoisonRecords poison,
      Clock clock) {}

  AllocatorLoop(RoleTerm term, Parts parts) {
    this.term = term;
    this.settings = parts.settings();
    this.topics = parts.topics();
    this.events = parts.events();
    this.poison = parts.poison();
    this.clock = parts.clock();
    this.allocator = new BandwidthAllocator(settings, clock);
  }

  /** What the loop last reported. */
  AllocatorStatus status() {
    return status;
  }

  /** Allocates until {@code running} turns false or the term ends. */
  void run(Consumer<byte[], byte[]> consumer, BooleanSupplier running) {
    List<TopicPartition> partitions = topics.partitions(consumer);
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    Map<TopicPartition, Long> rebuildEnd = consumer.endOffsets(partitions);
    boolean rebuilt = false;
    Instant nextTick = Instant.MIN;
    Duration poll =
        settings.checkInterval().compareTo(MAX_POLL) < 0 ? settings.checkInterval() : MAX_POLL;
    while (running.getAsBoolean() && term.isHeld()) {
      boolean changed = false;
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(poll)) {
        boolean live = record.offset() >= rebuildEnd.getOrDefault(partition(record), 0L);
        changed |= apply(record, live);
      }
      if (!rebuilt) {
        rebuilt = TopicSnapshot.reached(consumer, rebuildEnd);
        if (!rebuilt) {
          continue;
        }
        LOGGER.info(
            "role={} term={} state rebuilt: grants={} waiting={} usage={}",
            term.role(),
            term.termId(),
            allocator.grants().size(),
            allocator.pending().size(),
            allocator.usage());
      }
      Instant now = clock.instant();
      if (changed || !now.isBefore(nextTick)) {
        tick();
        nextTick = now.plus(settings.checkInterval());
        status =
            new AllocatorStatus(
                true, allocator.usage(), allocator.pending().size(), lag(consumer, partitions));
      }
    }
  }

  private boolean apply(ConsumerRecord<byte[], byte[]> record, boolean live) {
    try {
      SpecificRecord event = topics.decode(record);
      if (event instanceof BandwidthRequested requested) {
        return allocator.requested(BandwidthEvents.request(requested));
      } else if (event instanceof BandwidthGranted granted) {
        return allocator.granted(BandwidthEvents.grant(granted));
      } else if (event instanceof BandwidthReleased released) {
        return allocator.released(released.getRequestId()).isPresent();
      }
      return false;
    } catch (RuntimeException e) {
      Failures.rethrowMisconfiguration(e); // the other wire format: the allocator stops on it
      poison.divert(record, e, live);
      return false;
    }
  }

  /** One decision round, written all or none; a failure ends the loop (the caller rebuilds). */
  private void tick() {
    Round round = allocator.tick();
    if (round.isEmpty()) {
      return;
    }
    List<SpecificRecord> out = new ArrayList<>();
    round.granted().forEach(g -> out.add(events.granted(g)));
    round.expired().forEach(g -> out.add(events.expired(g)));
    term.publish(out);
    round
        .granted()
        .forEach(
            g ->
                LOGGER.info(
                    "request={} host={} granted kbps={}", g.requestId(), g.host(), g.kbps()));
    round
        .expired()
        .forEach(g -> LOGGER.info("request={} host={} grant expired", g.requestId(), g.host()));
    round
        .dropped()
        .forEach(
            r ->
                LOGGER.info(
                    "request={} host={} dropped: not granted within {}",
                    r.requestId(),
                    r.host(),
                    settings.pendingTimeout()));
  }

  private static long lag(Consumer<byte[], byte[]> consumer, List<TopicPartition> partitions) {
    long lag = 0;
    for (TopicPartition p : partitions) {
      lag += consumer.currentLag(p).orElse(0);
    }
    return lag;
  }

  private static TopicPartition partition(ConsumerRecord<?, ?> record) {
    return new TopicPartition(record.topic(), record.partition());
  }
}
