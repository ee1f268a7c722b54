import ai.ringrift.stages.action.ActionRequest;
import ai.ringrift.stages.action.ActionResult;
import ai.ringrift.stages.action.CommandSpec;
import ai.ringrift.stages.action.Progress;
import ai.ringrift.stages.action.ResultValues;
import ai.ringrift.stages.action.command.CommandAction;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Runs a program through the stages' real {@code CommandAction} (the Java side of the command
 * protocol) and prints, as one JSON line, what the Java side read: success or the failure's reason,
 * the result values read with the typed getters docs/trainer-authors.md documents for {@code stage} ({@code
 * ResultFormatException} names a missing or mistyped field), and the progress reports.
 *
 * <p>Arguments: a JSON file holding a list of checks {@code {"stage": "training", "template":
 * "..."}} (stage: export, training or evaluation), and the log directory. One line
 * {@code @@protocol {...}} per check, in order.
 */
public final class CommandProtocolCheck {
  public static void main(String[] args) throws Exception {
    ObjectMapper json = new ObjectMapper();
    int run = 0;
    for (JsonNode check : json.readTree(Path.of(args[0]).toFile())) {
      Map<String, Object> out =
          check(check.get("stage").asText(), check.get("template").asText(), args[1], ++run);
      System.out.println("@@protocol " + json.writeValueAsString(out));
    }
  }

  private static Map<String, Object> check(String stage, String template, String logs, int run)
      throws InterruptedException {
    CommandSpec spec =
        new CommandSpec(
            template, 120, null, Map.of(), logs, CommandSpec.DEFAULT_PROGRESS_PATTERN, 5);
    CommandAction action = CommandAction.create(stage + ".action.command", spec, Set.of("run_id"));
    List<Progress> progress = new CopyOnWriteArrayList<>();
    String runId = "protocol-check-" + run;
    ActionResult result =
        action.run(new ActionRequest(runId, Map.of("run_id", runId), progress::add));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("stage", stage);
    out.put("succeeded", result.succeeded());
    out.put("failure", result.failure().map(Enum::name).orElse(null));
    out.put("reason", result.reason());
    if (result.succeeded()) {
      try {
        out.put("read", read(stage, result.values()));
      } catch (RuntimeException e) {
        out.put("readError", e.getMessage());
      }
    }
    List<Map<String, Object>> reports = new ArrayList<>();
    for (Progress p : progress) {
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("epoch", p.epoch());
      report.put("total_epochs", p.totalEpochs());
      report.put("loss", p.loss());
      report.put("val_loss", p.valLoss().isPresent() ? p.valLoss().getAsDouble() : null);
      reports.add(report);
    }
    out.put("progress", reports);
    return out;
  }

  /** docs/trainer-authors.md's result fields of {@code stage}, read as the stages read them. */
  private static Map<String, Object> read(String stage, ResultValues v) {
    Map<String, Object> read = new LinkedHashMap<>();
    switch (stage) {
      case "export" -> {
        read.put("npz_path", v.text("npz_path"));
        read.put("total_samples", v.integer("total_samples"));
        read.put("games_used", v.integer("games_used"));
      }
      case "training" -> {
        read.put("model_path", v.text("model_path"));
        read.put("epochs", v.integer("epochs"));
        read.put("final_loss", v.number("final_loss"));
        read.put("samples_trained", v.integer("samples_trained"));
        read.put("model_id", v.optionalText("model_id").orElse(null));
      }
      case "evaluation" -> {
        read.put("elo", v.number("elo"));
        read.put("games_played", v.integer("games_played"));
        read.put("win_rate", v.number("win_rate"));
        List<Map<String, Object>> baselines = new ArrayList<>();
        for (ResultValues b : v.objects("baselines")) {
          baselines.add(outcome(b, "baseline", "baseline_elo"));
        }
        read.put("baselines", baselines);
        if (v.has("head_to_head")) {
          read.put(
              "head_to_head",
              outcome(v.object("head_to_head"), "champion_model_id", "champion_elo"));
        }
      }
      default -> throw new IllegalArgumentException("unknown stage " + stage);
    }
    return read;
  }

  private static Map<String, Object> outcome(ResultValues r, String name, String elo) {
    Map<String, Object> read = new LinkedHashMap<>();
    read.put(name, r.text(name));
    read.put(elo, r.number(elo));
    read.put("games", r.integer("games"));
    read.put("wins", r.integer("wins"));
    read.put("losses", r.integer("losses"));
    read.put("draws", r.has("draws") ? r.integer("draws") : 0);
    read.put("win_rate", r.number("win_rate"));
    return read;
  }
}
