package ai.ringrift.client.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventIdsTest {
  @Test
  void idsAreVersion4UuidsWithTheIetfVariant() {
    UUID id = UUID.fromString(EventIds.next());

    assertThat(id.version()).isEqualTo(4);
    assertThat(id.variant()).isEqualTo(2);
  }

  @Test
  void aHundredThousandIdsAreDistinct() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 100_000; i++) {
      ids.add(EventIds.next());
    }
    assertThat(ids).hasSize(100_000);
  }
}
