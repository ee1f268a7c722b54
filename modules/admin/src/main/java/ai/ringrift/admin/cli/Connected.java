package ai.ringrift.admin.cli;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.history.EventHistory;
import ai.ringrift.client.publish.EventPublisher;
import ai.ringrift.client.publish.PublishException;
import ai.ringrift.client.publish.PublishedEvent;
import ai.ringrift.client.registry.SchemaRegistryClient;
import ai.ringrift.client.serde.EventSerdes;
import ai.ringrift.client.serde.WireFormat;
import ai.ringrift.client.serde.WireSettings;
import ai.ringrift.config.ConfigSource;
import ai.ringrift.events.catalog.TopicCatalog;
import ai.ringrift.runtime.roles.RoleContext;
import java.time.Duration;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;

/**
 * A command's view of a cluster that answered: the config directory, the catalog, an admin client,
 * and on demand the serdes (the registry's, once it answered, unless {@code wire.format} is plain),
 * a publisher and the event history. Closing it closes what it opened.
 */
public final class Connected implements AutoCloseable {
  private final ClusterOptions options;
  private final ConfigSource config;
  private final TopicCatalog catalog;
  private final KafkaSettings kafka;
  private final WireSettings wire;
  private final Admin admin;
  private Optional<SchemaRegistryClient> registry;
  private EventSerdes serdes;
  private EventPublisher publisher;

  private Connected(ClusterOptions options, Admin admin) {
    this.options = options;
    this.admin = admin;
    this.config = options.config();
    this.catalog = options.catalog();
    this.kafka = options.kafkaSettings();
    this.wire = options.wire();
  }

  static Connected to(ClusterOptions options) {
    options.config(); // a bad config directory fails before the network is tried
    Admin admin = options.admin();
    try {
      return new Connected(options, admin);
    } catch (RuntimeException e) {
      admin.close(Duration.ZERO);
      throw e;
    }
  }

  /** Who the command publishes as: the operator's user on this host. */
  public static String operator() {
    return System.getProperty("user.name", "operator") + "@" + RoleContext.localHost();
  }

  public ConfigSource config() {
    return config;
  }

  public TopicCatalog catalog() {
    return catalog;
  }

  public KafkaSettings kafka() {
    return kafka;
  }

  public Admin admin() {
    return admin;
  }

  /** The wire format and registry every event of this cluster travels with. */
  public WireSettings wire() {
    return wire;
  }

  /**
   * The registry, unless {@code wire.format} is plain; asked on first use (a command that decodes
   * no event needs none), and one that does not answer is a {@link CliException} naming its URL.
   */
  public synchronized Optional<SchemaRegistryClient> registry() {
    if (registry == null) {
      registry =
          wire.format() == WireFormat.REGISTRY
              ? Optional.of(options.reachableRegistry())
              : Optional.empty();
    }
    return registry;
  }

  /** The options this connection came from. */
  public ClusterOptions options() {
    return options;
  }

  /** The serdes events travel with on this cluster. */
  public synchronized EventSerdes serdes() {
    if (serdes == null) {
      registry(); // one line naming the registry when it does not answer, before any decoding
      serdes = EventSerdes.from(kafka, wire, catalog);
    }
    return serdes;
  }

  /** Reads events back without a consumer group. */
  public EventHistory history() {
    return new EventHistory(kafka, catalog, serdes());
  }

  /**
   * Publishes {@code event} as the operator ({@code ringrift-cli@host}), waiting for the broker's
   * acknowledgement; a failure is a {@link CliException} naming the event.
   */
  public PublishedEvent publish(SpecificRecord event) {
    try {
      return publisher().publishSync(event);
    } catch (PublishException e) {
      throw new CliException(e.getMessage(), e);
    }
  }

  /** The publisher of this command (created on first use). */
  public synchronized EventPublisher publisher() {
    if (publisher == null) {
      publisher =
          EventPublisher.builder()
              .source("ringrift-cli@" + RoleContext.localHost())
              .kafka(kafka)
              .config(config)
              .catalog(catalog)
              .serdes(serdes())
              .build();
    }
    return publisher;
  }

  @Override
  public synchronized void close() {
    if (publisher != null) {
      publisher.close();
    }
    admin.close(Duration.ofSeconds(5));
  }
}
