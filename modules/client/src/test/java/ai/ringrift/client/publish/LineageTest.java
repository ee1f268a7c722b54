package ai.ringrift.client.publish;

import static org.assertj.core.api.Assertions.assertThat;

import ai.ringrift.events.EventHeader;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LineageTest {
  @Test
  void aReactionToTheFirstEventOfAChainCorrelatesToIt() {
    EventHeader first =
        new EventHeader("e1", "selfplay@h1", Instant.EPOCH, "trace-1", null, null, 7L);

    Lineage reaction = Lineage.reactingTo(first);

    assertThat(reaction).isEqualTo(new Lineage("trace-1", "e1", "e1", 7L));
  }

  @Test
  void aReactionFurtherDownKeepsTheChainsCorrelationAndNamesItsDirectCause() {
    EventHeader second =
        new EventHeader("e2", "export@h2", Instant.EPOCH, "trace-1", "e1", "e1", null);

    Lineage reaction = Lineage.reactingTo(second);

    assertThat(reaction).isEqualTo(new Lineage("trace-1", "e1", "e2", null));
  }

  @Test
  void freshLineagesStartNewTraces() {
    assertThat(Lineage.fresh().traceId()).isNotEqualTo(Lineage.fresh().traceId());
    assertThat(Lineage.fresh().causationId()).isNull();
  }
}
