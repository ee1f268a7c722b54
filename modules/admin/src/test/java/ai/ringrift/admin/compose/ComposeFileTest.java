package ai.ringrift.admin.compose;

import static org.assertj.core.api.Assertions.assertThat;

import ai.ringrift.admin.Ringrift;
import ai.ringrift.admin.launch.LaunchCommand;
import ai.ringrift.config.ConfigSource;
import ai.ringrift.stages.daemon.DaemonSettings;
import ai.ringrift.stages.daemon.LaunchSelection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import picocli.CommandLine;

/**
 * docker-compose.yml read as Compose reads it (anchors and merge keys resolved): every service runs
 * something that exists in this repository, and the cluster is what the README promises.
 */
class ComposeFileTest {
  static final Path ROOT = Path.of("../..");
  static final ConfigSource CONFIG = ConfigSource.directory(ROOT.resolve("config"));
  static final Map<String, Map<String, Object>> SERVICES = services();

  /** The image docker-compose.yml builds from this repository's Dockerfile. */
  static final String OUR_IMAGE = "ringrift:dev";

  @Test
  void everyServiceOfOurImageRunsACommandOfThisRepository() throws IOException {
    String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
    assertThat(dockerfile)
        .contains("ENTRYPOINT [\"ringrift\"]")
        .contains("COPY scripts /app/scripts");
    assertThat(SERVICES.values()).anyMatch(s -> ".".equals(s.get("build")));
    for (Map.Entry<String, Map<String, Object>> service : SERVICES.entrySet()) {
      Map<String, Object> s = service.getValue();
      if (!OUR_IMAGE.equals(s.get("image"))) {
        continue;
      }
      List<List<String>> invocations = invocations(s);
      assertThat(invocations).as(service.getKey() + " runs something").isNotEmpty();
      for (List<String> invocation : invocations) {
        assertRunnable(service.getKey(), invocation);
      }
    }
  }

  @Test
  void otherImagesArePinnedToAVersion() {
    SERVICES.forEach(
        (name, s) -> {
          String image = String.valueOf(s.get("image"));
          assertThat(image).as(name).matches("[a-z0-9./-]+:[0-9][\\w.-]*|" + OUR_IMAGE);
        });
  }

  @Test
  void threeKraftBrokersWithReplicationThreeMinIsrTwoNoAutoCreateAndSasl() {
    for (String broker : List.of("kafka-1", "kafka-2", "kafka-3")) {
      Map<String, Object> env = environment(SERVICES.get(broker));
      assertThat(env)
          .as(broker)
          .containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
          .containsEntry("KAFKA_DEFAULT_REPLICATION_FACTOR", 3)
          .containsEntry("KAFKA_MIN_INSYNC_REPLICAS", 2)
          .containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
          .containsEntry("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND", "false")
          .containsEntry(
              "KAFKA_LISTENER_SECURITY_PROTOCOL_MAP",
              "CONTROLLER:SASL_PLAINTEXT,INTERNAL:SASL_PLAINTEXT,EXTERNAL:SASL_PLAINTEXT")
          .containsEntry("KAFKA_LISTENER_NAME_EXTERNAL_SASL_ENABLED_MECHANISMS", "SCRAM-SHA-512");
      assertThat(String.valueOf(env.get("KAFKA_CONTROLLER_QUORUM_VOTERS")).split(",")).hasSize(3);
    }
    assertThat(String.valueOf(SERVICES.get("init-security").get("command")))
        .contains("topics apply --replication-factor 3 --min-insync-replicas 2");
  }

  @Test
  void servicesThatStayUpHaveAHealthCheckAndARestartPolicy() {
    SERVICES.forEach(
        (name, s) -> {
          if (s.containsKey("profiles")) {
            return; // run on demand, never started by `up`
          }
          assertThat(s.get("restart")).as(name).isIn("unless-stopped", "on-failure");
          if ("unless-stopped".equals(s.get("restart"))) {
            assertThat(s).as(name + " health check").containsKey("healthcheck");
          }
        });
  }

  @Test
  void filesMountedFromTheRepositoryExist() {
    SERVICES.forEach(
        (name, s) -> {
          for (Object volume : list(s.get("volumes"))) {
            String source = String.valueOf(volume).split(":")[0];
            if (source.startsWith("./")) {
              assertThat(ROOT.resolve(source)).as(name + " mounts " + source).exists();
            }
          }
        });
  }

  @Test
  void everyVariableTheFileReadsIsDocumentedInTheReadme() throws IOException {
    String compose = Files.readString(ROOT.resolve("docker-compose.yml"));
    String readme = Files.readString(ROOT.resolve("README.md"));
    Matcher variable = Pattern.compile("(?<!\\$)\\$\\{([A-Z0-9_]+)").matcher(compose);
    while (variable.find()) {
      String name = variable.group(1);
      String documented =
          name.startsWith("RINGRIFT_CLUSTER_AUTH_TOKEN_")
              ? "RINGRIFT_CLUSTER_AUTH_TOKEN_<ROLE>"
              : name;
      assertThat(readme).as(name + " is documented").contains(documented);
    }
  }

  /** The command lines a service runs: its command, or each `a && b` of an `sh -c` script. */
  private static List<List<String>> invocations(Map<String, Object> service) {
    List<String> entrypoint =
        list(service.get("entrypoint")).stream().map(String::valueOf).toList();
    List<String> command = list(service.get("command")).stream().map(String::valueOf).toList();
    if (entrypoint.equals(List.of("sh", "-c"))) {
      List<List<String>> steps = new ArrayList<>();
      for (String step : String.join(" ", command).split("&&")) {
        steps.add(Arrays.asList(step.trim().split("\\s+")));
      }
      return steps;
    }
    List<String> line = new ArrayList<>(entrypoint.isEmpty() ? List.of("ringrift") : entrypoint);
    line.addAll(command);
    return List.of(line);
  }

  private static void assertRunnable(String service, List<String> invocation) {
    String program = invocation.get(0);
    assertThat(ROOT.resolve("scripts").resolve(program))
        .as(service + ": scripts/" + program)
        .isExecutable();
    if (program.equals("ringrift-service")) {
      assertServiceHasAMain(service, invocation);
      return;
    }
    if (!program.equals("ringrift")) {
      return;
    }
    String[] args = invocation.subList(1, invocation.size()).toArray(String[]::new);
    CommandLine.ParseResult parsed = Ringrift.commandLine().parseArgs(args);
    assertThat(parsed.hasSubcommand()).as(service + ": " + invocation).isTrue();
    CommandLine.ParseResult last = parsed;
    while (last.hasSubcommand()) {
      last = last.subcommand();
    }
    if (last.commandSpec().name().equals("launch") && last.hasMatchedOption("--stage")) {
      String daemon = last.matchedOptionValue("--stage", "");
      assertThat(LaunchSelection.stage(daemon).resolve(DaemonSettings.load(CONFIG)))
          .containsExactly(daemon);
      assertThat(LaunchCommand.registry().names()).as(service).contains(daemon);
    }
  }

  /** {@code ringrift-service NAME}: NAME is in the script's table, and its class has a main. */
  private static void assertServiceHasAMain(String service, List<String> invocation) {
    assertThat(invocation).as(service).hasSize(2);
    String script;
    try {
      script = Files.readString(ROOT.resolve("scripts/ringrift-service"));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Matcher entry =
        Pattern.compile("\\[" + Pattern.quote(invocation.get(1)) + "\\]=([\\w.]+)").matcher(script);
    assertThat(entry.find()).as(service + ": ringrift-service knows " + invocation.get(1)).isTrue();
    String source = entry.group(1).replace('.', '/') + ".java";
    try (var files = Files.walk(ROOT.resolve("modules"))) {
      List<Path> found = files.filter(f -> f.endsWith(Path.of("src/main/java", source))).toList();
      assertThat(found).as(service + ": source of " + entry.group(1)).hasSize(1);
      assertThat(Files.readString(found.get(0))).contains("public static void main(String[] args)");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> services() {
    try {
      Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
      Map<String, Object> compose = yaml.load(Files.readString(ROOT.resolve("docker-compose.yml")));
      return (Map<String, Map<String, Object>>) compose.get("services");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> environment(Map<String, Object> service) {
    return (Map<String, Object>) service.get("environment");
  }

  private static List<?> list(Object value) {
    if (value == null) {
      return List.of();
    }
    return value instanceof List<?> l ? l : List.of(value);
  }
}
