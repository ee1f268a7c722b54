package ai.ringrift.stages.sync;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.publish.EventPublisher;
import ai.ringrift.config.ConfigSource;
import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.DataSyncCompleted;
import ai.ringrift.events.RunStatus;
import ai.ringrift.events.Stage;
import ai.ringrift.events.StageRun;
import ai.ringrift.events.SyncDataType;
import ai.ringrift.events.contract.ConfigKeys;
import ai.ringrift.runtime.ServiceContext;
import ai.ringrift.runtime.ServiceRuntime;
import ai.ringrift.runtime.roles.RoleContext;
import ai.ringrift.stages.StageSettings;
import ai.ringrift.stages.action.ActionKind;
import ai.ringrift.stages.action.ActionSpec;
import ai.ringrift.stages.bandwidth.BandwidthAllocatorService;
import ai.ringrift.stages.bandwidth.BandwidthClient;
import ai.ringrift.stages.bandwidth.BandwidthSettings;
import ai.ringrift.stages.host.Actions;
import ai.ringrift.stages.host.StagePaths;
import ai.ringrift.stages.host.StageSupport;
import ai.ringrift.stages.it.ItSupport;
import ai.ringrift.testkit.KafkaCluster;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A sync stage on a real broker with {@link GatedCopies} for transfers and a bandwidth allocator,
 * and what the tests read back: the sync reports and the stage's run records.
 */
final class SyncRig implements AutoCloseable {
  final ServiceContext context;
  final EventPublisher publisher;
  private final ServiceRuntime runtime;
  private final ConfigSource files;
  private final Path dir;

  SyncRig(KafkaCluster cluster, Path dir, String name) {
    KafkaSettings kafka =
        KafkaSettings.of(cluster.bootstrapServers()).withSchemaRegistry(cluster.registryUrl());
    this.files = ConfigSource.directory(ItSupport.REPOSITORY_CONFIG);
    this.runtime = ItSupport.runtime(name);
    this.context = ItSupport.context(files, kafka, runtime);
    this.publisher = ItSupport.publisher(context, name);
    this.dir = dir;
  }

  /** The repository's settings under the rig's directory, serving {@code config}. */
  StageSettings settings(ConfigKey config, int hosts, int modelCopiesAtOnce) {
    StageSettings base = ItSupport.repositorySettings();
    List<SyncHost> selfplay = new ArrayList<>();
    for (int i = 1; i <= hosts; i++) {
      Path host = dir.resolve("hosts/h" + i);
      selfplay.add(new SyncHost("h" + i, host.resolve("games").toString(), host + "/models"));
    }
    SyncConfig sync = base.sync();
    return base.withPaths(StagePaths.under(dir.resolve("training")))
        .withRuns(base.runs().withConfigs(List.of(ConfigKeys.format(config))))
        .withSync(
            new SyncConfig(
                sync.rsync(),
                List.of(),
                selfplay,
                0,
                sync.gamesPriority(),
                sync.modelsPriority(),
                sync.transferKbps(),
                new ActionSpec(ActionKind.PLUGIN, null, GatedCopies.NAME),
                modelCopiesAtOnce));
  }

  /** A running sync stage with {@code copies}, its allocator, and what it needs; close it after. */
  Running start(StageSettings s, GatedCopies copies) throws InterruptedException {
    return new Running(s, copies);
  }

  /** The causation ids of {@code config}'s sync reports of {@code type}, one per report. */
  List<String> causes(ConfigKey config, SyncDataType type) {
    return ItSupport.read(
            context,
            DataSyncCompleted.class,
            e -> e.getSyncType() == type && e.getConfig().equals(config))
        .stream()
        .map(e -> e.getHeader().getCausationId())
        .toList();
  }

  /** The sync stage's records of {@code config}, oldest first. */
  List<StageRun> runs(ConfigKey config) {
    return ItSupport.runs(context, StageSupport.key(config, Stage.SYNC));
  }

  /** The triggers the latest sync record of {@code config} lists as finished. */
  Set<String> finished(ConfigKey config) {
    return ItSupport.finished(context, StageSupport.key(config, Stage.SYNC));
  }

  /** How many runs of {@code config} succeeded. */
  long succeeded(ConfigKey config) {
    return runs(config).stream().filter(r -> r.getStatus() == RunStatus.SUCCEEDED).count();
  }

  @Override
  public void close() {
    publisher.close();
    runtime.close();
  }

  /** The sync stage with its allocator, support and bandwidth client. */
  final class Running implements AutoCloseable {
    private final GatedCopies copies;
    private final BandwidthAllocatorService allocator;
    private final Thread allocating;
    private final StageSupport support;
    private final BandwidthClient bandwidth;
    private final SyncService sync;

    private Running(StageSettings s, GatedCopies copies) throws InterruptedException {
      this.copies = copies;
      this.allocator =
          new BandwidthAllocatorService(BandwidthSettings.load(files), RoleContext.of(context));
      this.allocating = new Thread(this::allocate, "sync-rig-allocator");
      allocating.start();
      this.support = StageSupport.open(context);
      this.bandwidth = BandwidthClient.start(support.context(), support.source(SyncService.NAME));
      this.sync =
          new SyncService(
                  s.sync(), s.paths(), s.runs(), Actions.none().with(copies), support, bandwidth)
              .start();
    }

    private void allocate() {
      try {
        allocator.run();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void close() throws InterruptedException {
      copies.openAll();
      sync.close();
      bandwidth.close();
      support.close();
      allocator.stop();
      allocating.join(30_000);
    }
  }
}
