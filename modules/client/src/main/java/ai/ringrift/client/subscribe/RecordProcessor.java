package ai.ringrift.client.subscribe;

import ai.ringrift.events.contract.Events;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one record of a partition to its end: decoded, filtered, handled (with retries), or sent to
 * the DLQ. The returned future completes when the record is done; it is committable only when the
 * future's value is true (a record abandoned because its partition was revoked is not).
 */
final class RecordProcessor<T extends SpecificRecord> {
  private static final Logger LOGGER = LoggerFactory.getLogger(RecordProcessor.class);

  private final Subscription<T> subscription;
  private final WorkerServices services;
  private final BooleanSupplier stopped;
  private volatile CompletableFuture<Void> pendingWait;

  RecordProcessor(Subscription<T> subscription, WorkerServices services, BooleanSupplier stopped) {
    this.subscription = subscription;
    this.services = services;
    this.stopped = stopped;
  }

  /** Ends a retry backoff at once (the worker was stopped: the retry is abandoned). */
  void interruptWait() {
    CompletableFuture<Void> wait = pendingWait;
    if (wait != null) {
      wait.complete(null);
    }
  }

  CompletableFuture<Boolean> process(ConsumerRecord<byte[], byte[]> record) {
    Subscription.Decoded<T> decoded;
    try {
      decoded = subscription.decode(record);
    } catch (RuntimeException e) {
      LOGGER.error(
          "subscriber={} poison record topic={} partition={} offset={}: {}",
          services.subscriber(),
          record.topic(),
          record.partition(),
          record.offset(),
          e.getMessage());
      return deadLetter(record, FailureTrail.first(e, services.clock().instant()));
    }
    if (!services.filter().test(decoded.event())) {
      subscription.filtered.inc();
      return CompletableFuture.completedFuture(true);
    }
    CompletableFuture<Boolean> done = new CompletableFuture<>();
    attempt(record, decoded, context(record, decoded.key()), null, done);
    return done;
  }

  private void attempt(
      ConsumerRecord<byte[], byte[]> record,
      Subscription.Decoded<T> decoded,
      EventContext context,
      FailureTrail trail,
      CompletableFuture<Boolean> done) {
    long started = System.nanoTime();
    subscription
        .invoke(decoded.event(), context)
        .whenComplete(
            (ignored, error) -> {
              if (error == null) {
                subscription.succeeded(System.nanoTime() - started);
                done.complete(true);
                return;
              }
              subscription.failed.inc();
              if (stopped.getAsBoolean()) {
                done.complete(false); // stopping: neither retried nor dead-lettered, redelivered
                return;
              }
              FailureTrail now =
                  trail == null
                      ? FailureTrail.first(error, services.clock().instant())
                      : trail.then(error, services.clock().instant());
              logFailure(decoded, context, now);
              if (now.kind() == Failures.Kind.RETRIABLE
                  && services.retry().allowsAnotherAttempt(now.attempts())) {
                retryLater(record, decoded, context.nextAttempt(), now, done);
              } else {
                deadLetter(record, now)
                    .whenComplete((ok, e) -> done.complete(Boolean.TRUE.equals(ok)));
              }
            });
  }

  private void retryLater(
      ConsumerRecord<byte[], byte[]> record,
      Subscription.Decoded<T> decoded,
      EventContext next,
      FailureTrail trail,
      CompletableFuture<Boolean> done) {
    Duration backoff = services.retry().backoffAfter(trail.attempts());
    afterWait(backoff)
        .thenRunAsync(
            () -> {
              if (stopped.getAsBoolean()) {
                done.complete(false); // the partition moved on; its next owner handles the event
              } else {
                attempt(record, decoded, next, trail, done);
              }
            },
            services.handlers())
        .exceptionally(
            e -> {
              done.complete(false); // the handler pool is shutting down
              return null;
            });
  }

  private CompletableFuture<Boolean> deadLetter(
      ConsumerRecord<byte[], byte[]> record, FailureTrail trail) {
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
    sendToDlq(dlq.get(), record, trail, done);
    return done;
  }

  private void sendToDlq(
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
                afterWait(services.retry().backoffAfter(services.retry().maxAttempts()))
                    .thenRunAsync(() -> sendToDlq(dlq, record, trail, done), services.handlers())
                    .exceptionally(
                        e -> {
                          done.complete(false);
                          return null;
                        });
              }
            });
  }

  private CompletableFuture<Void> afterWait(Duration wait) {
    CompletableFuture<Void> waited = new CompletableFuture<>();
    pendingWait = waited;
    try {
      services
          .timer()
          .schedule(() -> waited.complete(null), wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      waited.complete(null); // shutting down: the caller sees the stop and gives up
    }
    if (stopped.getAsBoolean()) {
      waited.complete(null);
    }
    return waited;
  }

  private EventContext context(ConsumerRecord<byte[], byte[]> record, String key) {
    return new EventContext(
        services.subscriber(),
        record.topic(),
        record.partition(),
        record.offset(),
        key,
        java.time.Instant.ofEpochMilli(record.timestamp()),
        1);
  }

  private void logFailure(
      Subscription.Decoded<T> decoded, EventContext context, FailureTrail trail) {
    LOGGER.warn(
        "subscriber={} handler failed type={} event={} key={} partition={} offset={} attempt={}"
            + " kind={}: {}",
        services.subscriber(),
        subscription.typeName,
        Events.eventId(decoded.event()).orElse("-"),
        context.key(),
        context.partition(),
        context.offset(),
        trail.attempts(),
        trail.kind(),
        trail.last().toString());
  }
}
