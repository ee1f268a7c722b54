package ai.ringrift.benchmarks.streams;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.testkit.KafkaCluster;

/**
 * The cluster a harness runs against: the one at {@code --bootstrap}, or a real single-node KRaft
 * broker started in this JVM with the topic catalog applied.
 */
final class BenchCluster implements AutoCloseable {
  private final KafkaCluster inJvm;
  private final String bootstrap;

  private BenchCluster(KafkaCluster inJvm, String bootstrap) {
    this.inJvm = inJvm;
    this.bootstrap = bootstrap;
  }

  static BenchCluster of(String bootstrap) {
    if (bootstrap != null) {
      return new BenchCluster(null, bootstrap);
    }
    KafkaCluster cluster = KafkaCluster.start(1, true);
    return new BenchCluster(cluster, cluster.bootstrapServers());
  }

  KafkaSettings kafka() {
    return KafkaSettings.of(bootstrap);
  }

  String bootstrap() {
    return bootstrap;
  }

  @Override
  public void close() {
    if (inJvm != null) {
      inJvm.close();
    }
  }
}
