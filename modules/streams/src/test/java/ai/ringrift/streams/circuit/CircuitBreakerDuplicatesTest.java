package ai.ringrift.streams.circuit;

import static org.assertj.core.api.Assertions.assertThat;

import ai.ringrift.events.CircuitResetRequested;
import ai.ringrift.events.CircuitState;
import ai.ringrift.events.CircuitStateChanged;
import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.DataSyncCompleted;
import ai.ringrift.events.DataSyncFailed;
import ai.ringrift.events.RunStatus;
import ai.ringrift.events.Stage;
import ai.ringrift.events.StageRun;
import ai.ringrift.events.TrainingCompleted;
import ai.ringrift.events.TrainingFailed;
import ai.ringrift.events.contract.ConfigKeys;
import ai.ringrift.streams.Driver;
import ai.ringrift.streams.DuplicateDelivery;
import ai.ringrift.streams.TestEvents;
import ai.ringrift.streams.common.DeadLetterRoutes;
import ai.ringrift.streams.state.SeenEvent;
import ai.ringrift.testkit.SampleEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One event counts once in the circuit breakers: random runs of sync and training results (mostly
 * failures, so breakers open, recover and probe), probe starts and manual resets over two configs,
 * each event delivered 1 to 3 times with copies interleaved and restarts in between, end with the
 * same breakers and the same state changes as delivering each event once. A failing seed is named
 * by the assertion; rerun with it.
 */
class CircuitBreakerDuplicatesTest {
  static final CircuitBreakerConfig RULES = CircuitBreakerConfig.load(Driver.CONFIG);
  static final int SEEDS_PER_BLOCK = 12;
  static final int EVENTS = 30;
  static final List<ConfigKey> CONFIGS =
      List.of(ConfigKeys.parse("hexagonal_4p"), ConfigKeys.parse("square8_2p"));

  static final DuplicateDelivery.App APP =
      new DuplicateDelivery.App(
          () -> CircuitBreakerApp.buildTopology(Driver.appConfig(RULES)),
          DeadLetterRoutes.of(Driver.CATALOG, Driver.topics(CircuitBreakerApp.inputs())),
          Map.of(
              CircuitBreakerApp.STORE,
              CircuitState.class,
              CircuitBreakerApp.SEEN_STORE,
              SeenEvent.class),
          List.of(CircuitState.class, CircuitStateChanged.class));

  @ParameterizedTest(name = "seeds {0}..+" + SEEDS_PER_BLOCK)
  @ValueSource(ints = {0, 1000})
  void eventsDeliveredUpToThreeTimesAcrossRestartsCountOnce(int firstSeed) {
    List<DuplicateDelivery.Outcome> runs =
        DuplicateDelivery.assertCountsOnce(
            APP, firstSeed, SEEDS_PER_BLOCK, CircuitBreakerDuplicatesTest::events);

    assertThat(runs)
        .as("breakers changed state in these runs")
        .anyMatch(o -> o.outputs().stream().anyMatch(e -> e.startsWith("CircuitStateChanged")));
  }

  static List<SpecificRecord> events(Random random, List<Duration> steps) {
    List<SpecificRecord> events = new ArrayList<>();
    Instant at = Driver.START;
    for (int i = 0; i < EVENTS; i++) {
      Duration step = Duration.ofSeconds(1 + random.nextInt(150));
      steps.add(step);
      at = at.plus(step);
      ConfigKey config = CONFIGS.get(random.nextInt(CONFIGS.size()));
      boolean sync = random.nextBoolean();
      int dice = random.nextInt(100);
      Stage stage = sync ? Stage.SYNC : Stage.TRAINING;
      Class<? extends SpecificRecord> type;
      if (dice < 55) {
        type = sync ? DataSyncFailed.class : TrainingFailed.class;
      } else if (dice < 80) {
        type = sync ? DataSyncCompleted.class : TrainingCompleted.class;
      } else if (dice < 95) {
        type = StageRun.class;
      } else {
        type = CircuitResetRequested.class;
      }
      SpecificRecord event =
          SampleEvents.with(SampleEvents.of(type, config, i), "header", TestEvents.header(at));
      if (type == StageRun.class) {
        SampleEvents.with(event, "stage", stage);
        SampleEvents.with(event, "status", dice < 90 ? RunStatus.STARTED : RunStatus.INTERRUPTED);
      } else if (type == CircuitResetRequested.class) {
        SampleEvents.with(event, "stage", stage);
      }
      events.add(event);
    }
    return events;
  }
}
