package ai.ringrift.streams;

import static org.assertj.core.api.Assertions.assertThat;

import ai.ringrift.runtime.daemon.ServiceBundles;
import ai.ringrift.streams.circuit.CircuitBreakerApp;
import ai.ringrift.streams.common.StreamsAppSpec;
import ai.ringrift.streams.promotion.PromotionControllerApp;
import ai.ringrift.streams.signals.SignalComputerApp;
import org.junit.jupiter.api.Test;

/** The Streams apps are found with ServiceLoader, in their start order, and bundled as daemons. */
class StreamsBundleTest {
  @Test
  void theAppsAreFoundInTheOrderTheyStart() {
    assertThat(StreamsApps.specs())
        .containsExactly(
            SignalComputerApp.SPEC, CircuitBreakerApp.SPEC, PromotionControllerApp.SPEC);
  }

  @Test
  void theBundleOffersEveryAppAsADaemonUnderItsName() {
    assertThat(new StreamsBundle().daemons().names())
        .containsExactlyInAnyOrderElementsOf(
            StreamsApps.specs().stream().map(StreamsAppSpec::name).toList())
        .contains("signal-computer", "circuit-breakers", "promotion-controller");
  }

  @Test
  void theBundleIsFoundOnTheClasspath() {
    assertThat(ServiceBundles.fromClasspath().names()).containsExactly(StreamsBundle.NAME);
  }
}
