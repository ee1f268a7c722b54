package ai.ringrift.streams;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.serde.EventSerdes;
import ai.ringrift.config.ConfigSource;
import ai.ringrift.events.catalog.TopicCatalog;
import ai.ringrift.streams.common.AppConfig;
import ai.ringrift.streams.common.StreamsApp;
import ai.ringrift.streams.common.StreamsSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A {@link TopologyTestDriver} over an app's real topology with the real config files, the real
 * serdes and the app's real Streams properties (exactly-once, the dead-letter handler). Wall-clock
 * time starts at {@link #START} and moves only when the test advances it.
 */
public final class Driver implements AutoCloseable {
  /** The driver's initial wall-clock time. */
  public static final Instant START = Instant.parse("2026-03-11T12:00:00Z");

  /** The repository's config directory. */
  public static final ConfigSource CONFIG = ConfigSource.directory(Path.of("../../config"));

  /** The catalog of the repository's config. */
  public static final TopicCatalog CATALOG = TopicCatalog.load(CONFIG);

  /**
   * The serdes: plain Avro, which needs no registry in a topology test; the cluster tests run the
   * apps plain too ({@link #PLAIN_CONFIG}), so every reader and writer of their cluster agrees.
   */
  public static final EventSerdes SERDES = EventSerdes.plainAvro(CATALOG);

  /** The repository's config with {@code wire.format: plain}, as the serdes above. */
  public static final ConfigSource PLAIN_CONFIG =
      CONFIG.withOverrides("client.yaml", java.util.Map.of("wire.format", "plain"));

  private final TopologyTestDriver driver;
  private final Path stateDir;
  private final String applicationId;
  private final Instant start;

  public Driver(Topology topology, String dlqRoutes) {
    this(topology, dlqRoutes, java.util.Map.of());
  }

  /** A driver with some of the app's Streams properties changed. */
  public Driver(Topology topology, String dlqRoutes, java.util.Map<String, String> overrides) {
    this(topology, dlqRoutes, overrides, START);
  }

  /** A driver whose wall clock starts at {@code start} (a restarted app). */
  public Driver(
      Topology topology, String dlqRoutes, java.util.Map<String, String> overrides, Instant start) {
    this.start = start;
    try {
      stateDir = Files.createTempDirectory("ttd");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    StreamsSettings settings = StreamsSettings.load(CONFIG, java.util.Map.of());
    applicationId = "ttd-" + stateDir.getFileName();
    Properties props =
        StreamsApp.properties(
            applicationId,
            dlqRoutes,
            settings.withStateDir(stateDir),
            KafkaSettings.of("ttd:9092"));
    props.putAll(overrides);
    driver = new TopologyTestDriver(topology, props, start);
  }

  /** The app config the tests build topologies from. */
  public static <R> AppConfig<R> appConfig(R rules) {
    return new AppConfig<>(rules, CATALOG, SERDES, "test");
  }

  /** Names of the catalog topics of {@code types}. */
  public static List<String> topics(Collection<Class<? extends SpecificRecord>> types) {
    return types.stream().map(t -> CATALOG.topicFor(t).name()).toList();
  }

  /** The input topic of {@code type}. */
  public <T extends SpecificRecord> TestInputTopic<String, T> input(Class<T> type) {
    return driver.createInputTopic(
        CATALOG.topicFor(type).name(),
        SERDES.key().serializer(),
        SERDES.value(type).serializer(),
        start,
        Duration.ZERO);
  }

  /** Sends {@code event} keyed by its topic's key kind. */
  public <T extends SpecificRecord> void send(T event) {
    @SuppressWarnings("unchecked")
    Class<T> type = (Class<T>) event.getClass();
    input(type).pipeInput(CATALOG.topicFor(type).key().keyOf(event), event, now());
  }

  /** Sends {@code event} with record headers {@code headers} (a redrive's, say). */
  public <T extends SpecificRecord> void send(
      T event, org.apache.kafka.common.header.Headers headers) {
    @SuppressWarnings("unchecked")
    Class<T> type = (Class<T>) event.getClass();
    input(type)
        .pipeInput(
            new org.apache.kafka.streams.test.TestRecord<>(
                CATALOG.topicFor(type).key().keyOf(event), event, headers, now()));
  }

  /** Raw bytes on {@code topic}, for poison records. */
  public void sendRaw(String topic, byte[] key, byte[] value) {
    driver
        .createInputTopic(topic, new ByteArraySerializer(), new ByteArraySerializer())
        .pipeInput(key, value, now());
  }

  /** The output topic of {@code type}. */
  public <T extends SpecificRecord> TestOutputTopic<String, T> output(Class<T> type) {
    return driver.createOutputTopic(
        CATALOG.topicFor(type).name(),
        SERDES.key().deserializer(),
        SERDES.value(type).deserializer());
  }

  /** Every value emitted so far (and not read before) on the topic of {@code type}. */
  public <T extends SpecificRecord> List<T> drain(Class<T> type) {
    return output(type).readValuesToList();
  }

  /** A raw output topic (a DLQ). */
  public TestOutputTopic<byte[], byte[]> rawOutput(String topic) {
    return driver.createOutputTopic(
        topic,
        new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
        new org.apache.kafka.common.serialization.ByteArrayDeserializer());
  }

  /** The driver's wall-clock time. */
  public Instant now() {
    return start.plusMillis(elapsedMillis);
  }

  /** The app's application id under this driver (it names the changelog topics). */
  public String applicationId() {
    return applicationId;
  }

  private long elapsedMillis;

  /** Moves the wall clock; fires the wall-clock punctuations that fall due. */
  public void tick(Duration duration) {
    elapsedMillis += duration.toMillis();
    driver.advanceWallClockTime(duration);
  }

  /** A key-value store of the topology. */
  public <V> KeyValueStore<String, V> store(String name) {
    return driver.getKeyValueStore(name);
  }

  @Override
  public void close() {
    driver.close();
  }
}
