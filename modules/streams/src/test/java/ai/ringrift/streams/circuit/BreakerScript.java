package ai.ringrift.streams.circuit;

import static ai.ringrift.streams.TestEvents.config;
import static ai.ringrift.streams.TestEvents.header;
import static ai.ringrift.streams.TestEvents.training;

import ai.ringrift.events.CircuitResetRequested;
import ai.ringrift.events.RunStatus;
import ai.ringrift.events.Stage;
import ai.ringrift.events.StageRun;
import ai.ringrift.events.TrainingFailed;
import ai.ringrift.streams.Driver;
import java.time.Duration;

/**
 * Drives the training breaker of {@link #CONFIG} with a script of steps separated by spaces: {@code
 * F} a failure, {@code S} a success, {@code P} the probe starts, {@code I} the probe is
 * interrupted, {@code R} an operator reset, {@code +N} N seconds pass on the wall clock.
 */
final class BreakerScript {
  static final String CONFIG = "square8_2p";
  static final String KEY = CONFIG + "/training";

  private BreakerScript() {}

  static void run(Driver driver, String script) {
    for (String step : script.trim().split("\\s+")) {
      switch (step.charAt(0)) {
        case 'F' -> driver.send(failure(driver));
        case 'S' -> driver.send(training(CONFIG, "m", driver.now()));
        case 'P' -> driver.send(run(driver, RunStatus.STARTED));
        case 'I' -> driver.send(run(driver, RunStatus.INTERRUPTED));
        case 'R' -> driver.send(reset(driver));
        case '+' -> driver.tick(Duration.ofSeconds(Long.parseLong(step.substring(1))));
        default -> throw new IllegalArgumentException("unknown step " + step);
      }
    }
  }

  private static TrainingFailed failure(Driver driver) {
    return TrainingFailed.newBuilder()
        .setHeader(header(driver.now()))
        .setConfig(config(CONFIG))
        .setJobId("job")
        .setError("CUDA out of memory")
        .build();
  }

  private static StageRun run(Driver driver, RunStatus status) {
    return StageRun.newBuilder()
        .setHeader(header(driver.now()))
        .setConfig(config(CONFIG))
        .setStage(Stage.TRAINING)
        .setTriggerEventId("trigger")
        .setStatus(status)
        .build();
  }

  private static CircuitResetRequested reset(Driver driver) {
    return CircuitResetRequested.newBuilder()
        .setHeader(header(driver.now()))
        .setConfig(config(CONFIG))
        .setStage(Stage.TRAINING)
        .setRequestedBy("operator")
        .setReason("fixed the GPU")
        .build();
  }
}
