package ai.ringrift.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

/** {@code ringrift-service}: the services found on the classpath, and what it does with a name. */
class StandaloneServiceTest {
  private static final Runnable NOTHING = () -> {};

  /** Registered in this module's test {@code META-INF/services}. */
  public static final class EchoServices implements StandaloneService.Provider {
    @Override
    public List<StandaloneService> services() {
      return List.of(new StandaloneService("echo", "answers what it is told", NOTHING));
    }
  }

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int choose(String... args) {
    return ServiceMain.choose(
        args,
        StandaloneService.fromClasspath(),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void theServicesAreFoundWithTheServiceLoader() {
    SortedMap<String, StandaloneService> services = StandaloneService.fromClasspath();

    assertThat(services).containsOnlyKeys("echo");
    assertThat(services.get("echo").summary()).isEqualTo("answers what it is told");
  }

  @Test
  void aKnownNameIsRun() {
    assertThat(choose("echo")).isEqualTo(-1);
    assertThat(out.size() + err.size()).isZero();
  }

  @Test
  void helpListsTheServicesAndSucceeds() {
    assertThat(choose("--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .startsWith("usage: scripts/ringrift-service <service>")
        .containsPattern("\\n  echo +answers what it is told\\n");
  }

  @Test
  void noNameListsTheServicesAsAnError() {
    assertThat(choose()).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("echo");
    assertThat(out.size()).isZero();
  }

  @Test
  void anUnknownNameSaysSoInOneLineThenLists() {
    assertThat(choose("nope")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8).lines().findFirst().orElseThrow())
        .startsWith("ringrift-service: unknown service 'nope'");
  }

  @Test
  void twoServicesOfOneNameAreRefused() {
    StandaloneService.Provider twice = () -> List.of(new StandaloneService("x", "a", NOTHING));

    assertThatThrownBy(() -> StandaloneService.collect(List.of(twice, twice)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'x'");
  }
}
