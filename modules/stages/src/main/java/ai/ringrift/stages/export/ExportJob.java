package ai.ringrift.stages.export;

import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.NpzExportCompleted;
import ai.ringrift.events.NpzExportFailed;
import ai.ringrift.events.StageRun;
import ai.ringrift.events.contract.ConfigKeys;
import ai.ringrift.stages.action.ActionRequest;
import ai.ringrift.stages.action.ActionResult;
import ai.ringrift.stages.host.RunAttempt;
import ai.ringrift.stages.host.RunOutcome;
import ai.ringrift.stages.host.TriggeredJob;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/**
 * Exports a config's synced games to an NPZ shard named after the run ({@code <npz>/<config>/<run
 * id>.npz}), validates it and announces it ({@code NpzExportCompleted} with path and sample count)
 * or reports {@code NpzExportFailed}. A crashed run's shard, if complete and valid, is adopted
 * instead of exporting again.
 */
final class ExportJob extends TriggeredJob {
  private final List<SpecificRecord> waiting;
  private final List<Path> newFiles;
  private final ExportService.Parts parts;

  /**
   * An export for {@code trigger} that also answers the triggers {@code waiting} behind it (their
   * games are among {@code newFiles}); its events name {@code trigger} as their cause.
   */
  ExportJob(
      ConfigKey config,
      SpecificRecord trigger,
      List<? extends SpecificRecord> waiting,
      List<Path> newFiles,
      ExportService.Parts parts) {
    super(config, trigger);
    this.waiting = List.copyOf(waiting);
    this.newFiles = List.copyOf(newFiles);
    this.parts = parts;
  }

  @Override
  public List<SpecificRecord> alsoAnswers() {
    return waiting;
  }

  private Path npz(RunAttempt attempt) {
    return parts.paths().npzOf(config).resolve(attempt.runId() + ".npz");
  }

  @Override
  public RunOutcome run(RunAttempt attempt) throws InterruptedException {
    Path npz = npz(attempt);
    String key = ConfigKeys.format(config);
    ActionResult result =
        parts
            .action()
            .run(
                ActionRequest.of(
                    attempt.runId(),
                    parts
                        .decisions()
                        .parameters(
                            key,
                            parts.paths().gamesOf(config).toString(),
                            npz.toString(),
                            attempt.runId())));
    if (!result.succeeded()) {
      return RunOutcome.failed(result.reason());
    }
    Path written = result.values().optionalText("npz_path").map(Path::of).orElse(npz);
    int gamesUsed =
        result.values().has("games_used") ? (int) result.values().integer("games_used") : 0;
    return validated(written, gamesUsed, result.duration());
  }

  private RunOutcome validated(Path npz, int gamesUsed, Duration took) {
    NpzSummary summary;
    try {
      summary = parts.validator().validate(npz);
    } catch (InvalidExportException e) {
      return RunOutcome.failed("the exported shard is not valid: " + e.getMessage());
    }
    NpzExportCompleted completed =
        NpzExportCompleted.newBuilder()
            .setHeader(parts.publisher().get().headerReactingTo(trigger))
            .setConfig(config)
            .setOutputPath(npz.toString())
            .setTotalSamples(summary.samples())
            .setGamesUsed(gamesUsed)
            .setDurationSeconds(took.toMillis() / 1000.0)
            .build();
    return RunOutcome.succeeded(npz.toString(), List.of(completed));
  }

  @Override
  public Optional<RunOutcome> adopt(StageRun crashed, RunAttempt attempt) {
    Path npz = npz(attempt);
    if (!npz.toFile().isFile()) {
      return Optional.empty();
    }
    RunOutcome outcome = validated(npz, 0, Duration.ZERO);
    return outcome.succeeded() ? Optional.of(outcome) : Optional.empty();
  }

  @Override
  public List<SpecificRecord> failureEvents(RunAttempt attempt, String error) {
    return List.of(
        NpzExportFailed.newBuilder()
            .setHeader(parts.publisher().get().headerReactingTo(trigger))
            .setConfig(config)
            .setError(error)
            .setAttempt(attempt.attempt())
            .build());
  }

  @Override
  public void committed(RunOutcome outcome) {
    try {
      parts.ledger(config).add(newFiles);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot note the exported games of " + config, e);
    }
  }
}
