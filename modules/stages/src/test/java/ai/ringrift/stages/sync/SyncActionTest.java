package ai.ringrift.stages.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.ringrift.config.ConfigSource;
import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.contract.ConfigKeys;
import ai.ringrift.stages.host.StagePaths;
import ai.ringrift.stages.host.StagesFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where the sync stage copies games from and models to. */
class SyncActionTest {
  static final ConfigSource CONFIG = ConfigSource.directory(Path.of("../../config"));
  static final ConfigKey SQUARE8 = ConfigKeys.parse("square8_2p");

  final SyncConfig shipped = StagesFile.section(CONFIG, "sync", SyncConfig.class);
  final SyncAction plan =
      new SyncAction(
          shipped.withHosts(
              List.of(),
              List.of(
                  new SyncHost(
                      "selfplay-1",
                      "ringrift@selfplay-1:/data/games",
                      "ringrift@selfplay-1:/data/models")),
              30),
          StagePaths.under(Path.of("/train")));

  @Test
  void pullsAConfiguredHostFromItsConfiguredLocation() {
    assertThat(plan.games(SQUARE8, "selfplay-1", "ringrift@elsewhere:/x/square8_2p"))
        .containsExactly(
            new SyncAction.Transfer(
                "selfplay-1",
                "local",
                "ringrift@selfplay-1:/data/games/square8_2p/",
                "/train/games/square8_2p/selfplay-1/",
                Duration.ZERO));
  }

  @Test
  void pullsAHostThatIsNotListedFromTheEndpointItsBatchAnnounced() {
    String announced = P2pUrl.parse("ssh://ringrift@gpu-7/data/games").gamesOf("square8_2p");
    assertThat(plan.games(SQUARE8, "gpu-7", announced))
        .extracting(SyncAction.Transfer::source, SyncAction.Transfer::destination)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "ringrift@gpu-7:/data/games/square8_2p/", "/train/games/square8_2p/gpu-7/"));
  }

  @Test
  void aHostThatIsNeitherListedNorAnnouncedARemoteLocationIsNamed() {
    assertThatThrownBy(() -> plan.games(SQUARE8, "gpu-7", "/local/games/square8_2p/x.games.jsonl"))
        .hasMessageContaining("unknown selfplay host 'gpu-7' (sync.selfplayHosts: [selfplay-1]")
        .hasMessageContaining("RINGRIFT_P2P_URL");
  }

  @Test
  void modelsGoToEveryListedHostStaggered() {
    assertThat(plan.model(SQUARE8, "/train/data/production/canonical_square8_2p.pth"))
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.destination())
                  .isEqualTo("ringrift@selfplay-1:/data/models/canonical_square8_2p.pth");
              assertThat(t.delay()).isEqualTo(Duration.ZERO);
            });
  }
}
