package ai.ringrift.client.history;

import static org.assertj.core.api.Assertions.assertThat;

import ai.ringrift.events.TrainingCompleted;
import ai.ringrift.testkit.SampleEvents;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class TimeMergeTest {
  static RecordedEvent<SpecificRecord> at(int partition, long offset, long millis) {
    return new RecordedEvent<>(
        "t",
        partition,
        offset,
        Instant.ofEpochMilli(millis),
        "square8_2p",
        SampleEvents.of(TrainingCompleted.class, (int) offset));
  }

  @Test
  void interleavesPartitionsByTime() {
    List<RecordedEvent<SpecificRecord>> merged =
        TimeMerge.merge(List.of(List.of(at(0, 0, 10), at(0, 1, 30)), List.of(at(1, 0, 20))));

    assertThat(merged).extracting(e -> e.timestamp().toEpochMilli()).containsExactly(10L, 20L, 30L);
  }

  @Test
  void neverReordersAPartitionWhoseClockWentBack() {
    List<RecordedEvent<SpecificRecord>> merged =
        TimeMerge.merge(List.of(List.of(at(0, 0, 50), at(0, 1, 5)), List.of(at(1, 0, 20))));

    assertThat(merged.stream().filter(e -> e.partition() == 0).map(RecordedEvent::offset))
        .containsExactly(0L, 1L);
  }
}
