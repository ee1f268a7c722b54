package ai.ringrift.admin.audit;

import ai.ringrift.events.ModelPromoted;
import ai.ringrift.events.PromotionRejected;
import ai.ringrift.events.contract.ConfigKeys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the topics must show after a run of the loop, faults included (pure: the command reads the
 * topics, this judges them): every evaluation decided once, every model promoted once, every
 * trigger's action run to an outcome once, every event a publisher saw acknowledged on its topic,
 * and decisions per config, also after a given time.
 *
 * @param promoted every {@code ModelPromoted}
 * @param rejected every {@code PromotionRejected}
 * @param outputs every stage output
 * @param published the event ids on the topic the acknowledged events went to
 * @param acknowledged acknowledged event ids by who reported them (a ledger file)
 * @param configs the configs that must have decisions
 * @param minDecisions decisions each config needs in all
 * @param after decisions must also exist after this time, when given
 */
record LoopAudit(
    List<ModelPromoted> promoted,
    List<PromotionRejected> rejected,
    List<StageOutput> outputs,
    Set<String> published,
    Map<String, List<String>> acknowledged,
    List<String> configs,
    int minDecisions,
    Instant after) {

  /** One check's verdict. */
  record Check(String name, boolean passed, String detail) {}

  /** One decision of the promotion controller. */
  record Decision(String config, String evaluation, String model, boolean promoted, Instant at) {}

  List<Decision> decisions() {
    List<Decision> all = new ArrayList<>();
    promoted.forEach(
        p ->
            all.add(
                new Decision(
                    ConfigKeys.format(p.getConfig()),
                    p.getEvaluationEventId(),
                    p.getModelId(),
                    true,
                    p.getHeader().getOccurredAt())));
    rejected.forEach(
        r ->
            all.add(
                new Decision(
                    ConfigKeys.format(r.getConfig()),
                    r.getEvaluationEventId(),
                    r.getModelId(),
                    false,
                    r.getHeader().getOccurredAt())));
    return all;
  }

  /** Every check, in order. */
  List<Check> checks() {
    List<Check> checks = new ArrayList<>();
    List<Decision> decisions = decisions();
    checks.add(
        once(
            "each evaluation decided once",
            decisions.stream().filter(d -> d.evaluation() != null).toList(),
            Decision::evaluation,
            "evaluations"));
    checks.add(once("each model promoted once", promoted, ModelPromoted::getModelId, "models"));
    Map<String, List<StageOutput>> byStage =
        outputs.stream()
            .collect(Collectors.groupingBy(StageOutput::stage, TreeMap::new, Collectors.toList()));
    byStage.forEach(
        (stage, list) ->
            checks.add(
                once(
                    "each trigger's " + stage + " run once",
                    list,
                    o -> o.trigger() + " " + o.target(),
                    "triggers")));
    checks.add(acknowledgedKept());
    checks.add(decisionsPerConfig(decisions));
    if (after != null) {
      checks.add(decisionsAfter(decisions));
    }
    return checks;
  }

  /** Whether every check passed. */
  boolean passed() {
    return checks().stream().allMatch(Check::passed);
  }

  private static <T> Check once(
      String name, Collection<T> items, Function<T, String> key, String what) {
    Map<String, Long> counts =
        items.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.counting()));
    List<String> twice =
        counts.entrySet().stream()
            .filter(e -> e.getValue() > 1)
            .map(e -> e.getKey().strip() + " x" + e.getValue())
            .toList();
    return twice.isEmpty()
        ? new Check(name, true, counts.size() + " " + what + ", none twice")
        : new Check(name, false, twice.size() + " " + what + " twice or more: " + twice);
  }

  private Check acknowledgedKept() {
    if (acknowledged.isEmpty()) {
      return new Check("acknowledged events kept", false, "no acknowledgement ledger was given");
    }
    long total = 0;
    List<String> lost = new ArrayList<>();
    for (Map.Entry<String, List<String>> ledger : acknowledged.entrySet()) {
      total += ledger.getValue().size();
      ledger.getValue().stream()
          .filter(id -> !published.contains(id))
          .forEach(id -> lost.add(ledger.getKey() + ":" + id));
    }
    if (total == 0) {
      return new Check("acknowledged events kept", false, "the ledgers hold no acknowledgement");
    }
    return lost.isEmpty()
        ? new Check(
            "acknowledged events kept",
            true,
            total
                + " acknowledged ("
                + String.join(", ", acknowledged.keySet())
                + "), all read back")
        : new Check(
            "acknowledged events kept",
            false,
            lost.size() + " of " + total + " acknowledged events missing: " + first(lost));
  }

  private Check decisionsPerConfig(List<Decision> decisions) {
    Map<String, Long> counts = count(decisions);
    List<String> tooFew =
        configs.stream().filter(c -> counts.getOrDefault(c, 0L) < minDecisions).toList();
    String detail = render(counts) + " (at least " + minDecisions + " each)";
    return new Check("decisions per config", tooFew.isEmpty(), detail);
  }

  private Check decisionsAfter(List<Decision> decisions) {
    Map<String, Long> counts =
        count(decisions.stream().filter(d -> d.at().isAfter(after)).toList());
    boolean every = configs.stream().allMatch(c -> counts.getOrDefault(c, 0L) > 0);
    return new Check("decisions after " + after, every, render(counts));
  }

  private Map<String, Long> count(List<Decision> decisions) {
    Map<String, Long> counts = new LinkedHashMap<>();
    configs.forEach(c -> counts.put(c, 0L));
    decisions.forEach(d -> counts.merge(d.config(), 1L, Long::sum));
    return counts;
  }

  private static String render(Map<String, Long> counts) {
    return counts.entrySet().stream()
        .map(e -> e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(", "));
  }

  private static String first(List<String> items) {
    return items.size() <= 5
        ? items.toString()
        : items.subList(0, 5) + " and " + (items.size() - 5) + " more";
  }

  LoopAudit {
    promoted = List.copyOf(promoted);
    rejected = List.copyOf(rejected);
    outputs = List.copyOf(outputs);
    published = Set.copyOf(published);
    acknowledged = java.util.Collections.unmodifiableMap(new TreeMap<>(acknowledged));
    configs = List.copyOf(configs);
    Objects.requireNonNull(configs);
  }
}
