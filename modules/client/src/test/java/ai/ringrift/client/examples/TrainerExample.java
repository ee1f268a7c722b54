package ai.ringrift.client.examples;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.history.EventHistory;
import ai.ringrift.client.history.RecordedEvent;
import ai.ringrift.client.publish.EventPublisher;
import ai.ringrift.client.publish.PublishedEvent;
import ai.ringrift.client.publish.TrainingRun;
import ai.ringrift.client.serde.EventSerdes;
import ai.ringrift.client.serde.WireFormatMismatchException;
import ai.ringrift.client.subscribe.EventSubscriber;
import ai.ringrift.config.ConfigException;
import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.TrainingCompleted;
import ai.ringrift.events.TrainingProgress;
import ai.ringrift.events.catalog.TopicCatalog;
import ai.ringrift.events.contract.ConfigKeys;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The example of docs/trainer-authors.md ("Publishing from a trainer"): a dashboard subscribes, a
 * trainer publishes one training job, and the history shows what happened. Run it against {@code
 * scripts/ringrift up}:
 *
 * <pre>
 * java -cp "$(cat modules/admin/target/runtime-classpath.txt)" \
 *   modules/client/src/test/java/ai/ringrift/client/examples/TrainerExample.java [bootstrap]
 * </pre>
 *
 * It uses the schema registry where {@code up} runs it ({@code RINGRIFT_SCHEMA_REGISTRY_URL} names
 * another), so its events are Confluent-framed Avro like every event of the platform.
 */
public final class TrainerExample {
  private TrainerExample() {}

  public static void main(String[] args) throws Exception {
    // the schema registry: RINGRIFT_SCHEMA_REGISTRY_URL, else wire.schemaRegistryUrl of
    // config/client.yaml, http://localhost:8081, where `scripts/ringrift up` runs it
    KafkaSettings kafka = KafkaSettings.of(args.length > 0 ? args[0] : "localhost:9092");
    try {
      System.out.println("handled: " + run(kafka));
    } catch (WireFormatMismatchException | ConfigException e) {
      // a client configured for another wire format than the cluster's: nothing was written
      System.err.println("TrainerExample: " + e.getMessage());
      System.exit(1);
    }
  }

  /**
   * Runs the example; returns what the dashboard handled, in its order (in order per topic: the
   * progress events of one config stay in order, the completion may come before them).
   */
  public static List<String> run(KafkaSettings kafka) throws InterruptedException {
    ConfigKey config = ConfigKeys.parse("square8_2p");
    String job = "job-" + UUID.randomUUID().toString().substring(0, 8);
    List<String> handled = new java.util.concurrent.CopyOnWriteArrayList<>();
    CountDownLatch done = new CountDownLatch(4); // three epochs and the completion

    // A dashboard: one consumer group, a handler per event type, this job's events only.
    try (EventSubscriber dashboard =
            EventSubscriber.builder()
                .name("dashboard-example")
                .kafka(kafka)
                .filter(e -> e.toString().contains(job))
                .on(
                    TrainingProgress.class,
                    (event, context) -> {
                      handled.add("progress " + event.getEpoch() + "/" + event.getTotalEpochs());
                      done.countDown();
                    })
                .on(
                    TrainingCompleted.class,
                    (event, context) -> {
                      handled.add("completed " + event.getModelId());
                      done.countDown();
                    })
                .build()
                .start();
        // A trainer: the source names it in every event it publishes.
        EventPublisher publisher =
            EventPublisher.builder().kafka(kafka).source("trainer@gpu-node-3").build()) {
      TrainingRun run = publisher.trainingRun(config, job);
      run.started("data/square8_2p.npz", "models/square8_2p-candidate.pth", 3).join();
      for (int epoch = 1; epoch <= 3; epoch++) {
        run.progress(epoch, 3, 1.0 / epoch, null); // asynchronous: no need to wait
      }
      PublishedEvent completed =
          run.completed(
                  "model-42",
                  "models/square8_2p-candidate.pth",
                  3,
                  0.33,
                  85_000,
                  Duration.ofMinutes(42))
              .join(); // synchronous: acknowledged by every in-sync replica
      System.out.println("published " + completed);
      if (!done.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the dashboard did not see the job within 60 s");
      }
    }

    // What happened, read back from the topic (no consumer group is involved).
    TopicCatalog catalog = TopicCatalog.packaged();
    EventHistory history = new EventHistory(kafka, catalog, EventSerdes.from(kafka, catalog));
    for (RecordedEvent<TrainingProgress> e : history.recentEvents(TrainingProgress.class, 3)) {
      System.out.println(e.timestamp() + " " + e.key() + " epoch " + e.event().getEpoch());
    }
    return handled;
  }
}
