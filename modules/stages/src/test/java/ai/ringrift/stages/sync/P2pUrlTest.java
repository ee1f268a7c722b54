package ai.ringrift.stages.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** RINGRIFT_P2P_URL, as RingRift's selfplay hosts set it, read as an rsync location. */
class P2pUrlTest {
  @Test
  void anSshUrlBecomesTheRsyncLocationOfTheHostsGames() {
    P2pUrl url = P2pUrl.parse("ssh://ringrift@selfplay-1/data/games/");
    assertThat(url.location()).isEqualTo("ringrift@selfplay-1:/data/games");
    assertThat(url.gamesOf("hex8_2p")).isEqualTo("ringrift@selfplay-1:/data/games/hex8_2p");
    assertThat(P2pUrl.parse("gpu-7.lan:/srv/games").location()).isEqualTo("gpu-7.lan:/srv/games");
  }

  @Test
  void somethingElseIsRefusedNamingTheVariable() {
    assertThatThrownBy(() -> P2pUrl.parse("http://selfplay-1:8770"))
        .hasMessageStartingWith("RINGRIFT_P2P_URL: ")
        .hasMessageContaining("ssh://[user@]host/path");
    assertThatThrownBy(() -> P2pUrl.parse("ssh://selfplay-1:2222/data/games"))
        .hasMessageContaining("sync.rsync.remoteShell");
    assertThatThrownBy(() -> P2pUrl.parse("/data/games"))
        .hasMessageContaining("not a sync endpoint");
  }

  @Test
  void onlyAnotherHostsPathIsRemote() {
    assertThat(P2pUrl.isRemote("ringrift@selfplay-1:/data/games")).isTrue();
    assertThat(P2pUrl.isRemote("/data/games/square8_2p")).isFalse();
    assertThat(P2pUrl.isRemote("var/data/games")).isFalse();
    assertThat(P2pUrl.isRemote(null)).isFalse();
  }
}
