package ai.ringrift.client.publish;

import ai.ringrift.client.KafkaSettings;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What became of a send: the acknowledgement, or a failure that says what to check. */
final class Outcomes {
  private static final Logger LOGGER = LoggerFactory.getLogger(Outcomes.class);

  private final KafkaSettings kafka;
  private final PublisherSettings settings;

  Outcomes(KafkaSettings kafka, PublisherSettings settings) {
    this.kafka = kafka;
    this.settings = settings;
  }

  PublishedEvent published(
      RecordRoute<?> route, String eventId, String key, RecordMetadata metadata) {
    return new PublishedEvent(
        eventId,
        route.typeName,
        metadata.topic(),
        key,
        metadata.partition(),
        metadata.offset(),
        Instant.ofEpochMilli(metadata.timestamp()));
  }

  PublishException failure(
      RecordRoute<?> route, SpecificRecord event, String eventId, Throwable error) {
    String why =
        error instanceof org.apache.kafka.common.errors.TimeoutException
            ? "no acknowledgement within the bounded wait (maxBlockMs="
                + settings.maxBlockMs()
                + ", deliveryTimeoutMs="
                + settings.deliveryTimeoutMs()
                + "); is the broker at "
                + kafka.bootstrapServers()
                + " reachable and does the topic exist?"
            : "the broker refused it";
    LOGGER.warn(
        "publish failed type={} event={} topic={}: {}",
        route.typeName,
        eventId,
        route.topic.name(),
        error.toString());
    return new PublishException(
        route.topic.name(),
        event,
        eventId,
        "could not publish "
            + route.typeName
            + " (event "
            + eventId
            + ") to "
            + route.topic.name()
            + ": "
            + why
            + " ["
            + error
            + "]",
        error);
  }

  /** Waits for {@code future} of {@code event}, at most as long as the producer itself may take. */
  PublishedEvent await(
      CompletableFuture<PublishedEvent> future,
      String topic,
      SpecificRecord event,
      String eventId) {
    long waitMs = settings.longestWait().toMillis() + 1000;
    try {
      return future.get(waitMs, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof PublishException p) {
        throw p;
      }
      throw new PublishException(
          topic, event, eventId, "could not publish to " + topic, e.getCause());
    } catch (TimeoutException e) {
      throw new PublishException(
          topic, event, eventId, "no outcome for " + topic + " within " + waitMs + " ms", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PublishException(topic, event, eventId, "interrupted publishing to " + topic, e);
    }
  }
}
