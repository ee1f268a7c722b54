package ai.ringrift.admin.state;

import ai.ringrift.admin.cli.CliException;
import ai.ringrift.admin.cli.Connected;
import ai.ringrift.admin.cli.OutputOptions;
import ai.ringrift.client.json.AvroJson;
import ai.ringrift.client.publish.PublishedEvent;
import ai.ringrift.events.ModelAction;
import ai.ringrift.events.ModelActionRequested;
import ai.ringrift.events.ModelRegistryEntry;
import ai.ringrift.events.contract.ConfigKeys;
import ai.ringrift.events.contract.Events;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/**
 * An operator's promotion or rollback: the request published as {@code ModelActionRequested}, and
 * with {@code --wait} the controller's answer (the {@code ModelPromoted} or {@code ModelRolledBack}
 * caused by it).
 */
final class ModelRequests {
  private ModelRequests() {}

  /** The config's registry, or one line saying there is none. */
  static ModelRegistryEntry registry(Connected connected, String config) {
    ModelRegistryEntry registry =
        StateTable.read(connected, ModelRegistryEntry.class, config).get(config);
    if (registry == null) {
      throw new CliException(
          config + " has no model registry yet; `ringrift models list` shows the configs that do");
    }
    return registry;
  }

  /**
   * Publishes the request and, when {@code wait} is given, waits for the {@code answer}'s event
   * caused by it; prints what happened.
   */
  static <T extends SpecificRecord> int request(
      Connected connected,
      ModelAction action,
      String config,
      String model,
      String reason,
      Duration wait,
      Class<T> answer,
      OutputOptions output,
      PrintWriter out) {
    try (AnswerWatch<T> outcome = AnswerWatch.watch(connected, answer)) {
      ModelActionRequested request =
          ModelActionRequested.newBuilder()
              .setHeader(connected.publisher().newHeader())
              .setConfig(ConfigKeys.parse(config))
              .setAction(action)
              .setModelId(model)
              .setRequestedBy(Connected.operator())
              .setReason(reason)
              .build();
      PublishedEvent published = connected.publish(request);
      String what =
          action == ModelAction.PROMOTE ? "promotion of " + model + " in " : "rollback of ";
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("request", published);
      if (wait == null) {
        print(
            output,
            out,
            json,
            what
                + config
                + " requested (event "
                + published.eventId()
                + "); `ringrift models"
                + " list --config "
                + config
                + "` shows when the promotion controller did it");
        return 0;
      }
      String id = published.eventId();
      Optional<T> done =
          outcome.await(
              e -> Events.header(e).map(h -> id.equals(h.getCausationId())).orElse(false), wait);
      if (done.isEmpty()) {
        throw new CliException(
            what
                + config
                + " requested (event "
                + id
                + "), but the promotion controller did not"
                + " act on it within "
                + wait.toSeconds()
                + " s; is it running? (`ringrift"
                + " cluster status` lists its group; its log says why it ignored a request)");
      }
      json.put("done", AvroJson.toMap(done.get()));
      print(output, out, json, done.get().getClass().getSimpleName() + ": " + summary(done.get()));
      return 0;
    }
  }

  private static String summary(SpecificRecord event) {
    Map<String, Object> fields = AvroJson.toMap(event);
    fields.remove("header");
    fields.remove("config");
    StringBuilder line = new StringBuilder();
    fields.forEach(
        (k, v) -> {
          if (v != null) {
            line.append(line.length() == 0 ? "" : "  ").append(k).append('=').append(v);
          }
        });
    return line.toString();
  }

  private static void print(OutputOptions output, PrintWriter out, Object json, String line) {
    if (output.json()) {
      OutputOptions.printJson(out, json);
    } else {
      out.println(line);
      out.flush();
    }
  }
}
