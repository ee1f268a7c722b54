package ai.ringrift.streams;

import ai.ringrift.events.BaselineResult;
import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.EvaluationCompleted;
import ai.ringrift.events.EventHeader;
import ai.ringrift.events.HeadToHeadResult;
import ai.ringrift.events.ModelPromoted;
import ai.ringrift.events.ModelRolledBack;
import ai.ringrift.events.NpzExportCompleted;
import ai.ringrift.events.SelfplayBatchCompleted;
import ai.ringrift.events.TrainingCompleted;
import ai.ringrift.events.contract.ConfigKeys;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Events with the values a test cares about and plausible values elsewhere. */
public final class TestEvents {
  private static final AtomicLong IDS = new AtomicLong();

  private TestEvents() {}

  /** A header with a fresh id at {@code at}. */
  public static EventHeader header(Instant at) {
    String id = new UUID(0x5eed, IDS.incrementAndGet()).toString();
    return new EventHeader(id, "test", at, "trace-" + id, null, null, null);
  }

  public static ConfigKey config(String key) {
    return ConfigKeys.parse(key);
  }

  public static SelfplayBatchCompleted selfplay(String config, int games, Instant at) {
    return SelfplayBatchCompleted.newBuilder()
        .setHeader(header(at))
        .setConfig(config(config))
        .setNode("selfplay-1")
        .setGamesCompleted(games)
        .setTotalGames(games)
        .setGamesPath("/data/games/" + config)
        .build();
  }

  public static NpzExportCompleted export(String config, Double quality, Instant at) {
    return NpzExportCompleted.newBuilder()
        .setHeader(header(at))
        .setConfig(config(config))
        .setOutputPath("/data/npz/" + config + ".npz")
        .setTotalSamples(85_000)
        .setQualityScore(quality)
        .build();
  }

  public static TrainingCompleted training(String config, String model, Instant at) {
    return TrainingCompleted.newBuilder()
        .setHeader(header(at))
        .setConfig(config(config))
        .setJobId("job-" + model)
        .setModelId(model)
        .setModelPath("/models/" + model + ".pth")
        .setEpochs(20)
        .setFinalLoss(0.5)
        .setSamplesTrained(85_000)
        .build();
  }

  public static ModelPromoted promoted(String config, String model, double elo, Instant at) {
    return ModelPromoted.newBuilder()
        .setHeader(header(at))
        .setConfig(config(config))
        .setModelId(model)
        .setModelPath("/models/" + model + ".pth")
        .setEvaluationEventId("eval-" + model)
        .setEloBefore(elo - 30)
        .setEloAfter(elo)
        .build();
  }

  public static ModelRolledBack rolledBack(String config, String from, String to, Instant at) {
    return ModelRolledBack.newBuilder()
        .setHeader(header(at))
        .setConfig(config(config))
        .setFromModelId(from)
        .setToModelId(to)
        .setToModelPath("/models/" + to + ".pth")
        .setReason("test")
        .build();
  }

  /** A baseline result of {@code games} games at {@code winRate}. */
  public static BaselineResult baseline(String name, double elo, int games, double winRate) {
    int wins = (int) Math.round(games * winRate);
    return new BaselineResult(name, elo, games, wins, games - wins, 0, winRate);
  }

  /** A head-to-head result against {@code champion}. */
  public static HeadToHeadResult headToHead(
      String champion, double championElo, int wins, int losses, int draws) {
    int games = wins + losses + draws;
    return new HeadToHeadResult(
        champion, championElo, games, wins, losses, draws, (wins + draws / 2.0) / games);
  }

  /** An evaluation builder with strong results against both baselines. */
  public static EvaluationCompleted.Builder evaluation(
      String config, String model, double elo, Instant at) {
    return EvaluationCompleted.newBuilder()
        .setHeader(header(at))
        .setConfig(config(config))
        .setModelId(model)
        .setModelPath("/models/" + model + ".pth")
        .setElo(elo)
        .setGamesPlayed(200)
        .setWinRate(0.8)
        .setBaselines(
            List.of(
                baseline("RANDOM", 400, 100, 0.97),
                baseline("HEURISTIC", 900, 100, 0.92),
                baseline("MCTS_400", 1400, 30, 0.6)));
  }
}
