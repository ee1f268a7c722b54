package ai.ringrift.admin.state;

import ai.ringrift.admin.cli.CliException;
import ai.ringrift.admin.cli.ConfigFilter;
import ai.ringrift.admin.cli.Connected;
import ai.ringrift.admin.cli.Durations;
import ai.ringrift.admin.cli.OutputOptions;
import ai.ringrift.admin.cli.ScopedConnectionOptions;
import ai.ringrift.events.ModelAction;
import ai.ringrift.events.ModelPromoted;
import ai.ringrift.events.ModelRegistryEntry;
import ai.ringrift.events.ModelVersion;
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
 * {@code ringrift models promote MODEL --config KEY --reason …}: makes a registered model
 * production without the gates, through the promotion controller (which archives the current one
 * and publishes {@code ModelPromoted}).
 */
@Command(
    name = "promote",
    mixinStandardHelpOptions = true,
    description = {
      "Make MODEL (in the config's registry) production without the gates: publishes"
          + " ModelActionRequested; the promotion controller archives the current production"
          + " model and publishes ModelPromoted.",
      "With --wait: until ModelPromoted appears (exit 1 if not in time)."
    })
public final class ModelsPromoteCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ScopedConnectionOptions connection;
  @Mixin OutputOptions output;

  @Parameters(index = "0", paramLabel = "MODEL", description = "The model id.")
  String model;

  @Option(names = "--config", required = true, paramLabel = "KEY", description = "Its config.")
  String config;

  @Option(names = "--reason", required = true, description = "Why (kept with the events).")
  String reason;

  @Option(
      names = "--wait",
      paramLabel = "DURATION",
      converter = Durations.class,
      description = "Wait this long for ModelPromoted (e.g. 30s).")
  Duration await;

  @Override
  public Integer call() {
    String key = ConfigKeys.format(ConfigFilter.configKey(config));
    try (Connected connected = connection.connect()) {
      ModelRegistryEntry registry = ModelRequests.registry(connected, key);
      ModelVersion version =
          registry.getModels().stream()
              .filter(m -> m.getModelId().equals(model))
              .findFirst()
              .orElseThrow(
                  () ->
                      new CliException(
                          "model '"
                              + model
                              + "' is not in the registry of "
                              + key
                              + "; `ringrift models list --config "
                              + key
                              + "` shows its models"));
      if (model.equals(registry.getProductionModelId())) {
        throw new CliException(model + " is already the production model of " + key);
      }
      spec.commandLine().getErr().println(model + " is " + version.getState() + "; promoting it");
      return ModelRequests.request(
          connected,
          ModelAction.PROMOTE,
          key,
          model,
          reason,
          await,
          ModelPromoted.class,
          output,
          spec.commandLine().getOut());
    }
  }
}
