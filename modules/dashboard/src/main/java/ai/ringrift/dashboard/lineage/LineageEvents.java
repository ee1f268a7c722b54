package ai.ringrift.dashboard.lineage;

import ai.ringrift.client.history.EventHistory;
import ai.ringrift.client.history.RecordedEvent;
import ai.ringrift.client.history.ReplayFrom;
import ai.ringrift.events.EvaluationCompleted;
import ai.ringrift.events.ModelPromoted;
import ai.ringrift.events.ModelRolledBack;
import ai.ringrift.events.PromotionRejected;
import ai.ringrift.events.TrainingCompleted;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;

/**
 * The events {@link ModelLineage} needs, read from the topics (group-less, committing nothing) for
 * a command line that has no live dashboard: first the trainings, evaluations and decisions, which
 * name the model and so its config, then the rest of the lineage's types for that config only.
 */
public final class LineageEvents {
  /** The types that can name a model. */
  static final List<Class<? extends SpecificRecord>> NAMING =
      List.of(
          TrainingCompleted.class,
          EvaluationCompleted.class,
          PromotionRejected.class,
          ModelPromoted.class,
          ModelRolledBack.class);

  private LineageEvents() {}

  /** Every event of the lineage's types that {@code model}'s lineage could contain. */
  public static List<RecordedEvent<SpecificRecord>> read(EventHistory history, String model) {
    List<RecordedEvent<SpecificRecord>> events = new ArrayList<>();
    Set<String> configs = new HashSet<>();
    for (Class<? extends SpecificRecord> type : NAMING) {
      replay(
          history,
          type,
          e -> {
            events.add(e);
            if (ModelLineage.names(e.event(), model)) {
              configs.add(e.key());
            }
          });
    }
    if (configs.isEmpty()) {
      return events;
    }
    for (Class<? extends SpecificRecord> type : ModelLineage.TYPES.keySet()) {
      if (!NAMING.contains(type)) {
        replay(
            history,
            type,
            e -> {
              if (configs.contains(e.key())) {
                events.add(e);
              }
            });
      }
    }
    return events;
  }

  private static <T extends SpecificRecord> void replay(
      EventHistory history,
      Class<T> type,
      java.util.function.Consumer<RecordedEvent<SpecificRecord>> sink) {
    history.replay(
        type,
        ReplayFrom.beginning(),
        e ->
            sink.accept(
                new RecordedEvent<>(
                    e.topic(), e.partition(), e.offset(), e.timestamp(), e.key(), e.event())));
  }
}
