package ai.ringrift.stages.bandwidth;

import static org.assertj.core.api.Assertions.assertThat;

import ai.ringrift.events.BandwidthGranted;
import ai.ringrift.events.BandwidthReleased;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Replays what happened on the topics in time order — a grant is in use from its record's time to
 * its release's — and checks the limits at every grant. A release and a grant in the same
 * millisecond count the release first (the grant may have been made possible by it).
 */
final class LimitTimeline {
  private LimitTimeline() {}

  private record Step(long at, boolean release, String id, String host, int kbps) {}

  static void check(
      BandwidthLimits limits,
      List<ConsumerRecord<String, BandwidthGranted>> grants,
      List<ConsumerRecord<String, BandwidthReleased>> releases) {
    List<Step> steps = new ArrayList<>();
    grants.forEach(
        r ->
            steps.add(
                new Step(
                    r.timestamp(),
                    false,
                    r.value().getRequestId(),
                    r.value().getNode(),
                    r.value().getGrantedKbps())));
    releases.forEach(
        r ->
            steps.add(
                new Step(r.timestamp(), true, r.value().getRequestId(), r.value().getNode(), 0)));
    steps.sort(Comparator.comparingLong(Step::at).thenComparing(s -> !s.release()));
    Map<String, Step> live = new HashMap<>();
    int checked = 0;
    for (Step step : steps) {
      if (step.release()) {
        live.remove(step.id());
        continue;
      }
      live.put(step.id(), step);
      int total = live.values().stream().mapToInt(Step::kbps).sum();
      List<Step> host = live.values().stream().filter(s -> s.host().equals(step.host())).toList();
      int hostKbps = host.stream().mapToInt(Step::kbps).sum();
      assertThat(total).as("total KB/s at %d", step.at()).isLessThanOrEqualTo(limits.totalKbps());
      assertThat(live)
          .as("transfers at %d", step.at())
          .hasSizeLessThanOrEqualTo(limits.totalTransfers());
      assertThat(hostKbps)
          .as("%s KB/s at %d", step.host(), step.at())
          .isLessThanOrEqualTo(limits.perHostKbps());
      assertThat(host)
          .as("%s transfers at %d", step.host(), step.at())
          .hasSizeLessThanOrEqualTo(limits.perHostTransfers());
      checked++;
    }
    assertThat(checked).isEqualTo(grants.size());
  }
}
