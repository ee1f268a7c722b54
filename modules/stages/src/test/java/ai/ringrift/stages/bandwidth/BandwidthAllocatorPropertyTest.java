package ai.ringrift.stages.bandwidth;

import static org.assertj.core.api.Assertions.assertThat;

import ai.ringrift.events.TransferPriority;
import ai.ringrift.stages.bandwidth.BandwidthAllocator.Round;
import ai.ringrift.testkit.ManualClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Many random sequences of requests, releases, replays, clock jumps and ticks: the limits hold
 * after every step, nothing is granted twice, priorities are respected and no capacity idles while
 * a request that fits waits. A failing seed is printed by the assertion; rerun with it.
 */
class BandwidthAllocatorPropertyTest {
  static final BandwidthLimits LIMITS = BandwidthAllocatorTest.SETTINGS.limits();
  static final int SEEDS_PER_BLOCK = 100;
  static final int STEPS = 600;

  @ParameterizedTest(name = "seeds {0}..+" + SEEDS_PER_BLOCK)
  @ValueSource(ints = {0, 100, 200})
  void limitsHoldOverRandomRuns(int firstSeed) {
    for (int seed = firstSeed; seed < firstSeed + SEEDS_PER_BLOCK; seed++) {
      new Run(seed).play();
    }
  }

  /** One random run with its own allocator, clock and record of everything granted. */
  static final class Run {
    final long seed;
    final Random random;
    final ManualClock clock = ManualClock.standing();
    final BandwidthAllocator allocator =
        new BandwidthAllocator(BandwidthAllocatorTest.SETTINGS, clock);
    final Map<String, TransferRequest> requests = new HashMap<>();
    final Map<String, Grant> everGranted = new HashMap<>();
    final List<String> ids = new ArrayList<>();
    int ticks;

    Run(long seed) {
      this.seed = seed;
      this.random = new Random(seed);
    }

    void play() {
      for (int step = 0; step < STEPS; step++) {
        int dice = random.nextInt(100);
        if (dice < 40) {
          request();
        } else if (dice < 62) {
          release();
        } else if (dice < 67) {
          replay();
        } else if (dice < 80) {
          clock.advanceSeconds(
              random.nextInt(10) == 0 ? random.nextInt(4000) : random.nextInt(120));
        } else {
          tick();
        }
      }
      assertThat(ticks).as("seed %d ticked", seed).isPositive();
    }

    void request() {
      String id = "r" + ids.size();
      int kbps =
          switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> 1 + random.nextInt(2_000);
            case 2 -> 1 + random.nextInt(200_000);
            default -> 10_000 * (1 + random.nextInt(10));
          };
      TransferRequest request =
          new TransferRequest(
              id,
              host(),
              TransferPriority.values()[random.nextInt(4)],
              random.nextInt(1 << 30),
              kbps,
              clock.instant(),
              TransferRequest.Trace.NONE);
      requests.put(id, request);
      ids.add(id);
      allocator.requested(request);
    }

    /** Six hosts, one of them hot, so that every limit is reached often. */
    String host() {
      return random.nextInt(3) == 0 ? "hot" : "h" + random.nextInt(6);
    }

    void release() {
      if (ids.isEmpty()) {
        return;
      }
      String id = random.nextInt(20) == 0 ? "unknown" : ids.get(random.nextInt(ids.size()));
      allocator.released(id);
    }

    /** A record read again (a rebuild, a duplicate delivery) must change nothing. */
    void replay() {
      if (everGranted.isEmpty()) {
        return;
      }
      List<Grant> old = new ArrayList<>(everGranted.values());
      Grant grant = old.get(random.nextInt(old.size()));
      Usage before = allocator.usage();
      boolean live = allocator.grants().contains(grant);
      assertThat(allocator.granted(grant)).as("seed %d replayed grant is news", seed).isFalse();
      assertThat(allocator.requested(requests.get(grant.requestId()))).isFalse();
      assertThat(allocator.usage()).as("seed %d usage after replay", seed).isEqualTo(before);
      assertThat(allocator.grants().contains(grant)).isEqualTo(live);
    }

    void tick() {
      ticks++;
      Round round = allocator.tick();
      Instant now = clock.instant();
      for (Grant grant : round.granted()) {
        TransferRequest request = requests.get(grant.requestId());
        assertThat(request).as("seed %d grant of an unknown request", seed).isNotNull();
        assertThat(everGranted.put(grant.requestId(), grant))
            .as("seed %d %s granted twice", seed, grant.requestId())
            .isNull();
        int wanted = LIMITS.wanted(request.requestedKbps());
        assertThat(grant.kbps()).as("seed %d", seed).isBetween(LIMITS.least(wanted), wanted);
        assertThat(grant.host()).isEqualTo(request.host());
      }
      assertLimits(allocator.usage());
      assertThat(allocator.grants()).allMatch(g -> g.expiresAt().isAfter(now));
      assertServedInOrder(round.granted());
      assertNoIdleCapacityForAWaitingRequest();
    }

    void assertLimits(Usage usage) {
      assertThat(usage.kbps())
          .as("seed %d total KB/s", seed)
          .isLessThanOrEqualTo(LIMITS.totalKbps());
      assertThat(usage.transfers())
          .as("seed %d total transfers", seed)
          .isLessThanOrEqualTo(LIMITS.totalTransfers());
      usage
          .hosts()
          .forEach(
              (host, use) -> {
                assertThat(use.kbps())
                    .as("seed %d %s KB/s", seed, host)
                    .isLessThanOrEqualTo(LIMITS.perHostKbps());
                assertThat(use.transfers())
                    .as("seed %d %s transfers", seed, host)
                    .isLessThanOrEqualTo(LIMITS.perHostTransfers());
              });
    }

    /** A request still waiting that comes before a granted one must be for another host. */
    void assertServedInOrder(List<Grant> granted) {
      for (TransferRequest waiting : allocator.pending()) {
        for (Grant grant : granted) {
          TransferRequest served = requests.get(grant.requestId());
          if (TransferRequest.SERVING_ORDER.compare(waiting, served) < 0) {
            assertThat(waiting.host())
                .as("seed %d: %s waits while later %s was served", seed, waiting, served)
                .isNotEqualTo(served.host());
          }
        }
      }
    }

    /**
     * Walking the waiting requests in serving order up to the first the cluster cannot fit, each
     * one's host is full for it (or waits behind an earlier request of the same host).
     */
    void assertNoIdleCapacityForAWaitingRequest() {
      Usage usage = allocator.usage();
      Set<String> hostsWaiting = new HashSet<>();
      for (TransferRequest waiting : allocator.pending()) {
        int least = LIMITS.least(LIMITS.wanted(waiting.requestedKbps()));
        if (usage.transfers() >= LIMITS.totalTransfers()
            || LIMITS.totalKbps() - usage.kbps() < least) {
          return;
        }
        Usage.Host host = usage.host(waiting.host());
        boolean hostFull =
            host.transfers() >= LIMITS.perHostTransfers()
                || LIMITS.perHostKbps() - host.kbps() < least;
        assertThat(hostFull || hostsWaiting.contains(waiting.host()))
            .as("seed %d: %s waits with room on its host (%s)", seed, waiting, host)
            .isTrue();
        hostsWaiting.add(waiting.host());
      }
    }
  }
}
