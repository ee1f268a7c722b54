package ai.ringrift.stages.action.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ai.ringrift.config.ConfigException;
import ai.ringrift.stages.action.ActionRequest;
import ai.ringrift.stages.action.ActionResult;
import ai.ringrift.stages.action.CommandSpec;
import ai.ringrift.stages.action.FailureKind;
import ai.ringrift.stages.action.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The external-command action against a real process: a shell script in test resources. */
class CommandActionTest {
  static final String SCRIPT = Path.of("src/test/resources/actions/fake-trainer.sh").toString();
  static final Set<String> PLACEHOLDERS = Set.of("mode", "model", "npz", "pids");

  @TempDir Path dir;
  final List<Progress> progress = new CopyOnWriteArrayList<>();

  CommandSpec spec(int timeoutSeconds) {
    return new CommandSpec(
        "sh " + SCRIPT + " {mode} {model} {pids}",
        timeoutSeconds,
        null,
        Map.of("RINGRIFT_DATA", "npz={npz}"),
        dir.resolve("logs").toString(),
        CommandSpec.DEFAULT_PROGRESS_PATTERN,
        1);
  }

  ActionResult run(String mode, int timeoutSeconds) throws InterruptedException {
    CommandAction action =
        CommandAction.create("training.action.command", spec(timeoutSeconds), PLACEHOLDERS);
    Map<String, String> values =
        Map.of(
            "mode",
            mode,
            "model",
            dir.resolve("model.pth").toString(),
            "npz",
            "/data/square8_2p.npz",
            "pids",
            dir.resolve("pids").toString());
    return action.run(new ActionRequest("run-" + mode, values, progress::add));
  }

  @Test
  void succeedsWithTheResultLineAndPassesProgressOn() throws Exception {
    ActionResult result = run("success", 30);

    assertThat(result.succeeded()).as(result.describe()).isTrue();
    assertThat(result.exitCode()).hasValue(0);
    assertThat(result.values().text("model_path")).isEqualTo(dir.resolve("model.pth").toString());
    assertThat(result.values().integer("epochs")).isEqualTo(3);
    assertThat(result.values().number("final_loss")).isEqualTo(0.5);
    assertThat(result.values().integer("samples_trained")).isEqualTo(4096);
    assertThat(Files.readString(dir.resolve("model.pth"))).isEqualTo("model bytes");
    assertThat(progress)
        .containsExactly(
            new Progress(1, 3, 1.25, OptionalDouble.of(1.40)),
            new Progress(2, 3, 0.80, OptionalDouble.empty()),
            new Progress(3, 3, 0.5, OptionalDouble.of(0.61)));
  }

  @Test
  void capturesStdoutStderrAndTheEnvironmentInTheLog() throws Exception {
    ActionResult result = run("success", 30);

    Path log = dir.resolve("logs/run-success.log");
    assertThat(result.log()).contains(log);
    assertThat(Files.readString(log))
        .contains("running: sh " + SCRIPT + " success")
        .contains("loading data from npz=/data/square8_2p.npz")
        .contains("Epoch 2/3 - loss: 0.80")
        .contains("{\"result\":")
        .contains("# exit code 0");
  }

  @Test
  @Timeout(60)
  void killsTheWholeProcessTreeOnTimeout() throws Exception {
    ActionResult result = run("hang", 2);

    assertThat(result.failure()).contains(FailureKind.TIMEOUT);
    assertThat(result.reason()).startsWith("timed out after 2 s; process tree killed");
    assertThat(result.exitCode()).isEmpty();
    long[] pids =
        Arrays.stream(Files.readString(dir.resolve("pids")).trim().split(" "))
            .mapToLong(Long::parseLong)
            .toArray();
    assertThat(pids).hasSize(2);
    for (long pid : pids) {
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
              alive -> !alive);
    }
    assertThat(Files.readString(dir.resolve("logs/run-hang.log"))).contains("# timed out after");
  }

  @Test
  void failsWithTheExitCodeAndTheLastOutputLine() throws Exception {
    ActionResult result = run("fail", 30);

    assertThat(result.failure()).contains(FailureKind.NON_ZERO_EXIT);
    assertThat(result.exitCode()).hasValue(3);
    assertThat(result.reason())
        .startsWith("exit code 3; last output: RuntimeError: CUDA out of memory")
        .contains("run-fail.log");
  }

  @Test
  void failsOnAResultLineThatIsNotJson() throws Exception {
    ActionResult result = run("garbage", 30);

    assertThat(result.failure()).contains(FailureKind.UNPARSEABLE_OUTPUT);
    assertThat(result.reason()).startsWith("result line is not JSON").contains("oops");
    assertThat(result.values().has("model_path")).isFalse();
  }

  @Test
  void namesAResultFieldOfTheWrongTypeWhenItIsRead() throws Exception {
    ActionResult result = run("mistyped", 30);

    assertThat(result.succeeded()).isTrue();
    assertThatThrownBy(() -> result.values().number("final_loss"))
        .hasMessage("result.final_loss must be a finite number, was \"n/a\"");
  }

  @Test
  void failsWhenTheCommandPrintsNoResult() throws Exception {
    ActionResult result = run("silent", 30);

    assertThat(result.failure()).contains(FailureKind.NO_RESULT);
    assertThat(result.reason())
        .startsWith("exited 0 but printed no result line starting with {\"result\"")
        .contains("all good, trust me");
  }

  @Test
  void givesTheCommandEndOfFileOnStdin() throws Exception {
    ActionResult result = run("stdin", 30);

    assertThat(result.succeeded()).as(result.describe()).isTrue();
  }

  @Test
  void failsToStartAMissingProgram() throws Exception {
    CommandSpec spec =
        new CommandSpec("no-such-trainer-xyz {model}", 5, null, null, dir.toString(), null, 1);
    ActionResult result =
        CommandAction.create("k", spec, PLACEHOLDERS)
            .run(ActionRequest.of("r1", Map.of("model", "m")));

    assertThat(result.failure()).contains(FailureKind.START_FAILED);
    assertThat(result.reason()).startsWith("could not start 'no-such-trainer-xyz'");
  }

  @Test
  void failsToStartInAMissingWorkingDirectory() throws Exception {
    CommandSpec spec =
        new CommandSpec(
            "sh -c true", 5, dir.resolve("nowhere").toString(), null, dir.toString(), null, 1);
    ActionResult result =
        CommandAction.create("k", spec, Set.of()).run(ActionRequest.of("r2", Map.of()));

    assertThat(result.failure()).contains(FailureKind.START_FAILED);
    assertThat(result.reason()).contains("nowhere does not exist");
  }

  @Test
  void refusesAnUnknownPlaceholderAtStartUp() {
    CommandSpec spec = new CommandSpec("train --data {npzz}", 5, null, null, null, null, null);

    assertThatThrownBy(() -> CommandAction.create("training.action.command", spec, PLACEHOLDERS))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "training.action.command.template: unknown placeholder {npzz} in '{npzz}';"
                + " this stage provides [mode, model, npz, pids]");
  }

  @Test
  void refusesAnUnknownPlaceholderInTheEnvironment() {
    CommandSpec spec =
        new CommandSpec("train", 5, null, Map.of("DATA", "{data}"), null, null, null);

    assertThatThrownBy(() -> CommandAction.create("export.action.command", spec, PLACEHOLDERS))
        .hasMessageStartingWith(
            "export.action.command.environment.DATA: unknown placeholder {data}");
  }

  @Test
  void aThrowingProgressListenerDoesNotFailTheRun() throws Exception {
    CommandAction action = CommandAction.create("k", spec(30), PLACEHOLDERS);
    Map<String, String> values =
        Map.of("mode", "success", "model", dir.resolve("m").toString(), "npz", "x", "pids", "p");
    ActionResult result =
        action.run(
            new ActionRequest(
                "r3",
                values,
                p -> {
                  throw new IllegalStateException("dashboard down");
                }));

    assertThat(result.succeeded()).as(result.describe()).isTrue();
  }

  @Test
  void refusesAProgressPatternWithoutTheNamedGroups() {
    assertThatThrownBy(() -> new CommandSpec("t", 5, null, null, null, "epoch (\\d+)", null))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("progressPattern: needs a named group (?<epoch>...)");
  }
}
