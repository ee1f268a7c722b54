package ai.ringrift.client.subscribe;

import java.util.concurrent.CompletionStage;
import org.apache.avro.specific.SpecificRecord;

/**
 * Handles one event type asynchronously: the event counts as handled (and its offset as
 * committable) when the returned stage completes normally; an exceptional completion is a failure
 * like a thrown exception of an {@link EventHandler}. Events of one partition are still handled one
 * at a time, in order: the next one starts when this stage completes.
 *
 * @param <T> the event type
 */
@FunctionalInterface
public interface AsyncEventHandler<T extends SpecificRecord> {
  /** Starts handling {@code event}; null counts as an already completed stage. */
  CompletionStage<?> handle(T event, EventContext context) throws Exception;
}
