package ai.ringrift.events.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.ringrift.events.Board;
import ai.ringrift.events.CircuitState;
import ai.ringrift.events.CircuitStatus;
import ai.ringrift.events.DaemonHeartbeat;
import ai.ringrift.events.DaemonState;
import ai.ringrift.events.EventHeader;
import ai.ringrift.events.Stage;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class KeyKindTest {
  private static final EventHeader HEADER =
      EventHeader.newBuilder()
          .setEventId("e-1")
          .setSource("test")
          .setOccurredAt(Instant.EPOCH)
          .setTraceId("t-1")
          .build();

  @Test
  void configStageKeyJoinsConfigAndStage() {
    CircuitState state =
        CircuitState.newBuilder()
            .setConfig(ConfigKeys.of(Board.HEX8, 3))
            .setStage(Stage.TRAINING)
            .setStatus(CircuitStatus.OPEN)
            .setConsecutiveFailures(3)
            .setOpens(1)
            .setUpdatedAt(Instant.EPOCH)
            .build();
    String key = KeyKind.CONFIG_STAGE.keyOf(state);
    assertThat(key).isEqualTo("hex8_3p/training");
    assertThat(KeyKind.CONFIG_STAGE.isValid(key)).isTrue();
    assertThat(KeyKind.CONFIG.isValid(key)).isFalse();
  }

  @Test
  void nodeKeyIsTheHostName() {
    DaemonHeartbeat beat =
        DaemonHeartbeat.newBuilder()
            .setHeader(HEADER)
            .setNode("gpu-node-3")
            .setDaemon("training")
            .setState(DaemonState.RUNNING)
            .setUptimeSeconds(5)
            .build();
    assertThat(KeyKind.NODE.keyOf(beat)).isEqualTo("gpu-node-3");
    assertThat(KeyKind.NODE.isValid("gpu node")).isFalse();
  }

  @Test
  void refusesARecordWithoutTheKeyFields() {
    DaemonHeartbeat beat =
        DaemonHeartbeat.newBuilder()
            .setHeader(HEADER)
            .setNode("n")
            .setDaemon("d")
            .setState(DaemonState.RUNNING)
            .setUptimeSeconds(0)
            .build();
    assertThat(KeyKind.CONFIG.fits(beat.getSchema())).isFalse();
    assertThatThrownBy(() -> KeyKind.CONFIG.keyOf(beat))
        .hasMessageContaining("DaemonHeartbeat has no config");
  }

  @Test
  void validatesRoleAndStageNames() {
    assertThat(KeyKind.ROLE.isValid("PROMOTION_LEADER")).isTrue();
    assertThat(KeyKind.ROLE.isValid("promotion")).isFalse();
    assertThat(KeyKind.CONFIG_STAGE.isValid("square8_2p/cooking")).isFalse();
  }
}
