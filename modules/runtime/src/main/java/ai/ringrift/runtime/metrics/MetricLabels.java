package ai.ringrift.runtime.metrics;

import ai.ringrift.client.metrics.MetricNames;
import io.prometheus.metrics.instrumentation.dropwizard5.labels.CustomLabelMapper;
import io.prometheus.metrics.instrumentation.dropwizard5.labels.MapperConfig;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The label mapping of the Dropwizard bridge: our dotted metric names carry event types, topics,
 * partitions, subscribers, stages and configs, which Prometheus wants as labels of one metric, not
 * as parts of many names. {@code
 * ringrift.subscriber.ringrift.stage.export.lag.ringrift.sync.completed.3} becomes {@code
 * ringrift_subscriber_lag{subscriber="ringrift.stage.export", topic="ringrift.sync.completed",
 * partition="3"}}. The names are made in {@link MetricNames} and the stages' {@code RunMetrics}; a
 * name no rule matches keeps its dotted name, underscored, without labels.
 *
 * <p>Regular expressions, not the bridge's own glob configs: a subscriber (a consumer group) and a
 * topic contain dots, which a glob's {@code *} cannot span.
 */
public final class MetricLabels extends CustomLabelMapper {
  private static final Pattern INVALID = Pattern.compile("[^a-zA-Z0-9_:]");
  private static final List<Rule> RULES =
      List.of(
          rule(
              "ringrift\\.subscriber\\.(.+)\\.lag\\.(.+)\\.(\\d+)",
              "ringrift.subscriber.lag",
              "subscriber",
              "topic",
              "partition"),
          rule(
              "ringrift\\.subscriber\\.(.+)\\.handler\\.([^.]+)",
              "ringrift.subscriber.handler.seconds",
              "subscriber",
              "type"),
          rule(
              "ringrift\\.subscriber\\.(.+)\\.(handled|failed|dead-lettered|filtered)\\.([^.]+)",
              "ringrift.subscriber.$2",
              "subscriber",
              "",
              "type"),
          rule(
              "ringrift\\.publisher\\.(published|failed)\\.([^.]+)",
              "ringrift.publisher.$1",
              "",
              "type"),
          rule(
              "ringrift\\.stage\\.([^.]+)\\.runs\\.([^.]+)", "ringrift.stage.runs.$2", "stage", ""),
          rule(
              "ringrift\\.stage\\.([^.]+)\\.config\\.([^.]+)\\.succeeded",
              "ringrift.stage.config.succeeded",
              "stage",
              "config"),
          rule("ringrift\\.stage\\.([^.]+)\\.action", "ringrift.stage.action.seconds", "stage"),
          rule("streams\\.([^.]+)\\.state", "ringrift.streams.state", "app"));

  /** One name pattern: the family it belongs to and the label each group is ("" for none). */
  private record Rule(Pattern pattern, String family, List<String> labels) {}

  /** A name as Prometheus sees it: the family (dotted) and its labels. */
  public record Mapped(String family, List<String> labelNames, List<String> labelValues) {}

  public MetricLabels() {
    // the bridge insists on one glob config; ours are the rules above
    super(List.of(new MapperConfig("ringrift.unused.*", "ringrift.unused", Map.of())));
  }

  private static Rule rule(String regex, String family, String... labels) {
    return new Rule(Pattern.compile(regex), family, List.of(labels));
  }

  /** The family and labels of dotted name {@code name}. */
  public static Mapped map(String name) {
    for (Rule rule : RULES) {
      Matcher m = rule.pattern().matcher(name);
      if (m.matches()) {
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (int i = 0; i < rule.labels().size(); i++) {
          if (!rule.labels().get(i).isEmpty()) {
            names.add(rule.labels().get(i));
            values.add(m.group(i + 1));
          }
        }
        return new Mapped(m.replaceFirst(rule.family()), names, values);
      }
    }
    return new Mapped(name, List.of(), List.of());
  }

  /** {@code dotted} as a classic Prometheus name: what is not a letter, digit or _ becomes _. */
  public static String underscored(String dotted) {
    String name = INVALID.matcher(dotted).replaceAll("_");
    return name.isEmpty() || Character.isDigit(name.charAt(0)) ? "_" + name : name;
  }

  @Override
  public String getName(String dropwizardName) {
    return underscored(map(dropwizardName).family());
  }

  @Override
  public Labels getLabels(
      String dropwizardName, List<String> additionalNames, List<String> additionalValues) {
    Mapped mapped = map(dropwizardName);
    List<String> names = new ArrayList<>(mapped.labelNames());
    List<String> values = new ArrayList<>(mapped.labelValues());
    names.addAll(additionalNames);
    values.addAll(additionalValues);
    return Labels.of(names, values);
  }
}
