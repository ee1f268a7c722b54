package ai.ringrift.client.subscribe;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a record the subscriber gave up on to its topic's DLQ, and keeps trying until the DLQ has
 * it: the record's offset is committable only then (or when the partition moved to another owner,
 * which handles it again).
 */
final class DeadLetterStep {
  private static final Logger LOGGER = LoggerFactory.getLogger(DeadLetterStep.class);

  private final Subscription<?> subscription;
  private final WorkerServices services;
  private final Backoff backoff;
  private final BooleanSupplier stopped;

  DeadLetterStep(
      Subscription<?> subscription,
      WorkerServices services,
      Backoff backoff,
      BooleanSupplier stopped) {
    this.subscription = subscription;
    this.services = services;
    this.backoff = backoff;
    this.stopped = stopped;
  }

  /** Completes with true once the record is in its DLQ, false if abandoned on a stop. */
  CompletableFuture<Boolean> send(ConsumerRecord<byte[], byte[]> record, FailureTrail trail) {
    Optional<String> dlq = services.deadLetters().dlqOf(record.topic());
    if (dlq.isEmpty()) {
      LOGGER.error(
          "subscriber={} topic={} has no DLQ; dropping partition={} offset={} after {}",
          services.subscriber(),
          record.topic(),
          record.partition(),
          record.offset(),
          trail.last().toString());
      return CompletableFuture.completedFuture(true);
    }
    CompletableFuture<Boolean> done = new CompletableFuture<>();
    send(dlq.get(), record, trail, done);
    return done;
  }

  private void send(
      String dlq,
      ConsumerRecord<byte[], byte[]> record,
      FailureTrail trail,
      CompletableFuture<Boolean> done) {
    services
        .deadLetters()
        .send(dlq, record, trail)
        .whenComplete(
            (ok, error) -> {
              if (error == null) {
                subscription.deadLettered.inc();
                LOGGER.error(
                    "subscriber={} dead-lettered topic={} partition={} offset={} to {} after"
                        + " attempts={}: {}",
                    services.subscriber(),
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    dlq,
                    trail.attempts(),
                    trail.last().toString());
                done.complete(true);
              } else if (stopped.getAsBoolean()) {
                done.complete(false);
              } else {
                // never commit past a record that is neither handled nor safely in its DLQ
                LOGGER.error(
                    "subscriber={} cannot write to {} (will retry): {}",
                    services.subscriber(),
                    dlq,
                    error.toString());
                backoff
                    .after(services.retry().backoffAfter(services.retry().maxAttempts()))
                    .thenRunAsync(() -> send(dlq, record, trail, done), services.handlers())
                    .exceptionally(
                        e -> {
                          done.complete(false);
                          return null;
                        });
              }
            });
  }
}
