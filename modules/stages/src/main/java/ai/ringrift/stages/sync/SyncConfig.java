package ai.ringrift.stages.sync;

import ai.ringrift.config.Check;
import ai.ringrift.events.TransferPriority;
import ai.ringrift.stages.action.Action;
import ai.ringrift.stages.action.ActionKind;
import ai.ringrift.stages.action.ActionSpec;
import ai.ringrift.stages.action.rsync.RsyncAction;
import ai.ringrift.stages.action.rsync.RsyncSpec;
import ai.ringrift.stages.host.Actions;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The sync stage (section {@code sync} of {@code config/stages.yaml}).
 *
 * @param rsync how rsync runs
 * @param trainingHosts where new games go; empty for this host's {@code paths.games}
 * @param selfplayHosts where games come from and promoted models go
 * @param modelStaggerSeconds host i of a model distribution starts i times this after the first, so
 *     that not every selfplay host pulls at once
 * @param gamesPriority bandwidth priority of game transfers
 * @param modelsPriority bandwidth priority of model transfers
 * @param transferKbps the rate a transfer asks the allocator for; 0 for the allocator's default
 * @param transfer what copies, when not rsync: {@code {kind: PLUGIN, plugin: <name>}} (the
 *     benchmarks' instant transfers); absent for rsync as {@code rsync} says
 * @param maxParallelModelCopies how many selfplay hosts one model distribution copies to at once
 *     (each still waits for its stagger and its bandwidth grant); at least 1
 */
public record SyncConfig(
    RsyncSpec rsync,
    List<SyncHost> trainingHosts,
    List<SyncHost> selfplayHosts,
    double modelStaggerSeconds,
    TransferPriority gamesPriority,
    TransferPriority modelsPriority,
    int transferKbps,
    ActionSpec transfer,
    int maxParallelModelCopies) {
  /** The parameters of a transfer: what rsync is given. */
  public static final Set<String> TRANSFER_PLACEHOLDERS =
      Set.of(RsyncAction.SOURCE, RsyncAction.DESTINATION, RsyncAction.BWLIMIT_KBPS);

  public SyncConfig {
    Check.present("rsync", rsync);
    trainingHosts = Check.list(trainingHosts);
    selfplayHosts = Check.list(selfplayHosts);
    Set<String> names = new HashSet<>();
    for (int i = 0; i < selfplayHosts.size(); i++) {
      SyncHost host = selfplayHosts.get(i);
      Check.that(
          host.models() != null && !host.models().isBlank(),
          "selfplayHosts[" + i + "].models",
          "is required: where " + host.name() + " reads its models");
      Check.that(
          names.add(host.name()),
          "selfplayHosts[" + i + "].name",
          "names " + host.name() + " twice");
    }
    Check.atLeast("modelStaggerSeconds", modelStaggerSeconds, 0.0);
    gamesPriority = Check.orDefault(gamesPriority, TransferPriority.NORMAL);
    modelsPriority = Check.orDefault(modelsPriority, TransferPriority.HIGH);
    Check.atLeast("transferKbps", transferKbps, 0);
    Check.atLeast("maxParallelModelCopies", maxParallelModelCopies, 1);
  }

  /**
   * What copies a transfer's files: rsync, or the {@code transfer} spec's action as {@code actions}
   * make it (a simulated transfer is rsync between the simulated hosts' directories).
   */
  public Action transferAction(Actions actions) {
    return transfer == null || transfer.kind() == ActionKind.SIMULATION
        ? new RsyncAction(rsync)
        : actions.create("sync.transfer", transfer, TRANSFER_PLACEHOLDERS);
  }

  public Duration modelStagger() {
    return Duration.ofNanos(Math.round(modelStaggerSeconds * 1e9));
  }

  /** A copy with other hosts (the simulated cluster's directories). */
  public SyncConfig withHosts(List<SyncHost> training, List<SyncHost> selfplay, double stagger) {
    return new SyncConfig(
        rsync,
        training,
        selfplay,
        stagger,
        gamesPriority,
        modelsPriority,
        transferKbps,
        transfer,
        maxParallelModelCopies);
  }

  /** A copy that copies with {@code changed}'s action instead of rsync (the benchmarks). */
  public SyncConfig withTransfer(ActionSpec changed) {
    return new SyncConfig(
        rsync,
        trainingHosts,
        selfplayHosts,
        modelStaggerSeconds,
        gamesPriority,
        modelsPriority,
        transferKbps,
        changed,
        maxParallelModelCopies);
  }
}
