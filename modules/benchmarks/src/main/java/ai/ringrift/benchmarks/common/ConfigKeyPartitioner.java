package ai.ringrift.benchmarks.common;

import ai.ringrift.events.contract.ConfigKeys;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.utils.Utils;

/**
 * Sends Kafka's tool's keyless records to exactly the partitions our publisher's records go to:
 * record {@code i} goes where the key of config {@code i % configs} hashes (the producer's own
 * {@code murmur2(key) % partitions}), as the publisher benchmark cycles through the configs. The
 * twelve keys do not hash evenly over six partitions (one gets none, one a third), so a round-robin
 * spread would not be the same load.
 */
public final class ConfigKeyPartitioner implements Partitioner {
  /** The producer property naming how many configs the benchmark cycles through. */
  public static final String CONFIGS = "ringrift.bench.configs";

  private final AtomicLong sequence = new AtomicLong();
  private byte[][] keys;

  @Override
  public void configure(Map<String, ?> configs) {
    int count = Integer.parseInt(String.valueOf(configs.get(CONFIGS)));
    keys = new byte[count][];
    for (int i = 0; i < count; i++) {
      keys[i] = ConfigKeys.format(ConfigKeys.all().get(i)).getBytes(StandardCharsets.UTF_8);
    }
  }

  @Override
  public int partition(
      String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes, Cluster cluster) {
    byte[] like = keys[(int) (sequence.getAndIncrement() % keys.length)];
    return Utils.toPositive(Utils.murmur2(like)) % cluster.partitionCountForTopic(topic);
  }

  @Override
  public void close() {
    // nothing held
  }
}
