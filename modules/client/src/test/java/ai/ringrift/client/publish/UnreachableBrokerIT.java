package ai.ringrift.client.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.serde.EventSerdes;
import ai.ringrift.events.TrainingFailed;
import ai.ringrift.events.catalog.TopicCatalog;
import ai.ringrift.testkit.SampleEvents;
import com.codahale.metrics.MetricRegistry;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** With no broker listening, publishing fails after the bounded wait with a clear message. */
class UnreachableBrokerIT {
  @Test
  void publishingToAnUnreachableBrokerFailsAfterTheBoundedWait() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort(); // free once closed: nothing listens there
    }
    try (EventPublisher publisher =
        EventPublisher.builder()
            .kafka(KafkaSettings.of("localhost:" + port))
            // no registry either: plain Avro by name, so that the broker is what is missing
            .serdes(EventSerdes.plainAvro(TopicCatalog.packaged()))
            .source("trainer@nowhere")
            .settings(PublisherSettings.defaults().withMaxBlock(Duration.ofMillis(1500)))
            .metrics(new MetricRegistry())
            .build()) {
      assertThatThrownBy(() -> publisher.publishSync(SampleEvents.of(TrainingFailed.class, 1)))
          .isInstanceOf(PublishException.class)
          .hasMessageContaining("could not publish TrainingFailed")
          .hasMessageContaining("ringrift.training.failed")
          .hasMessageContaining("maxBlockMs=1500")
          .hasMessageContaining("localhost:" + port + " reachable");

      CompletableFuture<PublishedEvent> async =
          publisher.publish(SampleEvents.of(TrainingFailed.class, 2));
      assertThatThrownBy(async::get)
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(PublishException.class);
      assertThat(((PublishException) catchCause(async)).topic())
          .isEqualTo("ringrift.training.failed");
    }
  }

  private static Throwable catchCause(CompletableFuture<?> future) {
    try {
      future.get();
      throw new AssertionError("expected a failure");
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
