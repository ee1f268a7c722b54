package ai.ringrift.client.subscribe;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.events.SelfplayBatchCompleted;
import ai.ringrift.events.catalog.TopicCatalog;
import com.codahale.metrics.MetricRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A subscriber in a process of its own, for the crash test: it appends the id of every event it
 * handles to a file; given a budget, it handles that many events and then hangs in its handlers (a
 * batch stuck mid-way) until the test kills it with SIGKILL.
 *
 * <p>Arguments: bootstrap servers, group, source to handle, log file, budget (-1 = unlimited).
 */
public final class SubscriberProcess {
  private SubscriberProcess() {}

  public static void main(String[] args) throws Exception {
    Path log = Path.of(args[3]);
    int budget = Integer.parseInt(args[4]);
    AtomicInteger left = new AtomicInteger(budget);
    CountDownLatch never = new CountDownLatch(1);
    EventSubscriber.builder()
        .name(args[1])
        .kafka(
            KafkaSettings.of(args[0])
                .with("session.timeout.ms", "6000")
                .with("heartbeat.interval.ms", "1000"))
        .catalog(TopicCatalog.packaged())
        .metrics(new MetricRegistry())
        .fromSources(args[2])
        .on(
            SelfplayBatchCompleted.class,
            (event, context) -> {
              if (budget >= 0 && left.getAndDecrement() <= 0) {
                never.await();
              }
              append(log, event.getHeader().getEventId());
            })
        .build()
        .start();
    never.await();
  }

  private static synchronized void append(Path log, String eventId) throws Exception {
    Files.writeString(
        log,
        eventId + "\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }
}
