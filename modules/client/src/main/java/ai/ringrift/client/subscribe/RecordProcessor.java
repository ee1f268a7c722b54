package ai.ringrift.client.subscribe;

import ai.ringrift.client.serde.WireFormatMismatchException;
import ai.ringrift.events.contract.Events;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
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

  private static final CompletableFuture<Void> FILTERED = CompletableFuture.completedFuture(null);

  private final Subscription<T> subscription;
  private final WorkerServices services;
  private final BooleanSupplier stopped;
  private final Backoff backoff;
  private final DeadLetterStep deadLetters;
  private final Supplier<List<ConsumerRecord<byte[], byte[]>>> waiting;

  RecordProcessor(
      Subscription<T> subscription,
      WorkerServices services,
      BooleanSupplier stopped,
      Supplier<List<ConsumerRecord<byte[], byte[]>>> waiting) {
    this.subscription = subscription;
    this.waiting = waiting;
    this.services = services;
    this.stopped = stopped;
    this.backoff = new Backoff(services.timer(), stopped);
    this.deadLetters = new DeadLetterStep(subscription, services, backoff, stopped);
  }

  /** Ends a retry backoff at once (the worker was stopped: the retry is abandoned). */
  void interruptWait() {
    backoff.interrupt();
  }

  CompletableFuture<Boolean> process(ConsumerRecord<byte[], byte[]> record) {
    if (RedriveTarget.isForAnother(record.headers(), services.subscriber())) {
      LOGGER.debug(
          "subscriber={} topic={} partition={} offset={} skipped: redriven for {}",
          services.subscriber(),
          record.topic(),
          record.partition(),
          record.offset(),
          RedriveTarget.of(record.headers()).orElse("?"));
      subscription.filtered.inc();
      return CompletableFuture.completedFuture(true);
    }
    Subscription.Decoded<T> decoded;
    try {
      decoded = subscription.decode(record);
    } catch (RuntimeException e) {
      if (Failures.classify(e) == Failures.Kind.MISCONFIGURED) {
        return halt(record, e);
      }
      LOGGER.error(
          "subscriber={} poison record topic={} partition={} offset={}: {}",
          services.subscriber(),
          record.topic(),
          record.partition(),
          record.offset(),
          e.getMessage());
      return deadLetters.send(record, FailureTrail.first(e, services.clock().instant()));
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
    CompletionStage<?> stage = filteredOrHandled(decoded, context);
    stage.whenComplete(
        (ignored, error) -> {
          if (stage == FILTERED) {
            subscription.filtered.inc();
            done.complete(true);
          } else if (error == null) {
            subscription.succeeded(System.nanoTime() - started);
            done.complete(true);
          } else {
            failed(record, decoded, context, trail, error, done);
          }
        });
  }

  /**
   * The handler's stage, or {@link #FILTERED} when the filters skip the event. A filter that throws
   * fails the attempt as a handler would (retried, then dead-lettered): it cannot wedge the
   * partition.
   */
  private CompletionStage<?> filteredOrHandled(
      Subscription.Decoded<T> decoded, EventContext context) {
    try {
      if (!services.filter().test(decoded.event())) {
        return FILTERED;
      }
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return subscription.invoke(decoded.event(), context, this::backlog);
  }

  /** The records waiting behind, as they will reach the handler (see BacklogHandler.Backlog). */
  private List<T> backlog() {
    List<T> events = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record : waiting.get()) {
      if (RedriveTarget.isForAnother(record.headers(), services.subscriber())) {
        continue;
      }
      try {
        T event = subscription.decode(record).event();
        if (services.filter().test(event)) {
          events.add(event);
        }
      } catch (RuntimeException e) {
        // poison or a failing filter: dealt with in the record's own turn
      }
    }
    return events;
  }

  private void failed(
      ConsumerRecord<byte[], byte[]> record,
      Subscription.Decoded<T> decoded,
      EventContext context,
      FailureTrail trail,
      Throwable error,
      CompletableFuture<Boolean> done) {
    if (Failures.unwrap(error) instanceof HandBackException handedBack) {
      LOGGER.debug(
          "subscriber={} handed back type={} partition={} offset={}: {}",
          services.subscriber(),
          subscription.typeName,
          context.partition(),
          context.offset(),
          handedBack.getMessage());
      done.complete(false); // not a failure: uncommitted, the next owner handles it
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
    if (now.kind() == Failures.Kind.MISCONFIGURED) {
      halt(record, error).thenAccept(done::complete);
      return;
    }
    logFailure(decoded, context, now);
    if (now.kind() == Failures.Kind.RETRIABLE
        && services.retry().allowsAnotherAttempt(now.attempts())) {
      retryLater(record, decoded, context.nextAttempt(), now, done);
    } else {
      deadLetters.send(record, now).whenComplete((ok, e) -> done.complete(Boolean.TRUE.equals(ok)));
    }
  }

  /**
   * Stops the subscriber on a configuration error: the record is neither dead-lettered nor
   * committed, so it is read again once the setting is fixed.
   */
  private CompletableFuture<Boolean> halt(ConsumerRecord<byte[], byte[]> record, Throwable error) {
    WireFormatMismatchException mismatch = Failures.misconfiguration(error);
    LOGGER.error(
        "subscriber={} stopping at topic={} partition={} offset={} (not dead-lettered, not"
            + " committed): {}",
        services.subscriber(),
        record.topic(),
        record.partition(),
        record.offset(),
        mismatch.getMessage());
    services.halt().set(mismatch);
    return CompletableFuture.completedFuture(false);
  }

  private void retryLater(
      ConsumerRecord<byte[], byte[]> record,
      Subscription.Decoded<T> decoded,
      EventContext next,
      FailureTrail trail,
      CompletableFuture<Boolean> done) {
    Duration wait = services.retry().backoffAfter(trail.attempts());
    backoff
        .after(wait)
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
