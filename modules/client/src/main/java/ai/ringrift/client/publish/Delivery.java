package ai.ringrift.client.publish;

import java.util.concurrent.CompletableFuture;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * One send's outcome: the future the caller holds, and the producer's callback that completes it on
 * the producer's I/O thread. One object per event where a future and a capturing lambda were two
 * (half the per-event garbage of the send besides the record itself).
 */
final class Delivery extends CompletableFuture<PublishedEvent> implements Callback {
  private final RecordRoute<?> route;
  private final Outcomes outcomes;
  private final SpecificRecord event;
  private final String eventId;
  private final String key;

  Delivery(
      RecordRoute<?> route, Outcomes outcomes, SpecificRecord event, String eventId, String key) {
    this.route = route;
    this.outcomes = outcomes;
    this.event = event;
    this.eventId = eventId;
    this.key = key;
  }

  @Override
  public void onCompletion(RecordMetadata metadata, Exception error) {
    if (error == null) {
      route.published.inc();
      complete(outcomes.published(route, eventId, key, metadata));
    } else {
      route.failed.inc();
      completeExceptionally(outcomes.failure(route, event, eventId, error));
    }
  }
}
