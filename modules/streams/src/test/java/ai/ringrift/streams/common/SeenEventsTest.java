package ai.ringrift.streams.common;

import static org.assertj.core.api.Assertions.assertThat;

import ai.ringrift.client.subscribe.DedupSettings;
import ai.ringrift.client.subscribe.RedriveTarget;
import ai.ringrift.events.SelfplayBatchCompleted;
import ai.ringrift.events.contract.Events;
import ai.ringrift.streams.Driver;
import ai.ringrift.streams.TestEvents;
import ai.ringrift.streams.state.SeenEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Streams apps' seen ids around a processor that records what reaches it: once per event id
 * within the window, again past it, again after its processing failed (and went to the DLQ), never
 * for a redrive meant for another group. At-least-once, because the test driver drops the dead
 * letter of a failed record under exactly-once (see SignalDeadLetterTest).
 */
class SeenEventsTest {
  static final String TOPIC = "ringrift.selfplay.batch-completed";
  static final DedupSettings DEDUP = DedupSettings.load(Driver.CONFIG);
  static final List<String> APPLIED = new CopyOnWriteArrayList<>();
  static final AtomicBoolean FAIL_NEXT = new AtomicBoolean();

  Driver driver;

  /** Records the id of every event that reaches it; throws once when asked to. */
  static final class Effect implements Processor<String, SpecificRecord, String, SpecificRecord> {
    @Override
    public void process(Record<String, SpecificRecord> record) {
      if (FAIL_NEXT.getAndSet(false)) {
        throw new IllegalStateException("the effect failed");
      }
      APPLIED.add(Events.eventId(record.value()).orElseThrow());
    }
  }

  @BeforeEach
  void start() {
    APPLIED.clear();
    FAIL_NEXT.set(false);
    AppConfig<String> config = Driver.appConfig("rules");
    Topology topology = new Topology();
    String source = Topologies.source(topology, config, SelfplayBatchCompleted.class, "source");
    topology.addProcessor("effect", SeenEvents.once(config, "seen", Effect::new), source);
    topology.addStateStore(SeenEvents.store(config, "seen", true), "effect");
    driver =
        new Driver(
            topology,
            DeadLetterRoutes.of(Driver.CATALOG, List.of(TOPIC)),
            Map.of("processing.guarantee", "at_least_once"));
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  @Test
  void passesAnEventOnOncePerEventId() {
    SelfplayBatchCompleted event = TestEvents.selfplay("square8_2p", 100, driver.now());
    SelfplayBatchCompleted other = TestEvents.selfplay("square8_2p", 100, driver.now());

    driver.send(event);
    driver.send(other);
    driver.send(event);
    driver.send(event);

    assertThat(APPLIED).containsExactly(id(event), id(other));
  }

  @Test
  void aCopyLaterThanTheWindowCountsAsANewEventAndExpiredIdsAreDropped() {
    SelfplayBatchCompleted event = TestEvents.selfplay("square8_2p", 100, driver.now());
    driver.send(event);
    driver.tick(DEDUP.window().minusSeconds(1));
    driver.send(event);
    assertThat(APPLIED).hasSize(1);

    driver.tick(Duration.ofSeconds(1).plus(DEDUP.purgeInterval()));
    KeyValueStore<String, SeenEvent> seen = driver.store("seen");
    assertThat(seen.get(id(event))).as("purged once older than the window").isNull();
    driver.send(event);

    assertThat(APPLIED).containsExactly(id(event), id(event));
  }

  @Test
  void anEventWhoseProcessingFailedIsAppliedWhenItComesAgain() {
    SelfplayBatchCompleted event = TestEvents.selfplay("square8_2p", 100, driver.now());
    FAIL_NEXT.set(true);
    driver.send(event); // fails: to the DLQ, not remembered
    driver.send(event); // the redrive

    assertThat(driver.rawOutput(TOPIC + ".dlq").readRecordsToList()).hasSize(1);
    assertThat(APPLIED).containsExactly(id(event));
  }

  @Test
  void aRedriveMeantForAnotherGroupIsDroppedAndOneForThisAppApplied() {
    SelfplayBatchCompleted event = TestEvents.selfplay("square8_2p", 100, driver.now());

    driver.send(event, redriveFor("ringrift.stage.evaluation"));
    assertThat(APPLIED).isEmpty();
    driver.send(event, redriveFor(driver.applicationId()));

    assertThat(APPLIED).containsExactly(id(event));
  }

  private static RecordHeaders redriveFor(String group) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(RedriveTarget.HEADER, group.getBytes(StandardCharsets.UTF_8));
    return headers;
  }

  private static String id(SpecificRecord event) {
    return Events.eventId(event).orElseThrow();
  }
}
