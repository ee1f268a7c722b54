package ai.ringrift.benchmarks;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.registry.SchemaRegistryClient;
import ai.ringrift.client.serde.EventSerdes;
import ai.ringrift.config.ConfigSource;
import ai.ringrift.events.catalog.TopicCatalog;
import ai.ringrift.testkit.KafkaCluster;
import ai.ringrift.testkit.SampleEvents;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Serialize / deserialize of one typical event in steady state: Confluent-framed Avro through the
 * embedded schema registry (on a real in-JVM broker) against plain Avro binary. The registry is
 * only asked during set-up; tear-down fails the run if the measured part made any registry call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RegistrySerdeBenchmark {
  @Param({"TrainingProgress", "TrainingCompleted", "EvaluationCompleted"})
  public String event;

  @Param({"registry", "plain"})
  public String wire;

  private KafkaCluster cluster;
  private Serde<SpecificRecord> serde;
  private SpecificRecord record;
  private byte[] bytes;
  private String topic;
  private SchemaRegistryClient registry;
  private long registryCalls;

  @Setup(Level.Trial)
  @SuppressWarnings("unchecked")
  public void setUp() throws ClassNotFoundException {
    Class<? extends SpecificRecord> type =
        (Class<? extends SpecificRecord>) Class.forName("ai.ringrift.events." + event);
    TopicCatalog catalog = TopicCatalog.packaged();
    EventSerdes serdes;
    if (wire.equals("registry")) {
      cluster = KafkaCluster.start(1, false, true);
      serdes =
          EventSerdes.from(
              KafkaSettings.of(cluster.bootstrapServers())
                  .withSchemaRegistry(cluster.registryUrl()),
              ConfigSource.packaged(),
              catalog);
      registry = serdes.registry().orElseThrow();
    } else {
      serdes = EventSerdes.plainAvro(catalog);
    }
    serde = (Serde<SpecificRecord>) serdes.value(type);
    record = SampleEvents.of(type, 7);
    topic = catalog.topicFor(type).name();
    bytes = serde.serializer().serialize(topic, record);
    if (!record.equals(serde.deserializer().deserialize(topic, bytes))) {
      throw new IllegalStateException("round trip changed the event");
    }
    registryCalls = registry == null ? 0 : registry.requestCount();
  }

  @Benchmark
  public byte[] serialize() {
    return serde.serializer().serialize(topic, record);
  }

  @Benchmark
  public Object deserialize() {
    return serde.deserializer().deserialize(topic, bytes);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    long calls = registry == null ? 0 : registry.requestCount() - registryCalls;
    if (cluster != null) {
      cluster.close();
    }
    if (calls != 0) {
      throw new IllegalStateException("steady state made " + calls + " registry calls");
    }
  }
}
