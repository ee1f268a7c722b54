package ai.ringrift.admin.events;

import static org.assertj.core.api.Assertions.assertThat;

import ai.ringrift.admin.events.OffsetRanges.Position;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OffsetRangesTest {
  @Test
  void writesRunsOfOffsetsPerPartitionInOrder() {
    List<Position> positions = new ArrayList<>();
    for (long o = 19; o >= 12; o--) {
      positions.add(new Position(0, o));
    }
    positions.add(new Position(0, 25));
    positions.add(new Position(1, 3));
    positions.add(new Position(0, 27));
    positions.add(new Position(0, 28));

    assertThat(OffsetRanges.describe(positions))
        .isEqualTo("partition 0: offsets 12-19, 25, 27-28; partition 1: offset 3");
  }

  @Test
  void aThousandDeadLettersInARowAreOneRange() {
    List<Position> positions = new ArrayList<>();
    for (long o = 0; o < 1000; o++) {
      positions.add(new Position(0, o));
    }
    positions.add(new Position(0, 500)); // the same record twice counts once

    assertThat(OffsetRanges.describe(positions)).isEqualTo("partition 0: offsets 0-999");
  }

  @Test
  void describesNothingAsEmpty() {
    assertThat(OffsetRanges.describe(List.of())).isEmpty();
  }
}
