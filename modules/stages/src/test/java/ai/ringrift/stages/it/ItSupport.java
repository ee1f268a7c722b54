package ai.ringrift.stages.it;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.history.TopicSnapshot;
import ai.ringrift.client.publish.EventPublisher;
import ai.ringrift.client.serde.EventSerdes;
import ai.ringrift.config.ConfigSource;
import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.DataSyncCompleted;
import ai.ringrift.events.StageRun;
import ai.ringrift.events.SyncDataType;
import ai.ringrift.events.TrainingCompleted;
import ai.ringrift.events.TriggerOutcome;
import ai.ringrift.events.catalog.TopicCatalog;
import ai.ringrift.runtime.RuntimeSettings;
import ai.ringrift.runtime.ServiceContext;
import ai.ringrift.runtime.ServiceMain;
import ai.ringrift.runtime.ServiceRuntime;
import ai.ringrift.stages.StageSettings;
import ai.ringrift.stages.files.GameFiles;
import ai.ringrift.stages.host.StagePaths;
import ai.ringrift.stages.npz.NpyArrayWriter;
import ai.ringrift.stages.npz.NpyHeader;
import ai.ringrift.stages.npz.NpyType;
import ai.ringrift.stages.npz.NpzWriter;
import ai.ringrift.testkit.SampleEvents;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** What the stage integration tests share: config copies, contexts, reading topics. */
public final class ItSupport {
  /** The repository's config directory. */
  public static final Path REPOSITORY_CONFIG = Path.of("../../config");

  private ItSupport() {}

  /** A copy of the repository's config in {@code dir}, with {@code edits} applied per file. */
  public static ConfigSource configCopy(Path dir, Map<String, UnaryOperator<String>> edits) {
    try {
      Files.createDirectories(dir);
      try (var files = Files.list(REPOSITORY_CONFIG)) {
        for (Path file : files.toList()) {
          String text = Files.readString(file);
          String name = file.getFileName().toString();
          Files.writeString(dir.resolve(name), edits.getOrDefault(name, t -> t).apply(text));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ConfigSource.directory(dir);
  }

  /** The repository's stage settings. */
  public static StageSettings repositorySettings() {
    return StageSettings.load(ConfigSource.directory(REPOSITORY_CONFIG));
  }

  /**
   * Kafka settings for stages that must notice a killed member quickly: the broker's smallest
   * session timeout instead of 45 s.
   */
  public static KafkaSettings quickGroups(KafkaSettings kafka) {
    return kafka.with("session.timeout.ms", "6000").with("heartbeat.interval.ms", "1000");
  }

  /** A runtime on a free port without JMX. */
  public static ServiceRuntime runtime(String name) {
    return ServiceRuntime.start(name, RuntimeSettings.ephemeral());
  }

  /** A context on {@code kafka} with {@code config}. */
  public static ServiceContext context(
      ConfigSource config, KafkaSettings kafka, ServiceRuntime runtime) {
    return ServiceMain.context(config, kafka, runtime);
  }

  /** A publisher for the test's own events. */
  public static EventPublisher publisher(ServiceContext context, String source) {
    return EventPublisher.builder()
        .source(source)
        .kafka(context.kafka())
        .catalog(context.catalog())
        .serdes(context.serdes())
        .config(context.config())
        .build();
  }

  /** Every committed event of {@code type} on its topic, oldest first per partition. */
  public static <T extends SpecificRecord> List<T> read(ServiceContext context, Class<T> type) {
    return read(context.kafka(), context.catalog(), context.serdes(), type);
  }

  public static <T extends SpecificRecord> List<T> read(
      KafkaSettings kafka, TopicCatalog catalog, EventSerdes serdes, Class<T> type) {
    try {
      return TopicSnapshot.read(
              kafka,
              catalog.topicFor(type).name(),
              serdes.key().deserializer(),
              serdes.value(type).deserializer(),
              Duration.ofSeconds(30))
          .stream()
          .map(ConsumerRecord::value)
          .toList();
    } catch (TimeoutException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The events of {@code type} that match. */
  public static <T extends SpecificRecord> List<T> read(
      ServiceContext context, Class<T> type, Predicate<T> which) {
    return read(context, type).stream().filter(which).toList();
  }

  /** The stage-run records of one key ({@code hex8_2p/export}), oldest first. */
  public static List<StageRun> runs(ServiceContext context, String key) {
    return read(
        context,
        StageRun.class,
        r ->
            (ai.ringrift.events.contract.ConfigKeys.format(r.getConfig())
                    + "/"
                    + r.getStage().name().toLowerCase(java.util.Locale.ROOT))
                .equals(key));
  }

  /** The triggers the latest stage-run record of {@code key} lists as finished. */
  public static Set<String> finished(ServiceContext context, String key) {
    List<StageRun> runs = runs(context, key);
    return runs.isEmpty()
        ? Set.of()
        : Set.copyOf(
            runs.get(runs.size() - 1).getRecentTriggers().stream()
                .map(TriggerOutcome::getTriggerEventId)
                .toList());
  }

  /**
   * Publishes a {@code DataSyncCompleted} of {@code config}'s games (the export stage's trigger).
   */
  public static DataSyncCompleted gamesSynced(EventPublisher publisher, ConfigKey config) {
    DataSyncCompleted event =
        DataSyncCompleted.newBuilder(SampleEvents.of(DataSyncCompleted.class, config, 7))
            .setHeader(publisher.newHeader())
            .setConfig(config)
            .setSyncType(SyncDataType.GAMES)
            .build();
    publisher.publishSync(event);
    return event;
  }

  /** Writes {@code games} games of {@code config} as selfplay-1's file {@code batch}. */
  public static void writeGames(StagePaths paths, ConfigKey config, String batch, int games)
      throws IOException {
    Path file = paths.gamesOf(config).resolve("selfplay-1").resolve(batch + GameFiles.SUFFIX);
    Files.createDirectories(file.getParent());
    Files.writeString(file, "{\"game\": 1}\n".repeat(games));
  }

  /** Writes a valid three-sample shard to {@code npz} (what an export action for tests writes). */
  public static void writeShard(Path npz) throws IOException {
    Files.createDirectories(npz.toAbsolutePath().getParent());
    try (OutputStream out = Files.newOutputStream(npz);
        NpzWriter writer = new NpzWriter(out)) {
      for (String name : List.of("features", "policy", "values")) {
        try (NpyArrayWriter a = writer.array(name, NpyHeader.of(NpyType.FLOAT32, 3))) {
          for (int i = 0; i < 3; i++) {
            a.putFloat(0.5f);
          }
        }
      }
    }
  }

  /** Publishes a {@code TrainingCompleted} of {@code model} (the evaluation stage's trigger). */
  public static TrainingCompleted trained(
      EventPublisher publisher, ConfigKey config, String model) {
    TrainingCompleted event =
        TrainingCompleted.newBuilder()
            .setHeader(publisher.newHeader())
            .setConfig(config)
            .setJobId("job-" + model)
            .setModelId(model)
            .setModelPath("/models/" + model + ".pth")
            .setEpochs(1)
            .setFinalLoss(0.5)
            .setSamplesTrained(1000)
            .build();
    publisher.publishSync(event);
    return event;
  }
}
