package ai.ringrift.admin.state;

import ai.ringrift.admin.cli.Connected;
import ai.ringrift.admin.cli.OutputOptions;
import ai.ringrift.admin.cli.ScopedConnectionOptions;
import ai.ringrift.admin.cli.Table;
import ai.ringrift.client.json.AvroJson;
import ai.ringrift.events.ModelRegistryEntry;
import ai.ringrift.events.ModelState;
import ai.ringrift.events.ModelVersion;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ringrift models list}: the registry of every config from the compacted {@code
 * ringrift.state.models}, production first.
 */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description =
        "The models of every config (ringrift.state.models): state, Elo, win rate, when promoted;"
            + " production first, then the most recently changed.")
public final class ModelsListCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ScopedConnectionOptions connection;
  @Mixin OutputOptions output;

  @Option(names = "--config", paramLabel = "KEY", description = "Only this config.")
  String config;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (Connected connected = connection.connect()) {
      Map<String, ModelRegistryEntry> registries =
          StateTable.read(connected, ModelRegistryEntry.class, config);
      if (!output.json() && registries.isEmpty()) {
        out.println(Empty.message("model registry", config, "the promotion controller"));
        out.flush();
        return 0;
      }
      Table table =
          Table.of("CONFIG", "MODEL", "STATE", "ELO", "WIN RATE", "PROMOTED AT", "UPDATED", "PATH");
      registries.forEach(
          (key, registry) -> {
            for (ModelVersion m : ordered(registry.getModels())) {
              table.row(
                  key,
                  m.getModelId(),
                  m.getState(),
                  m.getElo() == null ? null : SignalsCommand.fixed(m.getElo(), 1),
                  m.getWinRate() == null ? null : SignalsCommand.fixed(m.getWinRate(), 3),
                  m.getPromotedAtMs() == null ? null : Instant.ofEpochMilli(m.getPromotedAtMs()),
                  m.getUpdatedAt(),
                  m.getModelPath());
            }
          });
      output.print(out, registries.values().stream().map(AvroJson::toMap).toList(), table);
      return 0;
    }
  }

  private static List<ModelVersion> ordered(List<ModelVersion> models) {
    return models.stream()
        .sorted(
            Comparator.comparing((ModelVersion m) -> m.getState() != ModelState.PRODUCTION)
                .thenComparing(ModelVersion::getUpdatedAt, Comparator.reverseOrder()))
        .toList();
  }
}
