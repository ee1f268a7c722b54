package ai.ringrift.dashboard.lineage;

import ai.ringrift.client.history.RecordedEvent;
import ai.ringrift.dashboard.event.EventSummary;
import ai.ringrift.events.DataSyncCompleted;
import ai.ringrift.events.EvaluationCompleted;
import ai.ringrift.events.EventHeader;
import ai.ringrift.events.ModelActionRequested;
import ai.ringrift.events.ModelPromoted;
import ai.ringrift.events.ModelRolledBack;
import ai.ringrift.events.NpzExportCompleted;
import ai.ringrift.events.PromotionRejected;
import ai.ringrift.events.RegressionDetected;
import ai.ringrift.events.SelfplayBatchCompleted;
import ai.ringrift.events.SyncRequested;
import ai.ringrift.events.TrainingCompleted;
import ai.ringrift.events.TrainingSignal;
import ai.ringrift.events.TrainingStarted;
import ai.ringrift.events.contract.Events;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;

/**
 * Finds the lineage of a model among events: the one implementation behind the dashboard's lineage
 * panel and {@code ringrift models lineage}, which differ only in where the events come from.
 *
 * <p>The chain is built from the links the events carry: the training that wrote the model ({@code
 * model_id}), its start ({@code job_id}), the export it trained on ({@code data_path}), every
 * event's cause ({@code causation_id}, followed back to the start of its trace: the sync, the
 * selfplay batch), the evaluations of the model ({@code training_event_id}) and the decisions on
 * them ({@code evaluation_event_id}), rollbacks naming it. Events of other types are ignored, so
 * the answer does not depend on what else the caller kept.
 */
public final class ModelLineage {
  /** The event types a lineage is made of, with the loop stage each belongs to. */
  public static final Map<Class<? extends SpecificRecord>, String> TYPES = types();

  /** Other events of the chain's traces shown at most. */
  static final int MAX_SAME_TRACE = 200;

  private final Map<String, RecordedEvent<SpecificRecord>> byId = new HashMap<>();
  private final List<RecordedEvent<SpecificRecord>> events = new ArrayList<>();
  private final Map<String, Lineage.Step> chain = new LinkedHashMap<>();

  private ModelLineage(Collection<RecordedEvent<SpecificRecord>> all) {
    for (RecordedEvent<SpecificRecord> e : all) {
      if (TYPES.containsKey(e.event().getClass())) {
        Optional<String> id = Events.eventId(e.event());
        if (id.isPresent() && byId.putIfAbsent(id.get(), e) == null) {
          events.add(e);
        }
      }
    }
    events.sort(Comparator.comparing(e -> header(e).getOccurredAt()));
  }

  /**
   * The lineage of {@code model} among {@code events} (any order, copies of one event counted
   * once).
   *
   * @throws UnknownModelException when no event names the model
   */
  public static Lineage of(String model, Collection<RecordedEvent<SpecificRecord>> events) {
    return new ModelLineage(events).trace(model);
  }

  private Lineage trace(String model) {
    List<RecordedEvent<SpecificRecord>> naming =
        events.stream().filter(e -> names(e.event(), model)).toList();
    if (naming.isEmpty()) {
      throw new UnknownModelException(model);
    }
    Optional<RecordedEvent<SpecificRecord>> training =
        last(naming, TrainingCompleted.class, t -> true);
    training.ifPresent(this::training);
    for (RecordedEvent<SpecificRecord> e : naming) {
      if (e.event() instanceof EvaluationCompleted evaluation) {
        boolean ofTraining =
            training.isPresent() && id(training.get()).equals(evaluation.getTrainingEventId());
        add(e, ofTraining ? "evaluates TrainingCompleted (training_event_id)" : "model_id");
        if (training.isEmpty()) {
          causes(e);
        }
      } else if (e.event() instanceof PromotionRejected r) {
        add(e, decidedOn(r.getEvaluationEventId()));
      } else if (e.event() instanceof ModelPromoted p) {
        add(e, decidedOn(p.getEvaluationEventId()));
      } else if (e.event() instanceof ModelRolledBack) {
        add(e, "rollback naming the model");
      }
    }
    List<Lineage.Step> steps = new ArrayList<>(chain.values());
    steps.sort(Comparator.comparing(Lineage.Step::at));
    return new Lineage(model, naming.get(0).key(), outcome(model, naming), steps, sameTrace(steps));
  }

  /** The training that wrote the model, its start, the data it read, and their causes. */
  private void training(RecordedEvent<SpecificRecord> completed) {
    TrainingCompleted t = (TrainingCompleted) completed.event();
    add(completed, "wrote the model (model_id)");
    Optional<RecordedEvent<SpecificRecord>> started =
        last(events, TrainingStarted.class, s -> s.getJobId().equals(t.getJobId()));
    started.ifPresent(s -> add(s, "same job_id as TrainingCompleted"));
    started
        .flatMap(
            s ->
                last(
                    events,
                    NpzExportCompleted.class,
                    x ->
                        x.getOutputPath().equals(((TrainingStarted) s.event()).getDataPath())
                            && !x.getHeader().getOccurredAt().isAfter(header(s).getOccurredAt())))
        .ifPresent(
            data -> {
              add(data, "data of TrainingStarted (data_path)");
              causes(data);
            });
    started.ifPresent(this::causes);
    causes(completed);
  }

  /** Follows {@code causation_id} back from {@code event} while the cause is known. */
  private void causes(RecordedEvent<SpecificRecord> event) {
    Set<String> visited = new HashSet<>();
    RecordedEvent<SpecificRecord> current = event;
    while (true) {
      String cause = header(current).getCausationId();
      RecordedEvent<SpecificRecord> found = cause == null ? null : byId.get(cause);
      if (found == null || !visited.add(cause)) {
        return;
      }
      add(found, "cause of " + Events.typeName(current.event()));
      current = found;
    }
  }

  private String decidedOn(String evaluationId) {
    return chain.containsKey(evaluationId)
        ? "decides on EvaluationCompleted (evaluation_event_id)"
        : "model_id";
  }

  private void add(RecordedEvent<SpecificRecord> e, String via) {
    chain.putIfAbsent(id(e), step(e, via));
  }

  private List<Lineage.Step> sameTrace(List<Lineage.Step> steps) {
    Set<String> traces = new HashSet<>();
    steps.forEach(s -> traces.add(s.traceId()));
    return events.stream()
        .filter(e -> traces.contains(header(e).getTraceId()) && !chain.containsKey(id(e)))
        .limit(MAX_SAME_TRACE)
        .map(e -> step(e, "same trace"))
        .toList();
  }

  private static String outcome(String model, List<RecordedEvent<SpecificRecord>> naming) {
    for (int i = naming.size() - 1; i >= 0; i--) {
      SpecificRecord e = naming.get(i).event();
      if (e instanceof ModelPromoted) {
        return "promoted";
      } else if (e instanceof PromotionRejected r) {
        return "rejected by " + r.getGate();
      } else if (e instanceof ModelRolledBack b) {
        return model.equals(b.getFromModelId()) ? "rolled back" : "production again (rollback)";
      }
    }
    return naming.stream().anyMatch(e -> e.event() instanceof EvaluationCompleted)
        ? "evaluated"
        : "trained";
  }

  /** Whether {@code e} names {@code model}: the training, evaluation or decision of it. */
  static boolean names(SpecificRecord e, String model) {
    if (e instanceof TrainingCompleted t) {
      return model.equals(t.getModelId());
    } else if (e instanceof EvaluationCompleted v) {
      return model.equals(v.getModelId());
    } else if (e instanceof ModelPromoted p) {
      return model.equals(p.getModelId());
    } else if (e instanceof PromotionRejected r) {
      return model.equals(r.getModelId());
    } else if (e instanceof ModelRolledBack b) {
      return model.equals(b.getFromModelId()) || model.equals(b.getToModelId());
    }
    return false;
  }

  @SuppressWarnings("unchecked")
  private static <T extends SpecificRecord> Optional<RecordedEvent<SpecificRecord>> last(
      List<RecordedEvent<SpecificRecord>> in,
      Class<T> type,
      java.util.function.Predicate<T> match) {
    RecordedEvent<SpecificRecord> found = null;
    for (RecordedEvent<SpecificRecord> e : in) {
      if (type.isInstance(e.event()) && match.test((T) e.event())) {
        found = e;
      }
    }
    return Optional.ofNullable(found);
  }

  private static Lineage.Step step(RecordedEvent<SpecificRecord> e, String via) {
    EventHeader h = header(e);
    return new Lineage.Step(
        TYPES.get(e.event().getClass()),
        Events.typeName(e.event()),
        h.getOccurredAt(),
        h.getEventId(),
        h.getTraceId(),
        h.getCausationId(),
        via,
        EventSummary.of(e.event()));
  }

  private static EventHeader header(RecordedEvent<SpecificRecord> e) {
    return Events.header(e.event()).orElseThrow();
  }

  private static String id(RecordedEvent<SpecificRecord> e) {
    return header(e).getEventId();
  }

  private static Map<Class<? extends SpecificRecord>, String> types() {
    Map<Class<? extends SpecificRecord>, String> types = new LinkedHashMap<>();
    types.put(SelfplayBatchCompleted.class, "selfplay");
    types.put(SyncRequested.class, "sync");
    types.put(DataSyncCompleted.class, "sync");
    types.put(NpzExportCompleted.class, "export");
    types.put(TrainingSignal.class, "signal");
    types.put(TrainingStarted.class, "training");
    types.put(TrainingCompleted.class, "training");
    types.put(EvaluationCompleted.class, "evaluation");
    types.put(PromotionRejected.class, "promotion");
    types.put(ModelPromoted.class, "promotion");
    types.put(ModelRolledBack.class, "rollback");
    types.put(RegressionDetected.class, "signal");
    types.put(ModelActionRequested.class, "operator");
    return java.util.Collections.unmodifiableMap(types);
  }
}
