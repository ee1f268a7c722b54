package ai.ringrift.stages.it;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.contract.ConfigKeys;
import ai.ringrift.runtime.ServiceContext;
import ai.ringrift.runtime.ServiceRuntime;
import ai.ringrift.stages.StageSettings;
import ai.ringrift.stages.action.ActionKind;
import ai.ringrift.stages.action.ActionSpec;
import ai.ringrift.stages.action.CommandSpec;
import ai.ringrift.stages.export.ExportConfig;
import ai.ringrift.stages.export.ExportService;
import ai.ringrift.stages.host.Actions;
import ai.ringrift.stages.host.RunPolicy;
import ai.ringrift.stages.host.StagePaths;
import ai.ringrift.stages.host.StageSupport;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * An export stage whose action is {@code slow-exporter.sh}, in the test's JVM or in a JVM of its
 * own that a test kills with SIGKILL. Everything lives under one directory: {@code data/} (the
 * stage's paths), {@code mode} (what the script does next), {@code starts} (one line per start),
 * {@code fixture.npz} (the shard the script writes) and the script. Arguments of {@link #main}:
 * bootstrap servers, schema registry URL, directory, group prefix, config.
 */
public final class ExportStageProcess implements AutoCloseable {
  private final ServiceRuntime runtime;
  private final StageSupport support;
  private final ExportService service;

  private ExportStageProcess(ServiceRuntime runtime, StageSupport support, ExportService service) {
    this.runtime = runtime;
    this.support = support;
    this.service = service;
  }

  public static void main(String[] args) throws Exception {
    KafkaSettings kafka = KafkaSettings.of(args[0]).withSchemaRegistry(args[1]);
    try (ExportStageProcess stage =
        start("export-child", kafka, Path.of(args[2]), args[3], ConfigKeys.parse(args[4]))) {
      new CountDownLatch(1).await(); // until killed
    }
  }

  /** An export stage of {@code config} in this JVM; runtime {@code name} names its instance. */
  public static ExportStageProcess start(
      String name, KafkaSettings kafka, Path dir, String groupPrefix, ConfigKey config)
      throws InterruptedException {
    ServiceRuntime runtime = ItSupport.runtime(name);
    ServiceContext context =
        ItSupport.context(
            ai.ringrift.config.ConfigSource.directory(ItSupport.REPOSITORY_CONFIG),
            ItSupport.quickGroups(kafka),
            runtime);
    StageSettings base = ItSupport.repositorySettings();
    // a crashed instance's STARTED run is given up on after 3 s; the retry waits 1 s; a stopping
    // instance hands its running action back after 1 s
    RunPolicy policy =
        base.runs()
            .withTiming(1.0, 3.0)
            .withStopGrace(1.0)
            .withConfigs(List.of(ConfigKeys.format(config)));
    StageSupport support = StageSupport.open(context, groupPrefix, Clock.systemUTC());
    ExportService service =
        new ExportService(exportConfig(base, dir), paths(dir), policy, Actions.none(), support)
            .start();
    return new ExportStageProcess(runtime, support, service);
  }

  /** Where the stage keeps its files. */
  public static StagePaths paths(Path dir) {
    return StagePaths.under(dir.resolve("data"));
  }

  private static ExportConfig exportConfig(StageSettings base, Path dir) {
    String template =
        String.join(
            " ",
            "sh",
            dir.resolve("slow-exporter.sh").toString(),
            "{npz}",
            "{run_id}",
            dir.resolve("mode").toString(),
            dir.resolve("starts").toString(),
            dir.resolve("fixture.npz").toString());
    CommandSpec command =
        new CommandSpec(template, 120, null, Map.of(), dir.resolve("logs").toString(), null, 1);
    return base.export()
        .withAction(new ActionSpec(ActionKind.COMMAND, command))
        .withThresholds(5, 5, 0);
  }

  public ExportService service() {
    return service;
  }

  @Override
  public void close() {
    service.close();
    support.close();
    runtime.close();
  }
}
