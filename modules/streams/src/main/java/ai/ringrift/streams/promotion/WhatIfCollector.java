package ai.ringrift.streams.promotion;

import ai.ringrift.events.ModelPromoted;
import ai.ringrift.events.ModelRolledBack;
import ai.ringrift.events.PromotionRejected;
import ai.ringrift.events.contract.ConfigKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Where a what-if replay's decisions go instead of topics: processors at the controller's output
 * names that append to a report in memory. Thread-safe (one stream thread writes, the caller
 * reads).
 */
final class WhatIfCollector {
  private final List<WhatIfReport.Decision> decisions = new ArrayList<>();
  private final List<WhatIfReport.Rollback> rollbacks = new ArrayList<>();
  private final AtomicLong evaluations = new AtomicLong();

  /** A processor counting the evaluations read. */
  Processor<String, SpecificRecord, Void, Void> counter() {
    return record -> evaluations.incrementAndGet();
  }

  /** A processor collecting the controller's output. */
  Processor<String, SpecificRecord, Void, Void> sink() {
    return this::collect;
  }

  private synchronized void collect(Record<String, SpecificRecord> record) {
    SpecificRecord value = record.value();
    if (value instanceof ModelPromoted p) {
      decisions.add(
          new WhatIfReport.Decision(
              ConfigKeys.format(p.getConfig()),
              p.getModelId(),
              p.getEvaluationEventId(),
              true,
              null,
              0,
              0,
              p.getReason()));
    } else if (value instanceof PromotionRejected r) {
      decisions.add(
          new WhatIfReport.Decision(
              ConfigKeys.format(r.getConfig()),
              r.getModelId(),
              r.getEvaluationEventId(),
              false,
              r.getGate(),
              r.getActual(),
              r.getThreshold(),
              r.getReason()));
    } else if (value instanceof ModelRolledBack b) {
      rollbacks.add(
          new WhatIfReport.Rollback(
              ConfigKeys.format(b.getConfig()),
              b.getFromModelId(),
              b.getToModelId(),
              b.getReason()));
    }
  }

  /** The evaluations read so far. */
  long evaluations() {
    return evaluations.get();
  }

  synchronized List<WhatIfReport.Decision> decisions() {
    return List.copyOf(decisions);
  }

  synchronized List<WhatIfReport.Rollback> rollbacks() {
    return List.copyOf(rollbacks);
  }
}
