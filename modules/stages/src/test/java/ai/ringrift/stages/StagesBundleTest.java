package ai.ringrift.stages;

import static org.assertj.core.api.Assertions.assertThat;

import ai.ringrift.runtime.daemon.ServiceBundles;
import org.junit.jupiter.api.Test;

/** The stages' bundle finds its daemons with ServiceLoader and is found the same way. */
class StagesBundleTest {
  @Test
  void theBundleOffersTheAllocatorAndTheFiveStageServices() {
    assertThat(new StagesBundle().daemons().names())
        .containsExactlyInAnyOrder(
            "bandwidth-allocator",
            "selfplay-sync",
            "export",
            "training",
            "evaluation",
            "promotion");
  }

  @Test
  void theBundleIsFoundOnTheClasspath() {
    ServiceBundles found = ServiceBundles.fromClasspath();

    assertThat(found.names()).containsExactly(StagesBundle.NAME);
    assertThat(found.daemons().names()).isEqualTo(new StagesBundle().daemons().names());
  }
}
