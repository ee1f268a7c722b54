package ai.ringrift.client.subscribe;

import ai.ringrift.client.metrics.MetricNames;
import com.codahale.metrics.MetricRegistry;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The poll thread: fetches, hands records to partition workers, pauses partitions whose workers are
 * behind and resumes them when they caught up, and commits what the workers finished. It never runs
 * a handler, so it polls often enough for {@code max.poll.interval.ms} whatever the handlers do.
 */
final class PollLoop implements Runnable {
  private static final Logger LOGGER = LoggerFactory.getLogger(PollLoop.class);

  private final String name;
  private final Consumer<byte[], byte[]> consumer;
  private final Map<String, Subscription<? extends SpecificRecord>> byTopic;
  private final WorkerServices services;
  private final SubscriberSettings settings;
  private final MetricRegistry metrics;
  private final Map<TopicPartition, PartitionWorker> workers = new ConcurrentHashMap<>();
  private final Set<TopicPartition> paused = new HashSet<>();
  private final Map<TopicPartition, Long> lastCommitted = new HashMap<>();
  private final Committer committer;
  private volatile boolean closing;
  private volatile boolean aborting;
  private volatile Throwable failure;

  PollLoop(
      String name,
      Consumer<byte[], byte[]> consumer,
      Map<String, Subscription<? extends SpecificRecord>> byTopic,
      WorkerServices services,
      SubscriberSettings settings,
      MetricRegistry metrics) {
    this.name = name;
    this.consumer = consumer;
    this.byTopic = Map.copyOf(byTopic);
    this.services = services;
    this.settings = settings;
    this.metrics = metrics;
    this.committer = new Committer(name, consumer, lastCommitted, settings.commitIntervalMs());
  }

  @Override
  public void run() {
    try {
      consumer.subscribe(byTopic.keySet(), new Rebalance());
      while (!closing && !services.halt().isSet()) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(settings.pollTimeout());
        for (TopicPartition partition : records.partitions()) {
          PartitionWorker worker = workers.get(partition);
          if (worker != null) {
            worker.enqueue(records.records(partition));
          }
        }
        flowControl();
        committer.commit(workers.values(), false);
        workers.values().forEach(w -> w.updateLag(consumer.currentLag(w.partition())));
      }
      if (!aborting) {
        finish(workers.values(), settings.closeTimeoutMs(), "close");
      }
      if (services.halt().isSet()) {
        // a configuration error: what was handled is committed, the record that met it is not
        failure = services.halt().error();
        LOGGER.error("subscriber={} stopped: {}", name, failure.getMessage());
      }
    } catch (RuntimeException e) {
      // fatal for this instance (authorization, a fenced member, a bug): stop and say why
      failure = e;
      LOGGER.error("subscriber={} stopped: {}", name, e.toString(), e);
    } finally {
      leave();
    }
  }

  /** Asks the loop to stop: gracefully, or (abort) at once without committing anything more. */
  void requestStop(boolean abort) {
    aborting |= abort;
    closing = true;
    if (abort) {
      workers.values().forEach(PartitionWorker::stop);
    }
  }

  /** Closes the consumer of a subscriber that was never started. */
  void closeUnstarted() {
    consumer.close(Duration.ZERO);
  }

  Set<TopicPartition> assignment() {
    return Set.copyOf(workers.keySet());
  }

  Throwable failure() {
    return failure;
  }

  private void flowControl() {
    int high = settings.maxQueuedPerPartition();
    for (PartitionWorker worker : workers.values()) {
      TopicPartition partition = worker.partition();
      if (worker.queued() >= high && paused.add(partition)) {
        consumer.pause(List.of(partition));
      } else if (worker.queued() <= high / 2 && paused.remove(partition)) {
        consumer.resume(List.of(partition));
      }
    }
  }

  /** Stops workers, waits for their running records, commits what they finished. */
  private void finish(Collection<PartitionWorker> leaving, long timeoutMs, String why) {
    List<PartitionWorker> copy = List.copyOf(leaving);
    copy.forEach(PartitionWorker::stop);
    long deadline = System.currentTimeMillis() + timeoutMs;
    for (PartitionWorker worker : copy) {
      try {
        if (!worker.awaitIdle(Math.max(0, deadline - System.currentTimeMillis()))) {
          LOGGER.warn(
              "subscriber={} {}: handler on {} still running after {} ms; its event will be"
                  + " handled again by the next owner",
              name,
              why,
              worker.partition(),
              timeoutMs);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (!aborting) {
      committer.commit(copy, true);
    }
    copy.forEach(w -> forget(w.partition()));
  }

  private void forget(TopicPartition partition) {
    PartitionWorker worker = workers.remove(partition);
    paused.remove(partition);
    lastCommitted.remove(partition);
    String gauge = MetricNames.lag(name, partition.topic(), partition.partition());
    metrics.removeMatching((n, m) -> n.equals(gauge) && worker != null && m == worker.lagGauge());
  }

  private void leave() {
    if (aborting) {
      // a crash: nothing more is committed, running handlers are abandoned
      List.copyOf(workers.values())
          .forEach(
              w -> {
                w.stop();
                forget(w.partition());
              });
    }
    try {
      consumer.close(aborting ? Duration.ZERO : Duration.ofMillis(settings.closeTimeoutMs()));
    } catch (RuntimeException e) {
      LOGGER.warn("subscriber={} closing the consumer failed: {}", name, e.toString());
    }
    LOGGER.info("subscriber={} left its group (aborted={})", name, aborting);
  }

  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      for (TopicPartition partition : partitions) {
        PartitionWorker worker =
            new PartitionWorker(partition, byTopic.get(partition.topic()), services);
        workers.put(partition, worker);
        String gauge = MetricNames.lag(name, partition.topic(), partition.partition());
        metrics.remove(gauge); // a gauge left by an earlier owner in this process
        try {
          metrics.register(gauge, worker.lagGauge());
        } catch (IllegalArgumentException e) {
          // another instance of this subscriber in this process registered it meanwhile
          LOGGER.debug("subscriber={} lag gauge {} is taken", name, gauge);
        }
      }
      LOGGER.info("subscriber={} assigned {}", name, partitions);
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      List<PartitionWorker> leaving =
          partitions.stream().map(workers::get).filter(w -> w != null).toList();
      finish(leaving, settings.revokeTimeoutMs(), "revoke");
      LOGGER.info("subscriber={} revoked {}", name, partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      for (TopicPartition partition : partitions) {
        PartitionWorker worker = workers.get(partition);
        if (worker != null) {
          worker.stop();
          forget(partition);
        }
      }
      LOGGER.warn("subscriber={} lost {} without committing", name, partitions);
    }
  }
}
