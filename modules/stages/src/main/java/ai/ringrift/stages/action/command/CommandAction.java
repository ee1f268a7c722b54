package ai.ringrift.stages.action.command;

import ai.ringrift.stages.action.Action;
import ai.ringrift.stages.action.ActionRequest;
import ai.ringrift.stages.action.ActionResult;
import ai.ringrift.stages.action.CommandSpec;
import ai.ringrift.stages.action.FailureKind;
import ai.ringrift.stages.action.ResultFormatException;
import ai.ringrift.stages.action.ResultValues;
import ai.ringrift.stages.action.process.ProcessFailures;
import ai.ringrift.stages.action.process.ProcessInvocation;
import ai.ringrift.stages.action.process.ProcessOutcome;
import ai.ringrift.stages.action.process.ProcessRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an external program (a trainer, an exporter, a gauntlet) from a command template, e.g.
 * {@code python -m app.training.train --config {config} --data {npz} --out {model}}, and reads its
 * result line {@code {"result": {...}}}. Fails clearly, never hangs: a timeout kills the process
 * tree; a non-zero exit, a missing or unreadable result line each fail with the reason and the log.
 */
public final class CommandAction implements Action {
  private static final Logger LOGGER = LoggerFactory.getLogger(CommandAction.class);

  private final CommandSpec spec;
  private final CommandTemplate template;
  private final ProgressParser progress;
  private final ProcessRunner runner = new ProcessRunner();

  private CommandAction(CommandSpec spec, CommandTemplate template) {
    this.spec = spec;
    this.template = template;
    this.progress = new ProgressParser(spec.compiledProgressPattern());
  }

  /**
   * An action for {@code spec}, checking that its template and environment use only {@code
   * placeholders}.
   *
   * @param key the config key of the spec (e.g. {@code training.action.command}), for errors
   */
  public static CommandAction create(String key, CommandSpec spec, Set<String> placeholders) {
    CommandTemplate template =
        CommandTemplate.parse(key + ".template", spec.template(), placeholders);
    spec.environment()
        .forEach(
            (name, value) ->
                CommandTemplate.placeholdersOf(key + ".environment." + name, value, placeholders));
    return new CommandAction(spec, template);
  }

  @Override
  public ActionResult run(ActionRequest request) throws InterruptedException {
    List<String> command = template.render(request.parameters());
    Path log = Path.of(spec.logDirectory()).resolve(request.runId() + ".log");
    Optional<Path> workingDirectory = Optional.ofNullable(spec.workingDirectory()).map(Path::of);
    if (workingDirectory.isPresent() && !Files.isDirectory(workingDirectory.get())) {
      return ActionResult.processFailed(
          FailureKind.START_FAILED,
          "working directory " + workingDirectory.get().toAbsolutePath() + " does not exist",
          OptionalInt.empty(),
          Duration.ZERO,
          log,
          command);
    }
    ProcessInvocation invocation =
        new ProcessInvocation(
            command,
            workingDirectory,
            environment(request.parameters()),
            Duration.ofSeconds(spec.timeoutSeconds()),
            Duration.ofSeconds(spec.killGraceSeconds()),
            log);
    CommandOutput output = new CommandOutput(progress, request.progress());
    LOGGER.info("run={} starting: {} (log {})", request.runId(), String.join(" ", command), log);
    ProcessOutcome outcome = runner.run(invocation, output);
    ActionResult result = interpret(outcome, output, invocation);
    LOGGER.info("run={} {}", request.runId(), result.describe());
    return result;
  }

  private Map<String, String> environment(Map<String, String> values) {
    Map<String, String> rendered = new LinkedHashMap<>();
    spec.environment().forEach((k, v) -> rendered.put(k, CommandTemplate.substitute(v, values)));
    return rendered;
  }

  private ActionResult interpret(
      ProcessOutcome outcome, CommandOutput output, ProcessInvocation invocation) {
    Optional<ActionResult> failed = ProcessFailures.of(outcome, invocation, code -> "");
    if (failed.isPresent()) {
      return failed.get();
    }
    Path log = invocation.logFile();
    List<String> command = invocation.command();
    Optional<String> line = output.resultLine();
    if (line.isEmpty()) {
      return ActionResult.processFailed(
          FailureKind.NO_RESULT,
          "exited 0 but printed no result line starting with "
              + CommandOutput.RESULT_PREFIX
              + "; last output: "
              + outcome.lastLine(),
          outcome.exitCode(),
          outcome.duration(),
          log,
          command);
    }
    try {
      ResultValues values = ResultValues.parse(line.get()).object("result");
      return ActionResult.processSucceeded(values, 0, outcome.duration(), log, command);
    } catch (ResultFormatException e) {
      return ActionResult.processFailed(
          FailureKind.UNPARSEABLE_OUTPUT,
          "result line " + e.getMessage() + ": " + abbreviate(line.get()),
          outcome.exitCode(),
          outcome.duration(),
          log,
          command);
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 197) + "...";
  }
}
