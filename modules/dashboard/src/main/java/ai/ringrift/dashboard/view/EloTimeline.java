package ai.ringrift.dashboard.view;

import ai.ringrift.events.EvaluationCompleted;
import ai.ringrift.events.ModelPromoted;
import ai.ringrift.events.ModelRolledBack;
import ai.ringrift.events.PromotionRejected;
import ai.ringrift.events.contract.ConfigKeys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;

/**
 * The strength of each config over time: every evaluation and every promotion decision, and the
 * production model's Elo they imply. Events may arrive in any order across topics (a dashboard that
 * starts reads every topic at once), so the timeline is put in time order when it is shown.
 */
final class EloTimeline {
  /** Decisions and evaluations kept per config; the oldest go first. */
  static final int MAX_ITEMS = 20_000;

  private final Map<String, List<SpecificRecord>> byConfig = new TreeMap<>();
  private final Map<String, EvaluationCompleted> evaluations = new HashMap<>();

  /** Takes an evaluation or a decision; other events are ignored. Returns whether it took it. */
  boolean accept(SpecificRecord event) {
    String config;
    if (event instanceof EvaluationCompleted e) {
      evaluations.put(e.getHeader().getEventId(), e);
      config = ConfigKeys.format(e.getConfig());
    } else if (event instanceof ModelPromoted p) {
      config = ConfigKeys.format(p.getConfig());
    } else if (event instanceof PromotionRejected r) {
      config = ConfigKeys.format(r.getConfig());
    } else if (event instanceof ModelRolledBack b) {
      config = ConfigKeys.format(b.getConfig());
    } else {
      return false;
    }
    List<SpecificRecord> items = byConfig.computeIfAbsent(config, c -> new ArrayList<>());
    items.add(event);
    if (items.size() > MAX_ITEMS) {
      SpecificRecord dropped = items.remove(0);
      if (dropped instanceof EvaluationCompleted e) {
        evaluations.remove(e.getHeader().getEventId());
      }
    }
    return true;
  }

  /** The evaluation with this event id, if it was seen. */
  Optional<EvaluationCompleted> evaluation(String eventId) {
    return Optional.ofNullable(eventId).map(evaluations::get);
  }

  /** The configs with at least one evaluation or decision. */
  List<String> configs() {
    return List.copyOf(byConfig.keySet());
  }

  /** Per config: the points of the chart and the production model's Elo line, oldest first. */
  Map<String, Timeline> snapshot() {
    Map<String, Timeline> timelines = new TreeMap<>();
    byConfig.forEach((config, items) -> timelines.put(config, sweep(items)));
    return timelines;
  }

  private Timeline sweep(List<SpecificRecord> items) {
    List<SpecificRecord> ordered = new ArrayList<>(items);
    // at equal times an evaluation comes before the decision it led to
    ordered.sort(
        Comparator.comparing(EloTimeline::at)
            .thenComparing(e -> e instanceof EvaluationCompleted ? 0 : 1));
    List<Point> points = new ArrayList<>();
    List<Point> production = new ArrayList<>();
    Map<String, Double> eloOf = new HashMap<>();
    String current = null;
    for (SpecificRecord item : ordered) {
      long at = at(item).toEpochMilli();
      if (item instanceof EvaluationCompleted e) {
        eloOf.put(e.getModelId(), e.getElo());
        if (e.getModelId().equals(current)) {
          Point p = Point.of(at, "reevaluated", e.getModelId(), e.getElo());
          points.add(p);
          production.add(p);
        }
      } else if (item instanceof ModelPromoted p) {
        current = p.getModelId();
        eloOf.put(current, p.getEloAfter());
        Point point =
            new Point(
                at,
                "promoted",
                current,
                p.getEloAfter(),
                null,
                null,
                null,
                p.getReason(),
                p.getPreviousModelId());
        points.add(point);
        production.add(point);
      } else if (item instanceof PromotionRejected r) {
        Double elo =
            evaluation(r.getEvaluationEventId())
                .map(EvaluationCompleted::getElo)
                .orElse(eloOf.get(r.getModelId()));
        points.add(
            new Point(
                at,
                "rejected",
                r.getModelId(),
                elo,
                r.getGate(),
                r.getActual(),
                r.getThreshold(),
                r.getReason(),
                null));
      } else if (item instanceof ModelRolledBack b) {
        current = b.getToModelId();
        Point point =
            new Point(
                at,
                "rolled_back",
                current,
                eloOf.get(current),
                null,
                null,
                null,
                b.getReason(),
                b.getFromModelId());
        points.add(point);
        if (point.elo() != null) {
          production.add(point);
        }
      }
    }
    return new Timeline(points, production, current);
  }

  private static Instant at(SpecificRecord event) {
    if (event instanceof EvaluationCompleted e) {
      return e.getHeader().getOccurredAt();
    } else if (event instanceof ModelPromoted p) {
      return p.getHeader().getOccurredAt();
    } else if (event instanceof PromotionRejected r) {
      return r.getHeader().getOccurredAt();
    }
    return ((ModelRolledBack) event).getHeader().getOccurredAt();
  }

  /**
   * One config's timeline.
   *
   * @param points promotions, rejections, rollbacks and re-evaluations of the production model
   * @param production the production model's Elo at each change
   * @param productionModel the production model after the last decision
   */
  record Timeline(List<Point> points, List<Point> production, String productionModel) {}

  /**
   * A point of the chart.
   *
   * @param at when (epoch ms)
   * @param kind {@code promoted}, {@code rejected}, {@code rolled_back} or {@code reevaluated}
   * @param model the model decided on (for a rollback: the one production went back to)
   * @param elo its Elo, when known
   * @param gate the gate that rejected it
   * @param actual the gate's measured value
   * @param threshold the gate's threshold
   * @param reason the decision's reason
   * @param from the model it replaced
   */
  record Point(
      long at,
      String kind,
      String model,
      Double elo,
      String gate,
      Double actual,
      Double threshold,
      String reason,
      String from) {
    static Point of(long at, String kind, String model, Double elo) {
      return new Point(at, kind, model, elo, null, null, null, null, null);
    }
  }
}
