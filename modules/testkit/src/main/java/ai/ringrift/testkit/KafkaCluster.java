package ai.ringrift.testkit;

import ai.ringrift.events.catalog.TopicAdmin;
import ai.ringrift.events.catalog.TopicCatalog;
import ai.ringrift.registry.EmbeddedSchemaRegistry;
import ai.ringrift.registry.settings.RegistrySettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real KRaft cluster running in this JVM, with the platform's topic catalog applied and (unless
 * turned off) an embedded schema registry storing its schemas in the cluster. Obtained from {@link
 * WithKafkaCluster}; closed after the test class.
 */
public final class KafkaCluster implements AutoCloseable {
  private static final Logger LOGGER = LoggerFactory.getLogger(KafkaCluster.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final AtomicInteger TOPIC_SEQUENCE = new AtomicInteger();

  private final KafkaClusterTestKit kit;
  private final Admin admin;
  private final TopicCatalog catalog;
  private final int brokers;
  private final boolean sasl;
  private TestCertificates certificates;
  private EmbeddedSchemaRegistry registry;

  /** The super user of a SASL cluster ({@code @WithKafkaCluster(sasl = true)}). */
  public static final String SUPER_USER = SaslListener.SUPER_USER;

  private KafkaCluster(KafkaClusterTestKit kit, TopicCatalog catalog, int brokers, boolean sasl) {
    this.kit = kit;
    this.admin = kit.admin();
    this.catalog = catalog;
    this.brokers = brokers;
    this.sasl = sasl;
  }

  /**
   * Starts {@code brokers} combined KRaft nodes; with {@code applyCatalog}, creates the catalog's
   * topics; with {@code schemaRegistry}, starts an embedded schema registry on the cluster.
   */
  public static KafkaCluster start(
      int brokers, boolean applyCatalog, boolean schemaRegistry, String... brokerConfig) {
    return start(brokers, applyCatalog, schemaRegistry, false, brokerConfig);
  }

  /**
   * Starts {@code brokers} combined KRaft nodes; with {@code applyCatalog}, creates the catalog's
   * topics; with {@code schemaRegistry}, starts an embedded schema registry on the cluster; with
   * {@code sasl}, clients must authenticate (see {@link WithKafkaCluster#sasl()}).
   */
  public static KafkaCluster start(
      int brokers,
      boolean applyCatalog,
      boolean schemaRegistry,
      boolean sasl,
      String... brokerConfig) {
    return start(brokers, applyCatalog, schemaRegistry, sasl, false, brokerConfig);
  }

  /**
   * As {@link #start(int, boolean, boolean, boolean, String...)}; with {@code tls} (and {@code
   * sasl}), every broker also has a SASL_SSL listener ({@link #secureBootstrapServers()}) with a
   * key from {@code scripts/make-certs} ({@link #certificates()}).
   */
  public static KafkaCluster start(
      int brokers,
      boolean applyCatalog,
      boolean schemaRegistry,
      boolean sasl,
      boolean tls,
      String... brokerConfig) {
    if (tls && !sasl) {
      throw new IllegalArgumentException("@WithKafkaCluster(tls = true) needs sasl = true too");
    }
    KafkaCluster cluster = startBrokers(brokers, applyCatalog, sasl, tls, brokerConfig);
    if (schemaRegistry) {
      try {
        cluster.registry =
            EmbeddedSchemaRegistry.start(
                RegistrySettings.of(cluster.bootstrapServers())
                    .withClientProperties(cluster.clientSecurity())
                    .withReplicationFactor(Math.min(3, brokers)));
      } catch (RuntimeException e) {
        cluster.close();
        throw new IllegalStateException(
            "could not start the embedded schema registry: " + e.getMessage(), e);
      }
    }
    return cluster;
  }

  /**
   * Starts {@code brokers} combined KRaft nodes; with {@code applyCatalog}, creates the catalog's
   * topics.
   */
  public static KafkaCluster start(int brokers, boolean applyCatalog, String... brokerConfig) {
    return startBrokers(brokers, applyCatalog, false, false, brokerConfig);
  }

  private static KafkaCluster startBrokers(
      int brokers, boolean applyCatalog, boolean sasl, boolean tls, String... brokerConfig) {
    long started = System.nanoTime();
    KafkaClusterTestKit kit = null;
    TestCertificates certs = tls ? TlsListener.certificates() : null;
    try {
      TestKitNodes.Builder nodeBuilder =
          new TestKitNodes.Builder()
              .setCombined(true)
              .setNumBrokerNodes(brokers)
              // one controller (in node 0): with three combined nodes, Kafka 4.3.1's test kit
              // followers fail on an UpdateVoter answer (INVALID_REQUEST) and never unfence
              .setNumControllerNodes(1);
      if (sasl) {
        SaslListener.configure(nodeBuilder);
      }
      TestKitNodes nodes = nodeBuilder.build();
      KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
      brokerDefaults(brokers).forEach(builder::setConfigProp);
      if (sasl) {
        SaslListener.configure(builder);
      }
      if (certs != null) {
        TlsListener.configure(builder, nodes, certs);
      }
      for (String setting : brokerConfig) {
        int eq = setting.indexOf('=');
        if (eq < 1) {
          throw new IllegalArgumentException("broker setting '" + setting + "' is not key=value");
        }
        builder.setConfigProp(setting.substring(0, eq), setting.substring(eq + 1));
      }
      kit = builder.build();
      kit.format();
      kit.startup();
      kit.waitForReadyBrokers();
      TopicCatalog catalog = catalogFor(brokers);
      KafkaCluster cluster = new KafkaCluster(kit, catalog, brokers, sasl);
      cluster.certificates = certs;
      if (applyCatalog) {
        cluster.topicAdmin().apply(catalog);
      }
      LOGGER.info(
          "kafka cluster brokers={} sasl={} bootstrap={} ready in {} ms",
          brokers,
          sasl,
          kit.bootstrapServers(),
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
      return cluster;
    } catch (Exception e) {
      closeQuietly(kit);
      throw new IllegalStateException(
          "could not start the in-JVM Kafka cluster: " + e.getMessage(), e);
    }
  }

  private static Map<String, Object> brokerDefaults(int brokers) {
    Map<String, Object> config = new HashMap<>();
    config.put("auto.create.topics.enable", "false");
    config.put("group.initial.rebalance.delay.ms", "0");
    config.put("offsets.topic.num.partitions", "3");
    config.put("offsets.topic.replication.factor", Integer.toString(Math.min(3, brokers)));
    config.put("transaction.state.log.num.partitions", "3");
    config.put("transaction.state.log.replication.factor", Integer.toString(Math.min(3, brokers)));
    config.put("transaction.state.log.min.isr", Integer.toString(brokers >= 3 ? 2 : 1));
    config.put("default.replication.factor", Integer.toString(Math.min(3, brokers)));
    config.put("min.insync.replicas", Integer.toString(brokers >= 3 ? 2 : 1));
    return config;
  }

  private static TopicCatalog catalogFor(int brokers) {
    TopicCatalog catalog = TopicCatalog.packaged();
    return brokers >= 3 ? catalog.withReplication((short) 3, 2) : catalog;
  }

  /** Bootstrap servers for clients. */
  public String bootstrapServers() {
    return kit.bootstrapServers();
  }

  /**
   * Bootstrap servers of the SASL_SSL listener ({@code @WithKafkaCluster(sasl = true, tls =
   * true)}); clients trust {@link #certificates()}' trust store.
   */
  public String secureBootstrapServers() {
    certificates();
    return kit.brokers().values().stream()
        .map(b -> "localhost:" + b.boundPort(TlsListener.listener()))
        .collect(java.util.stream.Collectors.joining(","));
  }

  /** The CA and broker key of a TLS cluster. */
  public TestCertificates certificates() {
    if (certificates == null) {
      throw new IllegalStateException(
          "no TLS listener: @WithKafkaCluster(sasl = true, tls = true)");
    }
    return certificates;
  }

  /**
   * Base URL of the cluster's embedded schema registry.
   *
   * @throws IllegalStateException when the test class turned it off
   */
  public String registryUrl() {
    return schemaRegistry()
        .map(EmbeddedSchemaRegistry::url)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "no schema registry: @WithKafkaCluster(schemaRegistry = false)"));
  }

  /** The embedded schema registry, unless the test class turned it off. */
  public Optional<EmbeddedSchemaRegistry> schemaRegistry() {
    return Optional.ofNullable(registry);
  }

  /**
   * The environment a service started against this cluster would get: {@code
   * RINGRIFT_BOOTSTRAP_SERVERS} and, with a registry, {@code RINGRIFT_SCHEMA_REGISTRY_URL}. {@code
   * KafkaSettings.fromEnvironment(cluster.environment())} turns it into client settings (the
   * testkit cannot return {@code KafkaSettings} itself: the client library's tests depend on the
   * testkit).
   */
  public Map<String, String> environment() {
    Map<String, String> env = new HashMap<>();
    env.put("RINGRIFT_BOOTSTRAP_SERVERS", bootstrapServers());
    schemaRegistry().ifPresent(r -> env.put("RINGRIFT_SCHEMA_REGISTRY_URL", r.url()));
    if (sasl) {
      env.put("RINGRIFT_KAFKA_USERNAME", SaslListener.SUPER_USER);
      env.put("RINGRIFT_CLUSTER_AUTH_TOKEN", SaslListener.SUPER_USER_PASSWORD);
      env.put("RINGRIFT_KAFKA_SASL_MECHANISM", "PLAIN");
    }
    return Map.copyOf(env);
  }

  /**
   * Client security settings of the super user on a SASL cluster ({@code security.protocol}, {@code
   * sasl.mechanism}, {@code sasl.jaas.config}); empty on a plaintext one. {@link
   * #producerConfig()}, {@link #consumerConfig} and {@link #admin()} include them.
   */
  public Map<String, String> clientSecurity() {
    return sasl ? SaslListener.superUserClient() : Map.of();
  }

  /** Whether clients must authenticate ({@code @WithKafkaCluster(sasl = true)}). */
  public boolean sasl() {
    return sasl;
  }

  /** The catalog as applied to this cluster (replication 3, min ISR 2 with three brokers). */
  public TopicCatalog catalog() {
    return catalog;
  }

  /** A shared admin client, closed with the cluster. */
  public Admin admin() {
    return admin;
  }

  /** Reconciles topics on this cluster. */
  public TopicAdmin topicAdmin() {
    return new TopicAdmin(admin, TIMEOUT);
  }

  /** Number of brokers. */
  public int brokers() {
    return brokers;
  }

  /**
   * Stops broker {@code id} (its node keeps its controller, so the quorum stays up); partitions it
   * led get new leaders and it drops out of every ISR.
   */
  public void stopBroker(int id) {
    broker(id).shutdown();
    LOGGER.info("kafka broker {} stopped", id);
  }

  /** Starts broker {@code id} again on its old port; it catches up and rejoins the ISRs. */
  public void startBroker(int id) {
    broker(id).startup();
    LOGGER.info("kafka broker {} started", id);
  }

  private kafka.server.BrokerServer broker(int id) {
    kafka.server.BrokerServer broker = kit.brokers().get(id);
    if (broker == null) {
      throw new IllegalArgumentException(
          "no broker " + id + "; brokers: " + kit.brokers().keySet());
    }
    return broker;
  }

  /** Kafka's test kit, for what this class does not wrap. */
  public KafkaClusterTestKit testKit() {
    return kit;
  }

  /**
   * Creates a topic private to one test, named {@code prefix-N}, and waits until every partition
   * has a leader.
   */
  public String newTopic(String prefix, int partitions) {
    String name = prefix + "-" + TOPIC_SEQUENCE.incrementAndGet();
    short replication = (short) Math.min(3, brokers);
    try {
      admin
          .createTopics(List.of(new NewTopic(name, partitions, replication)))
          .all()
          .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("could not create topic " + name, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    awaitLeaders(name);
    return name;
  }

  /** Waits until every partition of {@code topics} has a leader. */
  public void awaitLeaders(String... topics) {
    topicAdmin().awaitLeaders(Set.of(topics));
  }

  /**
   * Grows {@code topic} to {@code partitions} partitions and waits until the brokers' metadata
   * shows all of them with a leader, so that what a test does next sees the new layout.
   */
  public void growPartitions(String topic, int partitions) {
    try {
      admin
          .createPartitions(
              java.util.Map.of(
                  topic, org.apache.kafka.clients.admin.NewPartitions.increaseTo(partitions)))
          .all()
          .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (admin
              .describeTopics(List.of(topic))
              .allTopicNames()
              .get()
              .get(topic)
              .partitions()
              .size()
          < partitions) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              topic + " did not show " + partitions + " partitions within " + TIMEOUT);
        }
        Thread.sleep(20);
      }
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException(
          "could not grow " + topic + " to " + partitions + " partitions", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    awaitLeaders(topic);
  }

  /** Producer settings for this cluster (bootstrap only; add serializers). */
  public Map<String, Object> producerConfig() {
    Map<String, Object> config = new HashMap<>(clientSecurity());
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    return config;
  }

  /** Consumer settings for this cluster reading from the earliest offset in group {@code group}. */
  public Map<String, Object> consumerConfig(String group) {
    Map<String, Object> config = new HashMap<>(clientSecurity());
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    return config;
  }

  @Override
  public void close() {
    closeQuietly(registry);
    closeQuietly(admin);
    closeQuietly(kit);
    if (certificates != null) {
      closeQuietly(() -> deleteTree(certificates.dir()));
    }
  }

  private static void deleteTree(java.nio.file.Path dir) throws java.io.IOException {
    try (var paths = java.nio.file.Files.walk(dir)) {
      for (java.nio.file.Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        java.nio.file.Files.delete(p);
      }
    }
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception e) {
      LOGGER.warn("closing {} failed: {}", closeable.getClass().getSimpleName(), e.toString());
    }
  }
}
