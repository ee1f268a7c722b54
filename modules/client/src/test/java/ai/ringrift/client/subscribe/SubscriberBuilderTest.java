package ai.ringrift.client.subscribe;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.events.TrainingCompleted;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;

class SubscriberBuilderTest {
  static final EventHandler<TrainingCompleted> NOTHING = (e, c) -> {};

  @Test
  void needsAName() {
    assertThatThrownBy(() -> EventSubscriber.builder().on(TrainingCompleted.class, NOTHING).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("needs a name");
  }

  @Test
  void rejectsANameThatCannotBeAGroupOrMetricName() {
    assertThatThrownBy(
            () ->
                EventSubscriber.builder()
                    .name("has spaces")
                    .on(TrainingCompleted.class, NOTHING)
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'has spaces'");
  }

  @Test
  void needsAHandler() {
    assertThatThrownBy(() -> EventSubscriber.builder().name("idle").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("has no handler");
  }

  @Test
  void takesOneHandlerPerType() {
    assertThatThrownBy(
            () ->
                EventSubscriber.builder()
                    .on(TrainingCompleted.class, NOTHING)
                    .on(TrainingCompleted.class, NOTHING))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("TrainingCompleted has a handler already");
  }

  @Test
  void theLoopGuardNeedsASource() {
    assertThatThrownBy(
            () ->
                EventSubscriber.builder()
                    .name("guarded")
                    .kafka(KafkaSettings.of("localhost:1"))
                    .ignoreOwnEvents()
                    .on(TrainingCompleted.class, NOTHING)
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ignores its own events but has no source");
  }

  @Test
  void aTypeWithoutACatalogTopicIsRejected() {
    assertThatThrownBy(
            () ->
                EventSubscriber.builder()
                    .name("strange")
                    .kafka(KafkaSettings.of("localhost:1"))
                    .on(Unlisted.class, (e, c) -> {})
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has no topic in the catalog");
  }

  /** A record type the catalog does not carry. */
  abstract static class Unlisted extends SpecificRecordBase {}
}
