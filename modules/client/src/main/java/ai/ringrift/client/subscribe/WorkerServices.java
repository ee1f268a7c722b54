package ai.ringrift.client.subscribe;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;

/**
 * What every partition worker of one subscriber shares.
 *
 * @param subscriber the subscriber's name
 * @param handlers threads running handlers
 * @param timer schedules retries after their backoff
 * @param deadLetters the DLQ writer
 * @param filter events to handle (others are skipped and committed)
 * @param retry retry bounds
 * @param clock failure times
 * @param halt the configuration error that stops every worker, once one met it
 */
record WorkerServices(
    String subscriber,
    ExecutorService handlers,
    ScheduledExecutorService timer,
    DeadLetterWriter deadLetters,
    Predicate<SpecificRecord> filter,
    RetrySettings retry,
    Clock clock,
    Halt halt) {}
