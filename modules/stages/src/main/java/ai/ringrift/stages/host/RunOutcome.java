package ai.ringrift.stages.host;

import ai.ringrift.events.contract.Events;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/**
 * How one attempt of a {@link StageJob} ended.
 *
 * @param error empty on success, else why it failed (a sentence for people and for events)
 * @param outputPath what the attempt produced (an NPZ, a model), when it produced a file
 * @param events the result events written with the SUCCEEDED record (empty on failure)
 * @param resultEventId the id of the main result event, remembered with the trigger's outcome
 */
public record RunOutcome(
    Optional<String> error,
    Optional<String> outputPath,
    List<SpecificRecord> events,
    Optional<String> resultEventId) {
  public RunOutcome {
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(outputPath, "outputPath");
    events = List.copyOf(events);
    Objects.requireNonNull(resultEventId, "resultEventId");
  }

  /** A success that produced {@code outputPath} (or null) and publishes {@code events}. */
  public static RunOutcome succeeded(String outputPath, List<? extends SpecificRecord> events) {
    String id = events.isEmpty() ? null : Events.eventId(events.get(0)).orElse(null);
    return new RunOutcome(
        Optional.empty(),
        Optional.ofNullable(outputPath),
        List.copyOf(events),
        Optional.ofNullable(id));
  }

  /** A failure, with the reason. */
  public static RunOutcome failed(String error) {
    if (error == null || error.isBlank()) {
      throw new IllegalArgumentException("a failed outcome needs a reason");
    }
    return new RunOutcome(Optional.of(error), Optional.empty(), List.of(), Optional.empty());
  }

  public boolean succeeded() {
    return error.isEmpty();
  }
}
