package ai.ringrift.benchmarks.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HopMatcherTest {
  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
  private final HopMatcher hops = new HopMatcher();

  @Test
  void timesAnAnswerReadAfterItsTrigger() {
    hops.trigger(Hop.BATCH_TO_SYNC, "b1", 100 * MS, true);
    hops.reply(Hop.BATCH_TO_SYNC, "b1", 130 * MS);

    assertThat(hops.latencies(Hop.BATCH_TO_SYNC).getTotalCount()).isEqualTo(1);
    assertThat(hops.latencies(Hop.BATCH_TO_SYNC).getMaxValue()).isBetween(29_900L, 30_100L);
    assertThat(hops.unanswered(Hop.BATCH_TO_SYNC)).isZero();
    assertThat(hops.answeredEarly(Hop.BATCH_TO_SYNC)).isZero();
  }

  @Test
  void anAnswerReadBeforeItsTriggerAnswersIt() {
    // a reader behind on many partitions: the sync's partition came first in the poll
    hops.reply(Hop.BATCH_TO_SYNC, "b1", 100 * MS);
    hops.trigger(Hop.BATCH_TO_SYNC, "b1", 100 * MS, true);

    assertThat(hops.unanswered(Hop.BATCH_TO_SYNC)).isZero();
    assertThat(hops.answeredEarly(Hop.BATCH_TO_SYNC)).isEqualTo(1);
    assertThat(hops.latencies(Hop.BATCH_TO_SYNC).getTotalCount()).isZero();
  }

  @Test
  void aTriggerWithNoAnswerStaysUnansweredUntilForgotten() {
    hops.trigger(Hop.EVALUATED_TO_DECIDED, "e1", 0, true);
    hops.reply(Hop.EVALUATED_TO_DECIDED, "someone-else", MS);
    hops.forget(TimeUnit.SECONDS.toNanos(60));
    assertThat(hops.unanswered(Hop.EVALUATED_TO_DECIDED)).isEqualTo(1);

    hops.forget(TimeUnit.SECONDS.toNanos(121));
    assertThat(hops.unanswered(Hop.EVALUATED_TO_DECIDED)).isZero();
  }

  @Test
  void anEarlyAnswerWhoseTriggerNeverComesIsForgotten() {
    hops.reply(Hop.TRAINED_TO_EVALUATING, "t-before-the-window", 0);
    hops.forget(TimeUnit.SECONDS.toNanos(121));
    hops.trigger(
        Hop.TRAINED_TO_EVALUATING, "t-before-the-window", TimeUnit.SECONDS.toNanos(122), true);

    assertThat(hops.answeredEarly(Hop.TRAINED_TO_EVALUATING)).isZero();
    assertThat(hops.unanswered(Hop.TRAINED_TO_EVALUATING)).isEqualTo(1);
  }

  @Test
  void onlyTheWindowsTriggersAreCounted() {
    hops.trigger(Hop.BATCH_TO_SYNC, "before", 0, false);
    hops.reply(Hop.BATCH_TO_SYNC, "before", MS);
    hops.reply(Hop.BATCH_TO_SYNC, "early-before", MS);
    hops.trigger(Hop.BATCH_TO_SYNC, "early-before", 2 * MS, false);

    assertThat(hops.latencies(Hop.BATCH_TO_SYNC).getTotalCount()).isZero();
    assertThat(hops.answeredEarly(Hop.BATCH_TO_SYNC)).isZero();
    assertThat(hops.unanswered(Hop.BATCH_TO_SYNC)).isZero();
  }

  @Test
  void hopsAreMatchedApart() {
    hops.reply(Hop.BATCH_TO_SYNC, "x", 0);
    hops.trigger(Hop.SYNC_TO_EXPORT, "x", MS, true);

    assertThat(hops.answeredEarly(Hop.SYNC_TO_EXPORT)).isZero();
    assertThat(hops.unanswered(Hop.SYNC_TO_EXPORT)).isEqualTo(1);
  }
}
