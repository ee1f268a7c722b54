package ai.ringrift.runtime.daemon;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.publish.EventRecords;
import ai.ringrift.client.serde.EventSerdes;
import ai.ringrift.events.DaemonHeartbeat;
import ai.ringrift.events.DaemonState;
import ai.ringrift.events.DaemonStateChanged;
import ai.ringrift.events.EventHeader;
import ai.ringrift.events.catalog.TopicCatalog;
import ai.ringrift.runtime.ServiceContext;
import ai.ringrift.runtime.roles.RoleContext;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code DaemonStateChanged} and {@code DaemonHeartbeat} events, keyed by this node. Sent without
 * waiting (a slow broker must not hold up supervision); failures are logged.
 */
public final class KafkaDaemonEvents implements DaemonEvents {
  private static final Logger LOGGER = LoggerFactory.getLogger(KafkaDaemonEvents.class);

  private final Producer<byte[], byte[]> producer;
  private final EventRecords records;
  private final String node;
  private final String source;
  private final Clock clock;

  /**
   * The events of the daemons of a launcher running in {@code context} on this host, written as
   * {@code source}: what {@code ringrift launch}, the simulated cluster and the loop benchmark use.
   */
  public static KafkaDaemonEvents of(ServiceContext context, String source, Clock clock) {
    return new KafkaDaemonEvents(
        context.kafka(),
        context.catalog(),
        context.serdes(),
        RoleContext.localHost(),
        source,
        clock);
  }

  public KafkaDaemonEvents(
      KafkaSettings kafka,
      TopicCatalog catalog,
      EventSerdes serdes,
      String node,
      String source,
      Clock clock) {
    Map<String, Object> config = kafka.clientConfig();
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000);
    this.producer =
        new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    this.records = new EventRecords(catalog, serdes);
    this.node = node;
    this.source = source;
    this.clock = clock;
  }

  @Override
  public void stateChanged(String daemon, DaemonState from, DaemonState to, String reason) {
    send(
        DaemonStateChanged.newBuilder()
            .setHeader(header())
            .setNode(node)
            .setDaemon(daemon)
            .setFromState(from)
            .setToState(to)
            .setReason(reason)
            .build());
  }

  @Override
  public void heartbeat(DaemonStatus status) {
    send(
        DaemonHeartbeat.newBuilder()
            .setHeader(header())
            .setNode(node)
            .setDaemon(status.name())
            .setState(status.state())
            .setUptimeSeconds(status.uptime().toSeconds())
            .setRestarts(status.restarts())
            .setLastError(status.lastError().orElse(null))
            .setRoles(List.copyOf(new java.util.TreeSet<>(status.roles())))
            .setLag(status.lag())
            .build());
  }

  private void send(SpecificRecord event) {
    try {
      producer.send(
          records.of(event),
          (metadata, error) -> {
            if (error != null) {
              LOGGER.warn(
                  "node={} {} not sent: {}", node, event.getSchema().getName(), error.toString());
            }
          });
    } catch (KafkaException e) {
      LOGGER.warn("node={} {} not sent: {}", node, event.getSchema().getName(), e.toString());
    }
  }

  private EventHeader header() {
    String id = UUID.randomUUID().toString();
    return EventHeader.newBuilder()
        .setEventId(id)
        .setSource(source)
        .setOccurredAt(clock.instant())
        .setTraceId(id)
        .build();
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }
}
