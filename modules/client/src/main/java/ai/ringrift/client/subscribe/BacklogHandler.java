package ai.ringrift.client.subscribe;

import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.avro.specific.SpecificRecord;

/**
 * An {@link AsyncEventHandler} that may also look at the events of its type fetched behind the one
 * it handles on the same partition: work of which one run serves many events (a sync of a config's
 * new games) can answer the waiting ones too. They are still handled one at a time, each in its own
 * turn, and committed as usual; a handler that answered an event early must recognise it then (by
 * its id) and not act on it twice.
 *
 * @param <T> the event type
 */
@FunctionalInterface
public interface BacklogHandler<T extends SpecificRecord> {
  /** The events fetched behind the one being handled: not started yet, in offset order. */
  @FunctionalInterface
  interface Backlog<T> {
    /**
     * The waiting events as they are now, decoded and filtered as they will be in their turn;
     * records that will not reach the handler (poison, filtered out, redriven for another group)
     * are left out.
     */
    List<T> events();
  }

  /** Starts handling {@code event}; null counts as an already completed stage. */
  CompletionStage<?> handle(T event, EventContext context, Backlog<T> backlog) throws Exception;
}
