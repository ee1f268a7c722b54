package ai.ringrift.admin.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) running in this JVM, the
 * same server {@code kafka-server-start} runs. Its data lives under a directory the user chooses,
 * so a restart on the same directory keeps every topic and record. Not test code: {@code ringrift
 * up} runs the platform on it.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
  private static final Logger LOGGER = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final KafkaRaftServer server;
  private final String bootstrapServers;
  private final Path dataDirectory;
  private boolean closed;

  private EmbeddedKafkaBroker(KafkaRaftServer server, String bootstrapServers, Path dataDirectory) {
    this.server = server;
    this.bootstrapServers = bootstrapServers;
    this.dataDirectory = dataDirectory;
  }

  /**
   * Formats the data directory when it is new, starts the broker and waits until it answers.
   *
   * @throws BrokerStartException when a port is taken, the directory is not writable or already in
   *     use by another broker, or the broker does not come up
   */
  public static EmbeddedKafkaBroker start(EmbeddedBrokerSettings settings) {
    Path dir = settings.dataDirectory().toAbsolutePath();
    Path logDir = prepareDirectory(dir);
    ensureNotLocked(dir, logDir);
    int port = resolvePort(settings.host(), settings.port(), "client");
    int controllerPort = resolvePort(settings.host(), settings.controllerPort(), "controller");
    Properties props = serverProperties(settings.host(), port, controllerPort, logDir);
    writeProperties(dir, props);
    if (!Files.exists(logDir.resolve("meta.properties"))) {
      format(dir);
    }
    KafkaRaftServer server;
    try {
      server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
      server.startup();
    } catch (RuntimeException e) {
      throw new BrokerStartException(explain(e, dir), e);
    }
    String bootstrap = settings.host() + ":" + port;
    EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(server, bootstrap, dir);
    broker.awaitReady();
    LOGGER.info("embedded kafka broker ready bootstrap={} data={}", bootstrap, dir);
    return broker;
  }

  /** {@code host:port} for clients. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** The broker's data directory. */
  public Path dataDirectory() {
    return dataDirectory;
  }

  /** Stops the broker and waits until it has flushed and released its directory. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    LOGGER.info("stopping embedded kafka broker data={}", dataDirectory);
    server.shutdown();
    server.awaitShutdown();
  }

  private static Path prepareDirectory(Path dir) {
    Path logDir = dir.resolve("data");
    try {
      Files.createDirectories(logDir);
    } catch (IOException e) {
      throw new BrokerStartException(
          "cannot create the broker data directory "
              + dir
              + " ("
              + e.getMessage()
              + "); choose another with --data-dir",
          e);
    }
    if (!Files.isWritable(dir) || !Files.isWritable(logDir)) {
      throw new BrokerStartException(
          "the broker data directory "
              + dir
              + " is not writable; fix its permissions or choose another with --data-dir");
    }
    return logDir;
  }

  /**
   * Kafka locks its log directory and, finding it locked, halts the JVM; we look first so the user
   * gets a message instead of a dead process.
   */
  private static void ensureNotLocked(Path dir, Path logDir) {
    Path lock = logDir.resolve(".lock");
    try (FileChannel channel =
        FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      FileLock held = channel.tryLock();
      if (held == null) {
        throw inUse(dir);
      }
      held.release();
    } catch (OverlappingFileLockException e) {
      throw inUse(dir);
    } catch (IOException e) {
      throw new BrokerStartException("cannot lock " + lock + ": " + e.getMessage(), e);
    }
  }

  private static BrokerStartException inUse(Path dir) {
    return new BrokerStartException(
        "the broker data directory "
            + dir
            + " is in use by another broker; stop it or choose another --data-dir");
  }

  private static int resolvePort(String host, int port, String what) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(host, port));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new BrokerStartException(
          "the "
              + what
              + " port "
              + host
              + ":"
              + port
              + " is already in use ("
              + e.getMessage()
              + "); stop what listens there or choose another port",
          e);
    }
  }

  private static Properties serverProperties(
      String host, int port, int controllerPort, Path logDir) {
    Properties props = new Properties();
    props.putAll(
        Map.ofEntries(
            Map.entry("process.roles", "broker,controller"),
            Map.entry("node.id", "1"),
            Map.entry("controller.quorum.voters", "1@" + host + ":" + controllerPort),
            Map.entry(
                "listeners",
                "PLAINTEXT://"
                    + host
                    + ":"
                    + port
                    + ",CONTROLLER://"
                    + host
                    + ":"
                    + controllerPort),
            Map.entry("advertised.listeners", "PLAINTEXT://" + host + ":" + port),
            Map.entry("controller.listener.names", "CONTROLLER"),
            Map.entry("inter.broker.listener.name", "PLAINTEXT"),
            Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
            Map.entry("log.dirs", logDir.toString()),
            Map.entry("auto.create.topics.enable", "false"),
            Map.entry("num.partitions", "1"),
            Map.entry("offsets.topic.replication.factor", "1"),
            Map.entry("offsets.topic.num.partitions", "10"),
            Map.entry("transaction.state.log.replication.factor", "1"),
            Map.entry("transaction.state.log.min.isr", "1"),
            Map.entry("transaction.state.log.num.partitions", "10"),
            Map.entry("share.coordinator.state.topic.replication.factor", "1"),
            Map.entry("share.coordinator.state.topic.min.isr", "1"),
            Map.entry("group.initial.rebalance.delay.ms", "0"),
            Map.entry("log.flush.interval.ms", "1000")));
    return props;
  }

  private static void writeProperties(Path dir, Properties props) {
    Path config = dir.resolve("server.properties");
    try (Writer out = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
      props.store(out, "written by ringrift on every start; edit the code, not this file");
    } catch (IOException e) {
      throw new BrokerStartException("cannot write " + config + ": " + e.getMessage(), e);
    }
  }

  /** A new directory gets a new cluster id; a formatted one keeps its own. */
  private static void format(Path dir) {
    Path config = dir.resolve("server.properties");
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int exit;
    try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      exit =
          StorageTool.execute(
              new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()},
              print);
    } catch (RuntimeException e) {
      throw new BrokerStartException(
          "cannot format the broker data directory " + dir + ": " + e.getMessage(), e);
    }
    if (exit != 0) {
      throw new BrokerStartException(
          "formatting " + dir + " failed: " + output.toString(StandardCharsets.UTF_8).trim());
    }
  }

  private void awaitReady() {
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) READY_TIMEOUT.toMillis()))) {
      admin.describeCluster().nodes().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      close();
      throw new BrokerStartException(
          "the broker at " + bootstrapServers + " did not become ready within " + READY_TIMEOUT, e);
    }
  }

  private static String explain(RuntimeException e, Path dir) {
    String message = String.valueOf(e.getMessage());
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = String.valueOf(t.getMessage());
      if (m.contains("lock") || m.contains("Lock")) {
        return "the broker data directory "
            + dir
            + " is in use by another broker; stop it or choose another --data-dir";
      }
      if (t instanceof java.net.BindException || m.contains("Address already in use")) {
        return "a broker port is already in use ("
            + m
            + "); stop what listens there or choose another port";
      }
    }
    return "the broker failed to start: " + message;
  }
}
