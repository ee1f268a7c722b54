package ai.ringrift.streams.promotion;

import ai.ringrift.client.KafkaSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;

/**
 * How far a replay has come: the topic's committed end offsets when it starts, the replay group's
 * committed offsets while it runs; and the group's deletion afterwards.
 */
final class ReplayProgress implements AutoCloseable {
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

  private final Admin admin;
  private final String topic;
  private final String group;

  ReplayProgress(KafkaSettings kafka, String topic, String group) {
    this.admin = Admin.create(kafka.clientConfig());
    this.topic = topic;
    this.group = group;
  }

  /** The last stable offset of every partition: the history the replay covers. */
  Map<TopicPartition, Long> endOffsets() {
    int partitions =
        get(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic).partitions().size();
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    for (int p = 0; p < partitions; p++) {
      request.put(new TopicPartition(topic, p), OffsetSpec.latest());
    }
    Map<TopicPartition, Long> end = new HashMap<>();
    get(admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all())
        .forEach((tp, info) -> end.put(tp, info.offset()));
    return end;
  }

  /** Waits until the group has committed {@code end} on every partition. */
  void awaitCommitted(Map<TopicPartition, Long> end, Duration timeout, KafkaStreams streams) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!caughtUp(end)) {
      if (streams.state() == KafkaStreams.State.ERROR
          || streams.state() == KafkaStreams.State.NOT_RUNNING) {
        throw new IllegalStateException("the what-if replay stopped: " + streams.state());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the what-if replay did not catch up with " + topic + " within " + timeout);
      }
      try {
        TimeUnit.MILLISECONDS.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while replaying", e);
      }
    }
  }

  private boolean caughtUp(Map<TopicPartition, Long> end) {
    Map<TopicPartition, OffsetAndMetadata> committed =
        get(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      OffsetAndMetadata at = committed.get(e.getKey());
      if (e.getValue() > 0 && (at == null || at.offset() < e.getValue())) {
        return false;
      }
    }
    return true;
  }

  /** Deletes the replay's consumer group (nothing of the replay stays on the cluster). */
  void deleteGroup() {
    try {
      admin
          .deleteConsumerGroups(List.of(group))
          .all()
          .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof org.apache.kafka.common.errors.GroupIdNotFoundException)) {
        throw new IllegalStateException("could not delete the replay group " + group, e);
      }
    } catch (TimeoutException e) {
      throw new IllegalStateException("could not delete the replay group " + group, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future) {
    try {
      return future.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("admin call failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    admin.close(CALL_TIMEOUT);
  }
}
