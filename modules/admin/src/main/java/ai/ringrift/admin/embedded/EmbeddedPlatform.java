package ai.ringrift.admin.embedded;

import ai.ringrift.config.ConfigSource;
import ai.ringrift.events.catalog.ApplyResult;
import ai.ringrift.events.catalog.TopicAdmin;
import ai.ringrift.events.catalog.TopicCatalog;
import ai.ringrift.registry.EmbeddedSchemaRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform on one machine: a real single-node KRaft broker with the topic catalog applied and a
 * schema registry (schemas kept in the broker) with every event schema registered. Components start
 * in dependency order and stop in reverse.
 */
public final class EmbeddedPlatform implements AutoCloseable {
  private static final Logger LOGGER = LoggerFactory.getLogger(EmbeddedPlatform.class);

  private final Deque<AutoCloseable> running = new ArrayDeque<>();
  private final EmbeddedKafkaBroker broker;
  private final ConfigSource config;
  private final TopicCatalog catalog;
  private EmbeddedSchemaRegistry registry;

  private EmbeddedPlatform(EmbeddedKafkaBroker broker, ConfigSource config, TopicCatalog catalog) {
    this.broker = broker;
    this.config = config;
    this.catalog = catalog;
    running.push(broker);
  }

  /** Starts everything; {@code progress} receives one line per step. */
  public static EmbeddedPlatform start(
      EmbeddedPlatformSettings settings, Consumer<String> progress) {
    ConfigSource config =
        settings.configDirectory() == null
            ? ConfigSource.discover()
            : ConfigSource.directory(settings.configDirectory());
    TopicCatalog catalog = TopicCatalog.load(config);
    if (settings.fresh()) {
      deleteDataDirectory(settings.dataDirectory());
      progress.accept("fresh start: deleted " + settings.dataDirectory());
    }
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(settings.broker());
    progress.accept(
        "kafka broker up at " + broker.bootstrapServers() + ", data in " + broker.dataDirectory());
    EmbeddedPlatform platform = new EmbeddedPlatform(broker, config, catalog);
    try {
      ApplyResult applied = platform.applyCatalog();
      progress.accept(
          "topic catalog: "
              + applied.created().size()
              + " created, "
              + applied.unchanged().size()
              + " unchanged, "
              + applied.drift().size()
              + " drifted");
      applied.drift().forEach(d -> progress.accept("  drift: " + d));
      platform.startRegistry(settings, progress);
    } catch (RuntimeException e) {
      platform.close();
      throw e;
    }
    return platform;
  }

  /** {@code host:port} of the embedded broker. */
  public String bootstrapServers() {
    return broker.bootstrapServers();
  }

  /** Base URL of the embedded schema registry. */
  public String registryUrl() {
    return registry.url();
  }

  /** The config directory the platform runs with. */
  public ConfigSource config() {
    return config;
  }

  /** The catalog the platform runs with. */
  public TopicCatalog catalog() {
    return catalog;
  }

  private void startRegistry(EmbeddedPlatformSettings settings, Consumer<String> progress) {
    registry = EmbeddedSchemaRegistry.start(settings.registry(bootstrapServers()));
    running.push(registry);
    int subjects = SchemaRegistration.registerCatalog(registry.url(), catalog);
    progress.accept(
        "schema registry up at " + registry.url() + ", " + subjects + " event schemas registered");
  }

  private ApplyResult applyCatalog() {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
      return new TopicAdmin(admin, Duration.ofSeconds(60)).apply(catalog);
    }
  }

  /** Stops every component, the broker last. */
  @Override
  public synchronized void close() {
    while (!running.isEmpty()) {
      AutoCloseable component = running.pop();
      try {
        component.close();
      } catch (Exception e) {
        LOGGER.warn("stopping {} failed", component.getClass().getSimpleName(), e);
      }
    }
  }

  /** Deletes everything under {@code dir} but the logs (which this very run is writing). */
  private static void deleteDataDirectory(Path dir) {
    Path absolute = dir.toAbsolutePath().normalize();
    if (!Files.exists(absolute)) {
      return;
    }
    if (absolute.getNameCount() < 2) {
      throw new IllegalArgumentException(
          "refusing to delete " + absolute + " for --fresh; choose a data directory below it");
    }
    try (Stream<Path> children = Files.list(absolute)) {
      children
          .filter(p -> !p.getFileName().toString().equals("logs"))
          .forEach(EmbeddedPlatform::deleteTree);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + absolute + " for --fresh", e);
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + root + " for --fresh", e);
    }
  }
}
