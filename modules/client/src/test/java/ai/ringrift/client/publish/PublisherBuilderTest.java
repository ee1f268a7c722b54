package ai.ringrift.client.publish;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.ringrift.client.KafkaSettings;
import org.junit.jupiter.api.Test;

class PublisherBuilderTest {
  @Test
  void aPublisherWithoutASourceFailsWhenBuilt() {
    assertThatThrownBy(
            () -> EventPublisher.builder().kafka(KafkaSettings.of("localhost:1")).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("needs a source")
        .hasMessageContaining("source(\"trainer@gpu-node-3\")");
  }

  @Test
  void aBlankSourceIsNoSource() {
    assertThatThrownBy(
            () ->
                EventPublisher.builder()
                    .kafka(KafkaSettings.of("localhost:1"))
                    .source("  ")
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("needs a source");
  }
}
