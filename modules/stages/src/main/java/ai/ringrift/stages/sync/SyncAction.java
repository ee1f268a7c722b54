package ai.ringrift.stages.sync;

import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.contract.ConfigKeys;
import ai.ringrift.stages.host.StagePaths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the sync stage copies where (pure): a selfplay host's games of a config to every training
 * host, a promoted model to every selfplay host, staggered.
 */
public final class SyncAction {
  /**
   * One rsync.
   *
   * @param host the remote end, whose bandwidth it uses (the selfplay host)
   * @param target the receiving host's name, for the report
   * @param source rsync source (a trailing slash copies a directory's contents)
   * @param destination rsync destination
   * @param delay how long after the run's start this transfer begins
   */
  public record Transfer(
      String host, String target, String source, String destination, Duration delay) {}

  private final SyncConfig config;
  private final StagePaths paths;

  public SyncAction(SyncConfig config, StagePaths paths) {
    this.config = config;
    this.paths = paths;
  }

  /** The selfplay host named {@code name}. */
  public Optional<SyncHost> selfplayHost(String name) {
    return config.selfplayHosts().stream().filter(h -> h.name().equals(name)).findFirst();
  }

  /** The names of the selfplay hosts. */
  public List<String> selfplayHostNames() {
    return config.selfplayHosts().stream().map(SyncHost::name).toList();
  }

  /** The training hosts games go to: the configured ones, or this host. */
  public List<SyncHost> trainingHosts() {
    return config.trainingHosts().isEmpty()
        ? List.of(new SyncHost("local", paths.games(), null))
        : config.trainingHosts();
  }

  /**
   * The games of {@code config} from selfplay host {@code from} to every training host.
   *
   * @throws IllegalArgumentException for a host that is not configured
   */
  public List<Transfer> games(ConfigKey config, String from) {
    return games(config, from, null);
  }

  /**
   * The games of {@code config} from selfplay host {@code from} to every training host: from the
   * host's configured {@code games} location, or, for a host not in {@code sync.selfplayHosts},
   * from {@code announced} when it is a remote location (the host's {@code RINGRIFT_P2P_URL}, which
   * its batches name as their {@code games_path}).
   *
   * @throws IllegalArgumentException for a host that is neither configured nor announced a remote
   *     location
   */
  public List<Transfer> games(ConfigKey config, String from, String announced) {
    String key = ConfigKeys.format(config);
    Optional<SyncHost> configured = selfplayHost(from);
    String source;
    if (configured.isPresent()) {
      source = join(configured.get().games(), key);
    } else if (P2pUrl.isRemote(announced)) {
      source = announced;
    } else {
      throw new IllegalArgumentException(
          "unknown selfplay host '"
              + from
              + "' (sync.selfplayHosts: "
              + selfplayHostNames()
              + "; a host that is not listed must announce its RINGRIFT_P2P_URL)");
    }
    List<Transfer> transfers = new ArrayList<>();
    for (SyncHost target : trainingHosts()) {
      transfers.add(
          new Transfer(
              from,
              target.name(),
              (source.endsWith("/") ? source : source + "/"),
              join(join(target.games(), key), from) + "/",
              Duration.ZERO));
    }
    return transfers;
  }

  /** {@code modelPath} to every selfplay host as its production model of {@code config}. */
  public List<Transfer> model(ConfigKey config, String modelPath) {
    List<Transfer> transfers = new ArrayList<>();
    List<SyncHost> hosts = this.config.selfplayHosts();
    for (int i = 0; i < hosts.size(); i++) {
      SyncHost host = hosts.get(i);
      transfers.add(
          new Transfer(
              host.name(),
              host.name(),
              modelPath,
              join(host.models(), paths.modelFileName(config)),
              this.config.modelStagger().multipliedBy(i)));
    }
    return transfers;
  }

  /** {@code location/child} for a local path or an rsync {@code host:path}. */
  static String join(String location, String child) {
    return location.endsWith("/") ? location + child : location + "/" + child;
  }
}
