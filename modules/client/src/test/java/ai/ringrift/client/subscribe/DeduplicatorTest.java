package ai.ringrift.client.subscribe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.ringrift.events.TrainingCompleted;
import ai.ringrift.testkit.ManualClock;
import ai.ringrift.testkit.SampleEvents;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class DeduplicatorTest {
  static final EventContext CONTEXT =
      new EventContext("test", "topic", 0, 0, "square8_2p", java.time.Instant.EPOCH, 1);

  @Test
  void handlesAnEventOnceAndSkipsItsRepeat() throws Exception {
    Deduplicator dedup = new Deduplicator(10);
    List<String> handled = new ArrayList<>();
    EventHandler<TrainingCompleted> handler =
        dedup.wrap((e, c) -> handled.add(e.getHeader().getEventId()));
    TrainingCompleted event = SampleEvents.of(TrainingCompleted.class, 1);

    handler.handle(event, CONTEXT);
    handler.handle(event, CONTEXT);

    assertThat(handled).containsExactly(event.getHeader().getEventId());
    assertThat(dedup.skipped()).isEqualTo(1);
  }

  @Test
  void handlesTwoEventsWithTheSameContentButDifferentIds() throws Exception {
    Deduplicator dedup = new Deduplicator(10);
    List<String> handled = new ArrayList<>();
    EventHandler<TrainingCompleted> handler =
        dedup.wrap((e, c) -> handled.add(e.getHeader().getEventId()));
    TrainingCompleted first = SampleEvents.of(TrainingCompleted.class, 1);
    TrainingCompleted second =
        TrainingCompleted.newBuilder(first)
            .setHeader(
                ai.ringrift.events.EventHeader.newBuilder(first.getHeader())
                    .setEventId("other")
                    .build())
            .build();

    handler.handle(first, CONTEXT);
    handler.handle(second, CONTEXT);

    assertThat(handled).hasSize(2);
  }

  @Test
  void doesNotRememberAnEventWhoseHandlerFailed() throws Exception {
    Deduplicator dedup = new Deduplicator(10);
    int[] calls = {0};
    EventHandler<TrainingCompleted> handler =
        dedup.wrap(
            (e, c) -> {
              if (++calls[0] == 1) {
                throw new IOException("transient");
              }
            });
    TrainingCompleted event = SampleEvents.of(TrainingCompleted.class, 1);

    assertThatThrownBy(() -> handler.handle(event, CONTEXT)).isInstanceOf(IOException.class);
    handler.handle(event, CONTEXT);

    assertThat(calls[0]).isEqualTo(2);
    assertThat(dedup.seen(event.getHeader().getEventId())).isTrue();
  }

  @Test
  void forgetsTheOldestIdBeyondItsCapacity() {
    Deduplicator dedup = new Deduplicator(2);
    dedup.remember("a");
    dedup.remember("b");
    dedup.remember("c");

    assertThat(dedup.seen("a")).isFalse();
    assertThat(dedup.seen("b")).isTrue();
    assertThat(dedup.seen("c")).isTrue();
    assertThat(dedup.size()).isEqualTo(2);
  }

  @Test
  void asyncHandlerIsRememberedWhenItsStageCompletes() throws Exception {
    Deduplicator dedup = new Deduplicator(10);
    CompletableFuture<Void> work = new CompletableFuture<>();
    AsyncEventHandler<TrainingCompleted> handler = dedup.wrapAsync((e, c) -> work);
    TrainingCompleted event = SampleEvents.of(TrainingCompleted.class, 1);

    handler.handle(event, CONTEXT);
    assertThat(dedup.seen(event.getHeader().getEventId())).isFalse();
    work.complete(null);

    assertThat(dedup.seen(event.getHeader().getEventId())).isTrue();
  }

  @Test
  void remembersAnIdForTheWindowAndHandlesALaterCopyAgain() throws Exception {
    ManualClock clock = ManualClock.standing();
    Deduplicator dedup = new Deduplicator(10, Duration.ofHours(168), clock);
    List<String> handled = new ArrayList<>();
    EventHandler<TrainingCompleted> handler =
        dedup.wrap((e, c) -> handled.add(e.getHeader().getEventId()));
    TrainingCompleted event = SampleEvents.of(TrainingCompleted.class, 1);

    handler.handle(event, CONTEXT);
    clock.advance(Duration.ofHours(168).minusMillis(1));
    handler.handle(event, CONTEXT); // a copy inside the window
    clock.advance(Duration.ofMillis(1));
    handler.handle(event, CONTEXT); // a copy exactly a window later counts as a new event

    assertThat(handled).hasSize(2);
    assertThat(dedup.skipped()).isEqualTo(1);
  }

  @Test
  void dropsExpiredIdsWhenItRemembersNewOnes() {
    ManualClock clock = ManualClock.standing();
    Deduplicator dedup = new Deduplicator(10, Duration.ofMinutes(10), clock);
    dedup.remember("a");
    clock.advance(Duration.ofMinutes(5));
    dedup.remember("b");
    clock.advance(Duration.ofMinutes(6));
    dedup.remember("c");

    assertThat(dedup.size()).isEqualTo(2);
    assertThat(dedup.seen("a")).isFalse();
    assertThat(dedup.seen("b")).isTrue();
  }

  @Test
  void takesItsWindowAndCapacityFromTheConfig() {
    ManualClock clock = ManualClock.standing();
    Deduplicator dedup = Deduplicator.from(DedupSettings.defaults(), clock);
    dedup.remember("a");
    clock.advance(DedupSettings.defaults().window().minusSeconds(1));
    assertThat(dedup.seen("a")).isTrue();
    clock.advanceSeconds(1);
    assertThat(dedup.seen("a")).isFalse();
  }
}
