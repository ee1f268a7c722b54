package ai.ringrift.dashboard.view;

import static org.assertj.core.api.Assertions.assertThat;

import ai.ringrift.events.BandwidthGranted;
import ai.ringrift.events.BandwidthReleased;
import ai.ringrift.events.BandwidthRequested;
import ai.ringrift.events.TransferPriority;
import ai.ringrift.testkit.SampleEvents;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BandwidthGrantsTest {
  static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  final BandwidthGrants grants = new BandwidthGrants();

  @Test
  void aGrantReadBeforeItsRequestMovesToTheRequestsPriorityWhenTheRequestComes() {
    grants.granted(granted("r1", 25_000));
    grants.released(released("r1", 4096));
    assertThat(grants.snapshot(NOW.toEpochMilli())).containsOnlyKeys("host-a/UNKNOWN");

    grants.requested(requested("r1", TransferPriority.HIGH));

    Map<String, Map<String, Object>> rows = grants.snapshot(NOW.toEpochMilli());
    assertThat(rows).containsOnlyKeys("host-a/HIGH");
    assertThat(rows.get("host-a/HIGH"))
        .containsEntry("requested", 1L)
        .containsEntry("granted", 1L)
        .containsEntry("released", 1L)
        .containsEntry("bytes", 4096L)
        .containsEntry("active", 0L)
        .containsEntry("waiting", 0L);
  }

  @Test
  void aGrantReleasedBeforeItsRequestIsReadIsNotActive() {
    grants.granted(granted("r1", 25_000));
    grants.released(released("r1", 4096));

    assertThat(grants.snapshot(NOW.toEpochMilli()).get("host-a/UNKNOWN"))
        .containsEntry("active", 0L)
        .containsEntry("released", 1L);
  }

  @Test
  void showsActiveGrantsWithTheirRateAndRequestsStillWaiting() {
    grants.requested(requested("r1", TransferPriority.NORMAL));
    grants.requested(requested("r2", TransferPriority.NORMAL));
    grants.granted(granted("r1", 25_000));

    assertThat(grants.snapshot(NOW.toEpochMilli()).get("host-a/NORMAL"))
        .containsEntry("active", 1L)
        .containsEntry("activeKbps", 25_000L)
        .containsEntry("waiting", 1L);
    assertThat(grants.snapshot(NOW.plusSeconds(7200).toEpochMilli()).get("host-a/NORMAL"))
        .as("an expired grant is not active")
        .containsEntry("active", 0L);
  }

  static BandwidthRequested requested(String id, TransferPriority priority) {
    return BandwidthRequested.newBuilder(SampleEvents.of(BandwidthRequested.class, 1))
        .setNode("host-a")
        .setRequestId(id)
        .setPriority(priority)
        .build();
  }

  static BandwidthGranted granted(String id, int kbps) {
    return BandwidthGranted.newBuilder(SampleEvents.of(BandwidthGranted.class, 1))
        .setNode("host-a")
        .setRequestId(id)
        .setGrantedKbps(kbps)
        .setExpiresAt(NOW.plusSeconds(3600))
        .build();
  }

  static BandwidthReleased released(String id, long bytes) {
    return BandwidthReleased.newBuilder(SampleEvents.of(BandwidthReleased.class, 1))
        .setNode("host-a")
        .setRequestId(id)
        .setBytesTransferred(bytes)
        .build();
  }
}
