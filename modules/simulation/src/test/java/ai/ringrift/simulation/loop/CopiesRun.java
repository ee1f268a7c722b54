package ai.ringrift.simulation.loop;

import static org.awaitility.Awaitility.await;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.publish.EventPublisher;
import ai.ringrift.client.publish.PublishedEvent;
import ai.ringrift.config.ConfigSource;
import ai.ringrift.runtime.ServiceContext;
import ai.ringrift.runtime.ServiceRuntime;
import ai.ringrift.stages.host.StageService;
import ai.ringrift.stages.host.StageSupport;
import ai.ringrift.stages.it.ItSupport;
import ai.ringrift.testkit.DeliveryPlan;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * One stage service on a real broker, fed a {@link DeliveryPlan}: every delivery is the same event
 * object published again (the same {@code event_id}), and a restart closes the service's process
 * (runtime, state tables, service) once it has handled everything published so far, then starts a
 * new one in the same consumer group, which knows only what the topics hold.
 */
final class CopiesRun implements AutoCloseable {
  static final Duration DEADLINE = Duration.ofSeconds(120);

  /** Makes and starts the service of one process; {@code owned} is closed after it. */
  @FunctionalInterface
  interface Factory {
    StageService<?> start(StageSupport support, List<AutoCloseable> owned) throws Exception;
  }

  private final String name;
  private final String groupPrefix;
  private final ConfigSource config;
  private final KafkaSettings kafka;
  private final Admin admin;
  private final EventPublisher publisher;
  private final Factory factory;
  private final Map<TopicPartition, Long> lastPublished = new HashMap<>();
  private ServiceRuntime runtime;
  private StageSupport support;
  private StageService<?> service;
  private final List<AutoCloseable> owned = new ArrayList<>();
  private int restarts;

  CopiesRun(
      String name,
      ConfigSource config,
      KafkaSettings kafka,
      Admin admin,
      EventPublisher publisher,
      Factory factory)
      throws Exception {
    this.name = name;
    this.groupPrefix = "copies." + name + ".";
    this.config = config;
    this.kafka = kafka;
    this.admin = admin;
    this.publisher = publisher;
    this.factory = factory;
    open();
  }

  /**
   * Plays {@code plan}; {@code beforeFirst} prepares event {@code i} (its files) before its first
   * delivery; with {@code settleFirsts}, each first delivery is handled before anything else is
   * published (for stages whose decision depends on what is on disk when they decide).
   */
  void play(DeliveryPlan<SpecificRecord> plan, IntConsumer beforeFirst, boolean settleFirsts)
      throws Exception {
    for (DeliveryPlan.Step<SpecificRecord> step : plan.copies()) {
      if (step instanceof DeliveryPlan.First<SpecificRecord> first) {
        beforeFirst.accept(first.index());
        publish(first.event());
        if (settleFirsts) {
          settle();
        }
      } else if (step instanceof DeliveryPlan.Copy<SpecificRecord> copy) {
        publish(copy.event());
      } else {
        restart();
      }
    }
    settle();
  }

  /** How often the service was restarted. */
  int restarts() {
    return restarts;
  }

  private void publish(SpecificRecord event) {
    PublishedEvent sent = publisher.publishSync(event); // the header is kept: the same event_id
    lastPublished.merge(
        new TopicPartition(sent.topic(), sent.partition()), sent.offset(), Math::max);
  }

  /** Waits until the service has committed past everything published to it. */
  void settle() {
    await().atMost(DEADLINE).pollInterval(Duration.ofMillis(200)).until(this::handledAll);
  }

  private boolean handledAll() throws Exception {
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin
            .listConsumerGroupOffsets(support.groupId(serviceName()))
            .partitionsToOffsetAndMetadata()
            .get();
    for (Map.Entry<TopicPartition, Long> last : lastPublished.entrySet()) {
      OffsetAndMetadata at = committed.get(last.getKey());
      if (at == null || at.offset() <= last.getValue()) {
        return false;
      }
    }
    return true;
  }

  private String serviceName() {
    return name;
  }

  private void restart() throws Exception {
    settle();
    closeProcess();
    open();
    restarts++;
  }

  private void open() throws Exception {
    runtime = ItSupport.runtime(name + "-" + restarts);
    ServiceContext context = ItSupport.context(config, kafka, runtime);
    support = StageSupport.open(context, groupPrefix, Clock.systemUTC());
    service = factory.start(support, owned);
  }

  private void closeProcess() {
    service.close();
    for (AutoCloseable c : owned) {
      try {
        c.close();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    owned.clear();
    support.close();
    runtime.close();
  }

  @Override
  public void close() {
    closeProcess();
  }
}
