package ai.ringrift.benchmarks.streams;

import ai.ringrift.client.serde.EventSerdes;
import ai.ringrift.config.ConfigSource;
import ai.ringrift.events.EventHeader;
import ai.ringrift.events.catalog.TopicCatalog;
import ai.ringrift.runtime.RuntimeSettings;
import ai.ringrift.runtime.ServiceContext;
import ai.ringrift.runtime.ServiceMain;
import ai.ringrift.runtime.ServiceRuntime;
import ai.ringrift.streams.common.StreamsApp;
import ai.ringrift.streams.common.StreamsSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** What both harnesses share: the config, a runtime, settings for a fresh app, waiting. */
final class StreamsBench {
  static final ConfigSource CONFIG = ConfigSource.discover();
  static final TopicCatalog CATALOG = TopicCatalog.load(CONFIG);
  static final EventSerdes SERDES = EventSerdes.plainAvro(CATALOG);

  private StreamsBench() {}

  static ServiceRuntime runtime() {
    return ServiceRuntime.start("benchmark", RuntimeSettings.ephemeral());
  }

  static ServiceContext context(BenchCluster cluster, ServiceRuntime runtime) {
    return ServiceMain.context(CONFIG, cluster.kafka(), runtime);
  }

  /**
   * The file's settings for a fresh app (new ids, new state directory); with {@code defaults} the
   * tuning is dropped so Streams' own defaults apply; {@code sets} override single properties.
   */
  static StreamsSettings settings(boolean defaults, Map<String, String> sets) {
    StreamsSettings file = StreamsSettings.load(CONFIG, Map.of());
    Map<String, String> properties = new TreeMap<>(defaults ? Map.of() : file.properties());
    properties.putAll(sets);
    try {
      return file.withStateDir(Files.createTempDirectory("bench-streams"))
          .withApplicationSuffix("-bench-" + UUID.randomUUID().toString().substring(0, 8))
          .withProperties(properties);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void awaitRunning(StreamsApp app) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!app.isRunning()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(app.name() + " did not start: " + app.streams().state());
      }
      TimeUnit.MILLISECONDS.sleep(20);
    }
  }

  static EventHeader header(String id, Instant at) {
    return new EventHeader(id, "benchmark", at, id, null, null, null);
  }

  static Duration seconds(int s) {
    return Duration.ofSeconds(s);
  }
}
