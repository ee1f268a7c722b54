package ai.ringrift.admin;

import static org.assertj.core.api.Assertions.assertThat;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.serde.EventSerdes;
import ai.ringrift.config.ConfigSource;
import ai.ringrift.events.TrainingCompleted;
import ai.ringrift.events.catalog.TopicCatalog;
import ai.ringrift.testkit.SampleEvents;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ringrift up} as a user runs it: a separate JVM with the training loop running, stopped
 * with SIGTERM (it prints its summary and stops cleanly), restarted on the same data directory.
 */
class UpCommandProcessIT {
  static final String TOPIC = "ringrift.training.completed";
  @TempDir Path dir;

  @Test
  void stopsCleanlyOnSigtermAndKeepsItsDataForTheNextRun() throws Exception {
    TrainingCompleted event = SampleEvents.of(TrainingCompleted.class, 42);
    int partition;

    Running first = Running.start(dir);
    EventSerdes serdes = first.serdes();
    try (var producer =
        new KafkaProducer<>(
            Map.<String, Object>of("bootstrap.servers", first.bootstrap, "acks", "all"),
            serdes.key().serializer(),
            serdes.value(TrainingCompleted.class).serializer())) {
      partition = producer.send(new ProducerRecord<>(TOPIC, "square8_2p", event)).get().partition();
    }
    assertThat(first.stop()).as("exit code after SIGTERM").isIn(0, 143);
    assertThat(first.output).anyMatch(line -> line.startsWith("stopped; data kept in"));
    assertThat(first.output)
        .as("the loop's summary")
        .anyMatch(line -> line.startsWith("summary after"));
    assertThat(first.output)
        .anyMatch(line -> line.contains("topic catalog:") && line.contains("created"));

    Running second = Running.start(dir);
    serdes = second.serdes(); // its registry on another port, with the same schemas and ids
    try (var consumer =
        new KafkaConsumer<>(
            Map.<String, Object>of("bootstrap.servers", second.bootstrap),
            serdes.key().deserializer(),
            serdes.value(TrainingCompleted.class).deserializer())) {
      TopicPartition tp = new TopicPartition(TOPIC, partition);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      List<TrainingCompleted> read = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (!read.contains(event) && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> read.add(r.value()));
      }
      // the first run's loop trained models too: ours is there once, among theirs
      assertThat(read).containsOnlyOnce(event);
    } finally {
      second.stop();
    }
    assertThat(second.output)
        .anyMatch(line -> line.contains("0 created") && line.contains("unchanged"));
    assertThat(first.output)
        .anyMatch(
            line ->
                line.startsWith("schema registry up at http://") && line.contains("registered"));
  }

  /** One `ringrift up` process and every line it printed. */
  static final class Running {
    static final String READY = "ready: bootstrap servers ";
    static final String REGISTRY = "schema registry up at ";
    final Process process;
    final List<String> output = new CopyOnWriteArrayList<>();
    final String bootstrap;
    final Thread reader;

    private Running(Path dir) throws Exception {
      process =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Dringrift.log.dir=" + dir.resolve("logs"),
                  "-cp",
                  System.getProperty("java.class.path"),
                  Ringrift.class.getName(),
                  "up",
                  "--data-dir",
                  dir.toString(),
                  "--port",
                  "0",
                  "--controller-port",
                  "0",
                  "--registry-port",
                  "0",
                  "--http-port",
                  "0",
                  "--configs",
                  "square8_2p")
              .redirectErrorStream(true)
              .start();
      BlockingQueue<String> lines = new LinkedBlockingQueue<>();
      reader =
          new Thread(
              () -> {
                try (var in =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                  for (String line; (line = in.readLine()) != null; ) {
                    output.add(line);
                    lines.add(line);
                  }
                } catch (IOException e) {
                  // the process ended
                }
              });
      reader.setDaemon(true);
      reader.start();
      bootstrap = awaitReady(lines);
    }

    static Running start(Path dir) throws Exception {
      return new Running(dir);
    }

    /** The URL of its schema registry, as it printed it. */
    String registryUrl() {
      return output.stream()
          .filter(line -> line.startsWith(REGISTRY))
          .map(line -> line.substring(REGISTRY.length()).split("[ ,]")[0])
          .findFirst()
          .orElseThrow(() -> new AssertionError("no registry URL in:\n" + output));
    }

    /** The serdes of a client of this platform: Confluent-framed through its registry. */
    EventSerdes serdes() {
      return EventSerdes.from(
          KafkaSettings.of(bootstrap).withSchemaRegistry(registryUrl()),
          ConfigSource.packaged(),
          TopicCatalog.packaged());
    }

    private String awaitReady(BlockingQueue<String> lines) throws InterruptedException {
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while (System.nanoTime() < deadline && (process.isAlive() || !lines.isEmpty())) {
        String line = lines.poll(1, TimeUnit.SECONDS);
        if (line != null && line.startsWith(READY)) {
          return line.substring(READY.length()).split(" ")[0];
        }
      }
      process.destroyForcibly();
      throw new AssertionError(
          "ringrift up did not become ready; output:\n" + String.join("\n", output));
    }

    int stop() throws InterruptedException {
      process
          .toHandle()
          .destroy(); // SIGTERM; Process.destroy() would also close our end of its output
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("ringrift up did not stop within 60 s of SIGTERM");
      }
      reader.join(10_000); // the last lines, printed while stopping
      return process.exitValue();
    }
  }
}
