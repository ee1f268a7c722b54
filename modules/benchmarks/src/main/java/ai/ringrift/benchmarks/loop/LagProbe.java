package ai.ringrift.benchmarks.loop;

import ai.ringrift.client.KafkaSettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The consumer lag of every service's group (end offsets minus committed offsets, over the
 * partitions the group commits), read every second: lag that keeps growing means the offered rate
 * is not sustained.
 */
final class LagProbe implements AutoCloseable {
  /** One reading: seconds since the probe started, and lag per service. */
  record Sample(double seconds, Map<String, Long> lag) {}

  /**
   * One service's lag and the partitions its group commits: once everything is read the lag is at
   * most one per partition (a transaction's commit marker takes an offset nobody consumes).
   */
  record Behind(long lag, int partitions) {}

  private final Admin admin;
  private final Map<String, String> groups;
  private final List<Sample> samples = new ArrayList<>();
  private final Thread thread;
  private final long start = System.nanoTime();
  private volatile boolean stopped;

  LagProbe(KafkaSettings kafka, Map<String, String> groups) {
    Map<String, Object> config = kafka.clientConfig();
    config.put(AdminClientConfig.CLIENT_ID_CONFIG, "bench-lag-probe");
    this.admin = Admin.create(config);
    this.groups = Map.copyOf(groups);
    this.thread = new Thread(this::run, "bench-lag-probe");
  }

  LagProbe start() {
    thread.start();
    return this;
  }

  private void run() {
    while (!stopped) {
      try {
        Map<String, Long> lag = new LinkedHashMap<>();
        read().forEach((service, behind) -> lag.put(service, behind.lag()));
        Sample sample = new Sample((System.nanoTime() - start) / 1e9, lag);
        synchronized (this) {
          samples.add(sample);
        }
        TimeUnit.SECONDS.sleep(1);
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        // a slow broker: the next reading will do
      }
    }
  }

  /** Lag per service now. */
  Map<String, Behind> read() throws Exception {
    Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = new LinkedHashMap<>();
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    for (Map.Entry<String, String> group : groups.entrySet()) {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin
              .listConsumerGroupOffsets(group.getValue())
              .partitionsToOffsetAndMetadata()
              .get(10, TimeUnit.SECONDS);
      committed.put(group.getKey(), offsets);
      offsets.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
    }
    Map<TopicPartition, ListOffsetsResultInfo> ends =
        admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
    Map<String, Behind> lag = new LinkedHashMap<>();
    committed.forEach(
        (service, offsets) -> {
          long behind = 0;
          int n = 0;
          for (Map.Entry<TopicPartition, OffsetAndMetadata> e : offsets.entrySet()) {
            if (e.getValue() != null && !e.getKey().topic().contains("-changelog")) {
              behind += Math.max(0, ends.get(e.getKey()).offset() - e.getValue().offset());
              n++;
            }
          }
          lag.put(service, new Behind(behind, n));
        });
    return lag;
  }

  /** The readings between {@code from} and {@code to} seconds after the start. */
  synchronized List<Sample> between(double from, double to) {
    return samples.stream().filter(s -> s.seconds() >= from && s.seconds() <= to).toList();
  }

  /** Seconds since the probe started. */
  double now() {
    return (System.nanoTime() - start) / 1e9;
  }

  @Override
  public void close() throws InterruptedException {
    stopped = true;
    thread.interrupt();
    thread.join();
    admin.close();
  }
}
