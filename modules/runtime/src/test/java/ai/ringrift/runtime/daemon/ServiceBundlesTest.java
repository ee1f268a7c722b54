package ai.ringrift.runtime.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Assembling a run's daemons from bundles: found on the classpath, replaced by name, merged. */
class ServiceBundlesTest {
  /** A bundle found through this module's test {@code META-INF/services}. */
  public static final class EchoBundle implements ServiceBundle {
    @Override
    public String name() {
      return "echo";
    }

    @Override
    public DaemonCatalog daemons() {
      return catalog("echo-1", "echo-2");
    }
  }

  record Named(String name, DaemonCatalog daemons) implements ServiceBundle {}

  static DaemonCatalog catalog(String... names) {
    DaemonCatalog catalog = DaemonCatalog.empty();
    for (String name : names) {
      catalog =
          catalog.with(name, context -> new ScriptedDaemon(ScriptedDaemon.Script.CRASH, null));
    }
    return catalog;
  }

  /** {@code run} with a bundle of one daemon for each (bundle name, daemon name) pair. */
  static ServiceBundles add(ServiceBundles run, String... bundleAndDaemon) {
    for (int i = 0; i < bundleAndDaemon.length; i += 2) {
      run = run.with(new Named(bundleAndDaemon[i], catalog(bundleAndDaemon[i + 1])));
    }
    return run;
  }

  @Test
  void bundlesRegisteredInMetaInfServicesAreFound() {
    ServiceBundles found = ServiceBundles.fromClasspath();

    assertThat(found.names()).containsExactly("echo");
    assertThat(found.daemons().names()).containsExactly("echo-1", "echo-2");
  }

  @Test
  void aBundleTakesThePlaceOfTheOneOfTheSameName() {
    ServiceBundles run =
        add(ServiceBundles.fromClasspath(), "other", "other-1", "echo", "echo-shared");

    assertThat(run.names()).containsExactly("echo", "other");
    assertThat(run.daemons().names()).isEqualTo(Set.of("echo-shared", "other-1"));
  }

  @Test
  void aDaemonTwoBundlesOfferIsAnError() {
    ServiceBundles run = add(ServiceBundles.none(), "a", "export", "b", "export");

    assertThatThrownBy(run::daemons)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("daemon export is registered twice");
  }
}
