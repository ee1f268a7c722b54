package ai.ringrift.admin.state;

import ai.ringrift.admin.cli.CliException;
import ai.ringrift.admin.cli.ConfigFilter;
import ai.ringrift.admin.cli.Connected;
import ai.ringrift.admin.cli.ConnectionOptions;
import ai.ringrift.admin.cli.Durations;
import ai.ringrift.admin.cli.OutputOptions;
import ai.ringrift.events.ModelAction;
import ai.ringrift.events.ModelRegistryEntry;
import ai.ringrift.events.ModelRolledBack;
import ai.ringrift.events.ModelState;
import ai.ringrift.events.contract.ConfigKeys;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ringrift models rollback CONFIG --reason …}: production of CONFIG goes back to the most
 * recently promoted archived model, through the promotion controller ({@code ModelRolledBack}).
 */
@Command(
    name = "rollback",
    mixinStandardHelpOptions = true,
    description = {
      "Roll CONFIG back to its previous production model: publishes ModelActionRequested; the"
          + " promotion controller marks production ROLLED_BACK, restores the most recently"
          + " promoted archived model and publishes ModelRolledBack.",
      "With --wait: until ModelRolledBack appears (exit 1 if not in time)."
    })
public final class ModelsRollbackCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConnectionOptions connection;
  @Mixin OutputOptions output;

  @Parameters(index = "0", paramLabel = "CONFIG", description = "e.g. square8_2p.")
  String config;

  @Option(names = "--reason", required = true, description = "Why (kept with the events).")
  String reason;

  @Option(
      names = "--wait",
      paramLabel = "DURATION",
      converter = Durations.class,
      description = "Wait this long for ModelRolledBack (e.g. 30s).")
  Duration await;

  @Override
  public Integer call() {
    String key = ConfigKeys.format(ConfigFilter.configKey(config));
    try (Connected connected = connection.connect()) {
      ModelRegistryEntry registry = ModelRequests.registry(connected, key);
      if (registry.getProductionModelId() == null) {
        throw new CliException(key + " has no production model to roll back");
      }
      boolean earlier =
          registry.getModels().stream()
              .anyMatch(m -> m.getState() == ModelState.ARCHIVED && m.getPromotedAtMs() != null);
      if (!earlier) {
        throw new CliException(
            key
                + " has no earlier production model to roll back to (only "
                + registry.getProductionModelId()
                + " was ever promoted); promote another model"
                + " with `ringrift models promote MODEL --config "
                + key
                + "`");
      }
      return ModelRequests.request(
          connected,
          ModelAction.ROLLBACK,
          key,
          null,
          reason,
          await,
          ModelRolledBack.class,
          output,
          spec.commandLine().getOut());
    }
  }
}
