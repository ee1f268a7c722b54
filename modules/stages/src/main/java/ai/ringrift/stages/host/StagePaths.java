package ai.ringrift.stages.host;

import ai.ringrift.config.Check;
import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.contract.ConfigKeys;
import java.nio.file.Path;

/**
 * Where this host keeps the loop's files (section {@code paths} of {@code config/stages.yaml}),
 * relative to the working directory unless absolute. One directory per config below each.
 *
 * @param games synced game files: {@code <games>/<config>/<selfplay host>/*.games.jsonl}
 * @param npz exported shards: {@code <npz>/<config>/<run id>.npz}
 * @param models trained candidates: {@code <models>/<config>/<model id>.pth}
 * @param production promoted models, where selfplay on this host reads them: {@code
 *     <production>/<modelFileName>}
 * @param modelFileName the production model's file name; {@code {config}} is replaced by the config
 *     key (the original's {@code canonical_{config}.pth}); selfplay hosts get the same name
 */
public record StagePaths(
    String games, String npz, String models, String production, String modelFileName) {
  public StagePaths {
    Check.notBlank("games", games);
    Check.notBlank("npz", npz);
    Check.notBlank("models", models);
    Check.notBlank("production", production);
    modelFileName = Check.orDefault(modelFileName, "canonical_{config}.pth");
    Check.that(
        modelFileName.contains("{config}") && !modelFileName.contains("/"),
        "modelFileName",
        "must be a file name containing {config}, was '" + modelFileName + "'");
  }

  /** The same layout under {@code root} (the simulated cluster's training host). */
  public static StagePaths under(Path root) {
    return new StagePaths(
        root.resolve("games").toString(),
        root.resolve("npz").toString(),
        root.resolve("models").toString(),
        root.resolve("production").toString(),
        null);
  }

  public Path gamesOf(ConfigKey config) {
    return Path.of(games).resolve(ConfigKeys.format(config));
  }

  public Path npzOf(ConfigKey config) {
    return Path.of(npz).resolve(ConfigKeys.format(config));
  }

  public Path modelsOf(ConfigKey config) {
    return Path.of(models).resolve(ConfigKeys.format(config));
  }

  /** The production model file of {@code config} on this host. */
  public Path productionModel(ConfigKey config) {
    return Path.of(production).resolve(modelFileName(config));
  }

  /** The production model's file name for {@code config}, here and on the selfplay hosts. */
  public String modelFileName(ConfigKey config) {
    return modelFileName.replace("{config}", ConfigKeys.format(config));
  }
}
