package ai.ringrift.stages.bandwidth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import ai.ringrift.config.ConfigSource;
import ai.ringrift.events.TransferPriority;
import ai.ringrift.stages.bandwidth.BandwidthAllocator.Round;
import ai.ringrift.testkit.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The allocator's rules, with the repository's limits (the original's numbers). */
class BandwidthAllocatorTest {
  static final BandwidthSettings SETTINGS =
      BandwidthSettings.load(ConfigSource.directory(Path.of("../../config")));
  final ManualClock clock = ManualClock.standing();
  final BandwidthAllocator allocator = new BandwidthAllocator(SETTINGS, clock);

  @Test
  void theRepositoryLimitsAreTheOriginals() {
    assertThat(SETTINGS.limits())
        .isEqualTo(new BandwidthLimits(25_000, 150_000, 50_000, 300_000, 5, 12, 1_000));
    assertThat(SETTINGS.grantTtl()).isEqualTo(Duration.ofSeconds(3600));
  }

  /**
   * One tick over live grants ("host:kbps") and waiting requests ("id host PRIORITY kbps", in
   * arrival order) grants exactly these ("id=kbps"; everything else waits).
   */
  static Stream<Arguments> oneTick() {
    return Stream.of(
        arguments("0 KB/s asks for the default", "", "r1 h1 NORMAL 0", "r1=25000"),
        arguments("a small ask gets what it asked", "", "r1 h1 NORMAL 4000", "r1=4000"),
        arguments("an ask is capped by the host", "", "r1 h1 NORMAL 200000", "r1=50000"),
        arguments(
            "two defaults fill a host",
            "",
            "r1 h1 LOW 0,r2 h1 LOW 0,r3 h1 LOW 0",
            "r1=25000,r2=25000"),
        arguments("the rest of a host is granted", "h1:40000", "r1 h1 NORMAL 0", "r1=10000"),
        arguments("less than the minimum waits", "h1:49500", "r1 h1 NORMAL 0", ""),
        arguments("a small ask fits a small rest", "h1:49500", "r1 h1 NORMAL 400", "r1=400"),
        arguments(
            "five transfers per host",
            "h1:1000,h1:1000,h1:1000,h1:1000",
            "r1 h1 NORMAL 1000,r2 h1 NORMAL 1000",
            "r1=1000"),
        arguments(
            "twelve transfers in the cluster",
            "h1:1,h2:1,h3:1,h4:1,h5:1,h6:1,h7:1,h8:1,h9:1,h10:1,h11:1",
            "r1 h12 NORMAL 1000,r2 h13 NORMAL 1000",
            "r1=1000"),
        arguments(
            "300 000 KB/s in the cluster",
            "h1:50000,h2:50000,h3:50000,h4:50000,h5:50000,h6:30000",
            "r1 h7 NORMAL 0,r2 h8 NORMAL 0",
            "r1=20000"),
        arguments(
            "CRITICAL first, though it came last",
            "h1:25000",
            "r1 h1 NORMAL 0,r2 h1 HIGH 0,r3 h1 CRITICAL 0",
            "r3=25000"),
        arguments(
            "same priority: first come first served",
            "",
            "r1 h1 HIGH 30000,r2 h1 HIGH 30000",
            "r1=30000,r2=20000"),
        arguments(
            "a full host does not hold up other hosts",
            "h1:50000",
            "r1 h1 CRITICAL 0,r2 h2 LOW 0",
            "r2=25000"),
        arguments(
            "a waiting CRITICAL keeps its host from lower priorities",
            "h1:49500",
            "r1 h1 CRITICAL 0,r2 h1 LOW 400",
            ""),
        arguments(
            "a full cluster serves CRITICAL before anything smaller",
            "h1:50000,h2:50000,h3:50000,h4:50000,h5:50000,h6:49500",
            "r1 h7 CRITICAL 0,r2 h8 LOW 400",
            ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("oneTick")
  void grantsWithinTheLimitsInServingOrder(
      String name, String live, String waiting, String expected) {
    int n = 0;
    for (String grant : split(live)) {
      String[] hostKbps = grant.split(":");
      allocator.granted(
          new Grant(
              "g" + n++,
              hostKbps[0],
              Integer.parseInt(hostKbps[1]),
              clock.instant().plusSeconds(3600),
              TransferRequest.Trace.NONE));
    }
    for (String request : split(waiting)) {
      allocator.requested(request(request));
      clock.advanceSeconds(1);
    }
    Round round = allocator.tick();
    assertThat(kbpsById(round.granted())).isEqualTo(expectedGrants(expected));
    assertWithinLimits(allocator.usage());
  }

  @Test
  void aReleaseFreesCapacityForTheNextWaitingRequest() {
    allocator.requested(request("r1 h1 NORMAL 50000"));
    allocator.requested(request("r2 h1 NORMAL 0"));
    assertThat(kbpsById(allocator.tick().granted())).containsOnlyKeys("r1");
    assertThat(allocator.tick().granted()).isEmpty();
    assertThat(allocator.released("r1")).map(Grant::kbps).contains(50000);
    assertThat(kbpsById(allocator.tick().granted())).containsExactly(Map.entry("r2", 25000));
  }

  @Test
  void aForgottenGrantExpiresAfterItsTtlAndItsCapacityIsReused() {
    allocator.requested(request("r1 h1 NORMAL 50000"));
    Grant grant = allocator.tick().granted().get(0);
    assertThat(grant.expiresAt()).isEqualTo(clock.instant().plusSeconds(3600));
    clock.advanceSeconds(3599);
    allocator.requested(request("r2 h1 NORMAL 0"));
    Round before = allocator.tick();
    assertThat(before.expired()).isEmpty();
    assertThat(before.granted()).isEmpty();
    clock.advanceSeconds(1);
    Round at = allocator.tick();
    assertThat(at.expired()).containsExactly(grant);
    assertThat(kbpsById(at.granted())).containsOnlyKeys("r2");
    assertThat(allocator.released("r1")).as("a late release of an expired grant").isEmpty();
  }

  @Test
  void aRequestNobodyWaitsForAnyMoreIsDropped() {
    allocator.granted(
        new Grant("g", "h1", 50000, clock.instant().plusSeconds(7200), TransferRequest.Trace.NONE));
    allocator.requested(request("r1 h1 NORMAL 0"));
    clock.advanceSeconds(1799);
    assertThat(allocator.tick().dropped()).isEmpty();
    clock.advanceSeconds(1);
    assertThat(allocator.tick().dropped())
        .extracting(TransferRequest::requestId)
        .containsExactly("r1");
    assertThat(allocator.pending()).isEmpty();
  }

  @Test
  void recordsReadInAnyOrderOrTwiceChangeNothing() {
    Grant grant =
        new Grant("r1", "h1", 25000, clock.instant().plusSeconds(3600), TransferRequest.Trace.NONE);
    assertThat(allocator.granted(grant)).isTrue();
    assertThat(allocator.requested(request("r1 h1 NORMAL 0"))).as("its grant came first").isFalse();
    assertThat(allocator.granted(grant)).as("read twice").isFalse();
    allocator.released("r2");
    assertThat(allocator.requested(request("r2 h1 NORMAL 0"))).as("released before").isFalse();
    assertThat(allocator.tick().granted()).isEmpty();
    assertThat(allocator.usage().kbps()).isEqualTo(25000);
  }

  @Test
  void recordsOlderThanWhatIsRememberedAreRefusedByTheirOwnTime() {
    TransferRequest old = request("r1 h1 NORMAL 0");
    Grant expired =
        new Grant("r2", "h1", 25000, clock.instant().plusSeconds(10), TransferRequest.Trace.NONE);
    clock.advanceSeconds(1800);
    assertThat(allocator.requested(old)).as("nobody waits for it any more").isFalse();
    assertThat(allocator.granted(expired)).isFalse();
    assertThat(allocator.tick().isEmpty()).isTrue();
    assertThat(allocator.usage().transfers()).isZero();
  }

  @Test
  void aClientThatGivesUpWhileWaitingCancelsItsRequest() {
    allocator.granted(
        new Grant("g", "h1", 50000, clock.instant().plusSeconds(3600), TransferRequest.Trace.NONE));
    allocator.requested(request("r1 h1 NORMAL 0"));
    assertThat(allocator.released("r1")).isEmpty();
    allocator.released("g");
    assertThat(allocator.tick().granted()).isEmpty();
  }

  @Test
  void aRoundLooksOnlyAtTheClosedIdsThatExpireNotAtAllOfThem() {
    for (int i = 0; i < 1000; i++) {
      allocator.released("r" + i);
      clock.advanceSeconds(1);
    }
    Duration kept = SETTINGS.grantTtl().plus(SETTINGS.pendingTimeout());
    assertThat(allocator.forgetClosedBefore(clock.instant().minus(kept)))
        .as("nothing has expired: only the oldest is looked at")
        .isEqualTo(1);
    assertThat(allocator.closedRemembered()).isEqualTo(1000);
    clock.advance(kept.minusSeconds(1000 - 10)); // r0..r9 closed before the horizon now
    assertThat(allocator.forgetClosedBefore(clock.instant().minus(kept)))
        .as("ten expired and the first that did not")
        .isEqualTo(11);
    assertThat(allocator.closedRemembered()).isEqualTo(990);
  }

  @Test
  void aClosedIdIsRefusedUntilTheHorizonAndForgottenAfter() {
    allocator.released("r1");
    Duration kept = SETTINGS.grantTtl().plus(SETTINGS.pendingTimeout());
    clock.advance(kept);
    allocator.tick();
    assertThat(allocator.closedRemembered()).as("closed exactly at the horizon").isEqualTo(1);
    assertThat(allocator.granted(grant("r1", 3600))).as("still closed").isFalse();
    clock.advanceSeconds(1);
    allocator.tick();
    assertThat(allocator.closedRemembered()).isZero();
    assertThat(allocator.granted(grant("r1", 3600))).as("forgotten: a live grant counts").isTrue();
  }

  private Grant grant(String id, long ttlSeconds) {
    return new Grant(
        id, "h1", 25000, clock.instant().plusSeconds(ttlSeconds), TransferRequest.Trace.NONE);
  }

  static void assertWithinLimits(Usage usage) {
    BandwidthLimits limits = SETTINGS.limits();
    assertThat(usage.kbps()).isLessThanOrEqualTo(limits.totalKbps());
    assertThat(usage.transfers()).isLessThanOrEqualTo(limits.totalTransfers());
    usage
        .hosts()
        .values()
        .forEach(
            h -> {
              assertThat(h.kbps()).isLessThanOrEqualTo(limits.perHostKbps());
              assertThat(h.transfers()).isLessThanOrEqualTo(limits.perHostTransfers());
            });
  }

  TransferRequest request(String spec) {
    String[] f = spec.split(" ");
    return new TransferRequest(
        f[0],
        f[1],
        TransferPriority.valueOf(f[2]),
        1L << 30,
        Integer.parseInt(f[3]),
        clock.instant(),
        TransferRequest.Trace.NONE);
  }

  static List<String> split(String list) {
    return list.isEmpty() ? List.of() : Arrays.asList(list.split(","));
  }

  static Map<String, Integer> kbpsById(List<Grant> grants) {
    return grants.stream()
        .collect(Collectors.toMap(Grant::requestId, Grant::kbps, (a, b) -> a, LinkedHashMap::new));
  }

  static Map<String, Integer> expectedGrants(String expected) {
    Map<String, Integer> grants = new LinkedHashMap<>();
    for (String entry : split(expected)) {
      String[] kv = entry.split("=");
      grants.put(kv[0], Integer.parseInt(kv[1]));
    }
    return grants;
  }
}
