package ai.ringrift.admin.docs;

import ai.ringrift.admin.up.EmbeddedLoopSettings;
import ai.ringrift.client.ServiceClientSettings;
import ai.ringrift.client.history.HistorySettings;
import ai.ringrift.client.publish.PublisherSettings;
import ai.ringrift.client.security.SecurityConfig;
import ai.ringrift.client.serde.WireSettings;
import ai.ringrift.client.subscribe.DedupSettings;
import ai.ringrift.client.subscribe.SubscriberSettings;
import ai.ringrift.dashboard.DashboardSettings;
import ai.ringrift.events.catalog.TopicCatalog;
import ai.ringrift.runtime.RuntimeSettings;
import ai.ringrift.runtime.daemon.DaemonSettings;
import ai.ringrift.runtime.health.HealthSettings;
import ai.ringrift.runtime.roles.RoleSettings;
import ai.ringrift.simulation.SimulationSettings;
import ai.ringrift.stages.bandwidth.BandwidthSettings;
import ai.ringrift.stages.evaluation.EvaluationConfig;
import ai.ringrift.stages.export.ExportConfig;
import ai.ringrift.stages.host.RunPolicy;
import ai.ringrift.stages.host.StagePaths;
import ai.ringrift.stages.promotion.PromotionStageSettings;
import ai.ringrift.stages.sync.SyncConfig;
import ai.ringrift.stages.training.TrainingConfig;
import ai.ringrift.streams.circuit.CircuitBreakerConfig;
import ai.ringrift.streams.common.StreamsSettings;
import ai.ringrift.streams.promotion.PromotionConfig;
import ai.ringrift.streams.signals.SignalsConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Writes {@code docs/configuration.md}, the configuration reference: every key of every file in
 * {@code config/} with the Java type it is loaded into (from the typed config records), its shipped
 * value and its description (the file's comments). ConfigReferenceTest fails when the committed
 * file differs from what this generates.
 */
public final class ConfigReference {
  /** The command that regenerates the reference, run from the repository root. */
  public static final String REGENERATE = "scripts/config-reference";

  /** A part of a file loaded into a record: {@code path} is the section (dotted) or "" for all. */
  record Binding(String file, String path, Class<?> type) {}

  static final List<Binding> BINDINGS =
      List.of(
          new Binding(TopicCatalog.FILE, "", TopicCatalog.fileRecord()),
          new Binding("runtime.yaml", "runtime", RuntimeSettings.class),
          new Binding("runtime.yaml", "health", HealthSettings.class),
          new Binding("client.yaml", "publisher", PublisherSettings.class),
          new Binding("client.yaml", "subscriber", SubscriberSettings.class),
          new Binding("client.yaml", "serviceClients", ServiceClientSettings.class),
          new Binding("client.yaml", "dedup", DedupSettings.class),
          new Binding("client.yaml", "history", HistorySettings.class),
          new Binding("client.yaml", "wire", WireSettings.class),
          new Binding("security.yaml", "security", SecurityConfig.class),
          new Binding("roles.yaml", "roles", RoleSettings.class),
          new Binding("streams.yaml", "streams", StreamsSettings.class),
          new Binding("signals.yaml", "signals", SignalsConfig.class),
          new Binding("circuit-breakers.yaml", "circuitBreakers", CircuitBreakerConfig.class),
          new Binding("promotion.yaml", "promotion", PromotionConfig.class),
          new Binding("daemons.yaml", "daemons", DaemonSettings.class),
          new Binding("bandwidth.yaml", "bandwidth", BandwidthSettings.class),
          new Binding("stages.yaml", "paths", StagePaths.class),
          new Binding("stages.yaml", "runs", RunPolicy.class),
          new Binding("stages.yaml", "sync", SyncConfig.class),
          new Binding("stages.yaml", "export", ExportConfig.class),
          new Binding("stages.yaml", "training", TrainingConfig.class),
          new Binding("stages.yaml", "evaluation", EvaluationConfig.class),
          new Binding("stages.yaml", "promotion", PromotionStageSettings.class),
          new Binding("stages.yaml", "simulation", SimulationSettings.class),
          new Binding("embedded.yaml", "embedded", EmbeddedLoopSettings.class),
          new Binding("dashboard.yaml", "dashboard", DashboardSettings.class));

  private ConfigReference() {}

  /** {@code scripts/config-reference [CONFIG_DIR [OUTPUT]]}: writes the reference. */
  public static void main(String[] args) throws IOException {
    Path config = Path.of(args.length > 0 ? args[0] : "config");
    Path output = Path.of(args.length > 1 ? args[1] : "docs/configuration.md");
    Files.createDirectories(output.toAbsolutePath().getParent());
    Files.writeString(output, render(config), StandardCharsets.UTF_8);
    System.out.println("wrote " + output);
  }

  /** The reference of the files in {@code config} as Markdown. */
  public static String render(Path config) {
    StringBuilder md = new StringBuilder();
    md.append("# Configuration reference\n\n")
        .append("<!-- generated by ")
        .append(ConfigReference.class.getName())
        .append(": do not edit; run `")
        .append(REGENERATE)
        .append("` -->\n\n")
        .append("Every key of every file in `config/`, the one source of truth for thresholds.")
        .append(" Each file is loaded into typed records whose compact constructors validate")
        .append(" it at start-up: a bad value stops the service with a message naming the file")
        .append(" and the key. *Type* is the Java type a key is loaded into (`-` for a parent")
        .append(" whose keys follow, or a key no record reads as such); *Value* is the shipped")
        .append(" value; *Description* is the file's comment. Regenerate with `")
        .append(REGENERATE)
        .append("`.\n");
    for (Path file : files(config)) {
      md.append(FileSection.render(file, bindingsOf(file.getFileName().toString())));
    }
    return md.toString();
  }

  private static List<Binding> bindingsOf(String file) {
    return BINDINGS.stream().filter(b -> b.file().equals(file)).toList();
  }

  /** The type of the key at {@code path}, if a binding covers it. */
  static Optional<Type> typeOf(List<Binding> bindings, String path) {
    for (Binding b : bindings) {
      if (b.path().isEmpty() || path.equals(b.path()) || path.startsWith(b.path() + ".")) {
        String below = b.path().isEmpty() ? path : path.substring(b.path().length());
        List<String> names = Arrays.stream(below.split("\\.")).filter(s -> !s.isEmpty()).toList();
        return RecordTypes.at(b.type(), names);
      }
    }
    return Optional.empty();
  }

  private static List<Path> files(Path config) {
    try (Stream<Path> files = Files.list(config)) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + config, e);
    }
  }
}
