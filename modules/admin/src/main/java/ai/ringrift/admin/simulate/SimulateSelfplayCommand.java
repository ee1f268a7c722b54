package ai.ringrift.admin.simulate;

import ai.ringrift.admin.cli.CliException;
import ai.ringrift.admin.cli.ConnectionOptions;
import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.publish.EventPublisher;
import ai.ringrift.client.publish.PublishedEvent;
import ai.ringrift.client.publish.PublisherSettings;
import ai.ringrift.config.ConfigSource;
import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.contract.ConfigKeys;
import ai.ringrift.runtime.RuntimeSettings;
import ai.ringrift.runtime.ServiceContext;
import ai.ringrift.runtime.ServiceMain;
import ai.ringrift.runtime.ServiceRuntime;
import ai.ringrift.runtime.StandardHealthChecks;
import ai.ringrift.runtime.health.HealthSettings;
import ai.ringrift.runtime.roles.RoleContext;
import ai.ringrift.simulation.SimulationSettings;
import ai.ringrift.simulation.cluster.SimulatedSelfplayWorker;
import ai.ringrift.stages.action.SimulationNotice;
import ai.ringrift.stages.host.StagePaths;
import ai.ringrift.stages.host.StagesFile;
import ai.ringrift.stages.sync.P2pUrl;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ringrift simulate-selfplay}: one SIMULATED selfplay host, a stand-in for RingRift's
 * selfplay workers where none run (the compose cluster): it plays seeded games with the production
 * model the sync stage put in {@code --models}, writes them as game files under {@code --games} and
 * publishes {@code SelfplayBatchCompleted}. Never a replacement for the real workers.
 */
@Command(
    name = "simulate-selfplay",
    mixinStandardHelpOptions = true,
    description = {
      "Run one SIMULATED selfplay host (seeded games, real files, real events) until stopped:"
          + " a stand-in for RingRift's selfplay workers, e.g. in the compose cluster.",
      "With $RINGRIFT_P2P_URL set, its batches name that endpoint as where their games are"
          + " pulled from."
    })
public final class SimulateSelfplayCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConnectionOptions connection;

  @Option(
      names = "--node",
      required = true,
      paramLabel = "NAME",
      description = "This host's name, as the sync stage knows it (sync.selfplayHosts).")
  String node;

  @Option(
      names = "--games",
      required = true,
      paramLabel = "DIR",
      description = "Where game files go (<DIR>/<config>/*.games.jsonl).")
  Path games;

  @Option(
      names = "--models",
      required = true,
      paramLabel = "DIR",
      description = "Where the sync stage puts this host's production models.")
  Path models;

  @Option(
      names = "--configs",
      required = true,
      split = ",",
      paramLabel = "CONFIG",
      description = "Configs to play, e.g. square8_2p,hex8_2p.")
  List<String> configs;

  @Option(
      names = "--acknowledged",
      paramLabel = "FILE",
      description =
          "Append the event id of every batch the cluster acknowledged to FILE (for an audit that"
              + " checks that no acknowledged event was lost).")
  Path acknowledged;

  @Override
  public Integer call() throws Exception {
    List<ConfigKey> keys = new ArrayList<>();
    for (String config : configs) {
      if (!ConfigKeys.isValid(config)) {
        throw new CliException("--configs: '" + config + "' is not a config key like square8_2p");
      }
      keys.add(ConfigKeys.parse(config));
    }
    ConfigSource config = connection.config();
    String p2p = System.getenv(P2pUrl.ENV);
    P2pUrl endpoint = p2p == null || p2p.isBlank() ? null : P2pUrl.parse(p2p);
    KafkaSettings kafka = connection.kafkaSettings();
    ServiceRuntime runtime =
        ServiceRuntime.start("simulated-selfplay", RuntimeSettings.load(config, System.getenv()));
    StandardHealthChecks.register(runtime, kafka, connection.wire(), HealthSettings.load(config));
    SimulationNotice.announce(
        runtime, "selfplay", "it stands in for RingRift's selfplay workers on host " + node);
    ServiceContext context = ServiceMain.context(config, kafka, runtime);
    StagePaths paths = StagesFile.paths(config);
    SimulationSettings simulation =
        StagesFile.section(config, "simulation", SimulationSettings.class);
    try (Writer ledger = ledger();
        EventPublisher publisher =
            EventPublisher.builder()
                .source("simulated-selfplay@" + node)
                .kafka(kafka)
                .catalog(context.catalog())
                .serdes(context.serdes())
                .settings(PublisherSettings.load(config))
                .metrics(runtime.metrics())
                .build()) {
      SimulatedSelfplayWorker worker =
          new SimulatedSelfplayWorker(
              node,
              games,
              models,
              keys,
              paths::modelFileName,
              simulation,
              publisher,
              endpoint == null ? null : k -> endpoint.gamesOf(ConfigKeys.format(k)),
              record(ledger));
      Runtime.getRuntime().addShutdownHook(new Thread(worker::stop, "simulated-selfplay-stop"));
      PrintWriter out = spec.commandLine().getOut();
      out.println(
          "SIMULATION: simulated selfplay host "
              + node
              + " (host "
              + RoleContext.localHost()
              + ") playing "
              + String.join(",", configs)
              + (endpoint == null ? "" : ", games pulled from " + endpoint.location())
              + "; status at "
              + runtime.http().baseUrl());
      out.flush();
      worker.run();
    } finally {
      runtime.close();
    }
    return 0;
  }

  private Writer ledger() throws IOException {
    if (acknowledged == null) {
      return Writer.nullWriter();
    }
    if (acknowledged.getParent() != null) {
      Files.createDirectories(acknowledged.getParent());
    }
    return Files.newBufferedWriter(
        acknowledged, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  private static Consumer<PublishedEvent> record(Writer ledger) {
    return published -> {
      synchronized (ledger) {
        try {
          ledger.write(published.eventId() + "\n");
          ledger.flush();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    };
  }
}
