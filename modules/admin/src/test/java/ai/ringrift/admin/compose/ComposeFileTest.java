package ai.ringrift.admin.compose;

import static org.assertj.core.api.Assertions.assertThat;

import ai.ringrift.admin.Ringrift;
import ai.ringrift.admin.launch.LaunchCommand;
import ai.ringrift.client.ServiceClientSettings;
import ai.ringrift.config.ConfigSource;
import ai.ringrift.config.SecretFiles;
import ai.ringrift.runtime.StandaloneService;
import ai.ringrift.runtime.daemon.DaemonSettings;
import ai.ringrift.runtime.daemon.LaunchSelection;
import ai.ringrift.stages.StageSettings;
import ai.ringrift.stages.action.ActionKind;
import ai.ringrift.stages.action.ActionSpec;
import ai.ringrift.stages.sync.SyncHost;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * docker-compose.yml and its override files read as Compose reads them (anchors and merge keys
 * resolved): every service runs something that exists in this repository, the cluster is what
 * docs/cluster.md promises, and the config the containers load is valid. scripts/cluster-test
 * starts it for real.
 */
class ComposeFileTest {
  static final Path ROOT = Path.of("../..");
  static final ConfigSource CONFIG = ConfigSource.directory(ROOT.resolve("config"));
  static final Map<String, Map<String, Object>> SERVICES = services("docker-compose.yml");

  /** The image docker-compose.yml builds from this repository's Dockerfile. */
  static final String OUR_IMAGE = "ringrift:dev";

  /** Entry points of the image from docker/bin (the others are scripts/). */
  static final Path CONTAINER_BIN = ROOT.resolve("docker/bin");

  @Test
  void everyServiceRunsACommandOfThisRepositoryFromOneImage() throws IOException {
    String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
    assertThat(dockerfile)
        .contains("ARG BASE_IMAGE=eclipse-temurin:17-jre")
        .contains("ENTRYPOINT [\"ringrift\"]")
        .contains(
            "COPY scripts /app/scripts", "COPY docker /app/docker", "COPY actions /app/actions");
    assertThat(SERVICES.values())
        .anyMatch(s -> s.get("build") instanceof Map<?, ?> b && ".".equals(b.get("context")));
    for (Map.Entry<String, Map<String, Object>> service : SERVICES.entrySet()) {
      Map<String, Object> s = service.getValue();
      assertThat(s.get("image")).as(service.getKey()).isEqualTo(OUR_IMAGE);
      List<List<String>> invocations = invocations(s);
      assertThat(invocations).as(service.getKey() + " runs something").isNotEmpty();
      for (List<String> invocation : invocations) {
        assertRunnable(service.getKey(), invocation);
      }
    }
  }

  @Test
  void imagesOfTheOverrideFilesArePinnedToAVersion() {
    for (String file :
        List.of("docker/compose/apache-kafka.yml", "docker/compose/confluent-registry.yml")) {
      services(file)
          .forEach(
              (name, s) ->
                  assertThat(String.valueOf(s.get("image")))
                      .as(file + ": " + name)
                      .matches("[a-z0-9./-]+:[0-9][\\w.-]*"));
    }
  }

  @Test
  void threeKraftBrokersOfKafkasOwnServerWithReplicationThreeMinIsrTwoNoAutoCreateAndSasl()
      throws IOException {
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
              "CONTROLLER:SASL_SSL,INTERNAL:SASL_SSL,EXTERNAL:SASL_SSL")
          .containsEntry("KAFKA_LISTENER_NAME_EXTERNAL_SASL_ENABLED_MECHANISMS", "SCRAM-SHA-512");
      assertThat(String.valueOf(env.get("KAFKA_CONTROLLER_QUORUM_VOTERS")).split(",")).hasSize(3);
      assertThat(SERVICES.get(broker).get("entrypoint")).isEqualTo(List.of("kafka-server"));
    }
    assertThat(Files.readString(CONTAINER_BIN.resolve("kafka-server")))
        .contains("kafka.tools.StorageTool format", "kafka.Kafka \"$props\"");
    // SCRAM logins work only when the broker's JAAS section loads Kafka's SCRAM login module
    assertThat(Files.readString(ROOT.resolve("docker/kafka/broker_jaas.conf")))
        .contains("org.apache.kafka.common.security.scram.ScramLoginModule required;");
    assertThat(String.valueOf(SERVICES.get("init-security").get("command")))
        .contains("topics apply --replication-factor 3 --min-insync-replicas 2");
  }

  @Test
  void servicesThatStayUpHaveAHealthCheckARestartPolicyAndLimits() {
    SERVICES.forEach(
        (name, s) -> {
          if (s.containsKey("profiles")) {
            return; // run on demand, never started by `up`
          }
          assertThat(s.get("restart")).as(name).isIn("unless-stopped", "on-failure");
          if ("unless-stopped".equals(s.get("restart"))) {
            assertThat(s).as(name + " health check").containsKey("healthcheck");
            assertThat(s).as(name + " limits").containsKeys("mem_limit", "cpus");
          }
        });
  }

  @Test
  void nothingIsPublishedOnTheHostButByTheHostPortsOverride() {
    SERVICES.forEach((name, s) -> assertThat(s).as(name).doesNotContainKey("ports"));
    Map<String, Map<String, Object>> published = services("docker/compose/host-ports.yml");
    assertThat(published).containsKeys("kafka-1", "kafka-2", "kafka-3", "schema-registry-1");
    assertThat(SERVICES.keySet()).containsAll(published.keySet());
  }

  @Test
  void noSecretIsInTheEnvironmentAndEachServiceGetsOnlyItsRolesSecretFiles() {
    SERVICES.forEach(
        (name, s) -> {
          Map<String, Object> env = environment(s);
          if (env == null) {
            return;
          }
          List<String> secrets = names(s.get("secrets"));
          env.forEach(
              (variable, value) -> {
                if (!SecretFiles.isSecret(variable)) {
                  return;
                }
                assertThat(variable).as(name + ": a secret only as a file").endsWith("_FILE");
                String file = String.valueOf(value);
                if (file.startsWith("/run/secrets/")) {
                  assertThat(secrets)
                      .as(name + ": " + variable + " is one of its secrets")
                      .contains(file.substring("/run/secrets/".length()));
                } else {
                  // the trust store's password guards no key: public, in the trust volume
                  assertThat(file).isEqualTo("/var/lib/ringrift/tls/truststore-password");
                }
              });
          String role = String.valueOf(env.get("RINGRIFT_KAFKA_USERNAME"));
          if (env.containsKey("RINGRIFT_KAFKA_USERNAME")) {
            assertThat(env)
                .as(name + " logs in as its role over TLS")
                .containsEntry("RINGRIFT_CLUSTER_AUTH_TOKEN_FILE", "/run/secrets/" + role)
                .containsEntry("RINGRIFT_KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
          }
        });
    // a stage, a selfplay host and a Streams app see their own role's password and no other
    assertThat(names(SERVICES.get("export").get("secrets"))).containsExactly("stages");
    assertThat(names(SERVICES.get("selfplay-1").get("secrets"))).containsExactly("selfplay");
    assertThat(names(SERVICES.get("signal-computer").get("secrets"))).containsExactly("streams");
    Map<String, Object> secrets = top("docker-compose.yml", "secrets");
    secrets.forEach(
        (secret, definition) ->
            assertThat(String.valueOf(definition))
                .as(secret + " comes from scripts/cluster-secrets' directory")
                .contains("${RINGRIFT_SECRETS_DIR:-./var/cluster-secrets}/" + secret));
  }

  @Test
  void twoRegistryInstancesAnswerUnderTheNameTheServicesUse() {
    String url =
        String.valueOf(environment(SERVICES.get("export")).get("RINGRIFT_SCHEMA_REGISTRY_URL"));
    assertThat(url).isEqualTo("https://schema-registry:8081");
    for (String instance : List.of("schema-registry-1", "schema-registry-2")) {
      Map<String, Object> s = SERVICES.get(instance);
      assertThat(s.get("command")).isEqualTo(List.of("schema-registry"));
      assertThat(String.valueOf(s.get("networks"))).contains("aliases=[schema-registry]");
    }
  }

  @Test
  void theContainersConfigIsValidAndRunsTheReferenceActionsAgainstTheSelfplayContainers() {
    String overrides =
        String.valueOf(environment(SERVICES.get("training")).get("RINGRIFT_CONFIG_OVERRIDES"));
    assertThat(overrides).startsWith("/app/docker/cluster/cluster.yaml");
    ConfigSource cluster =
        CONFIG.withOverrideFiles(
            ROOT.resolve("docker/cluster/cluster.yaml")
                + ","
                + ROOT.resolve("docker/cluster/pace.yaml"));
    StageSettings stages = StageSettings.load(cluster);
    assertThat(ServiceClientSettings.load(cluster).fetchMaxWaitMs()).isEqualTo(500);
    for (ActionSpec action :
        List.of(
            stages.export().action(), stages.training().action(), stages.evaluation().action())) {
      assertThat(action.kind()).isEqualTo(ActionKind.COMMAND);
      Matcher script =
          Pattern.compile("python3 /app/(actions/\\w+\\.py)").matcher(action.command().template());
      assertThat(script.find()).as(action.command().template()).isTrue();
      assertThat(ROOT.resolve(script.group(1))).exists();
    }
    List<String> hosts = stages.sync().selfplayHosts().stream().map(SyncHost::name).toList();
    assertThat(hosts).containsExactly("selfplay-1", "selfplay-2");
    assertThat(String.valueOf(SERVICES.get("init-keys").get("command")))
        .contains("init-ssh " + String.join(" ", hosts));
    for (String host : hosts) {
      assertThat(environment(SERVICES.get(host))).containsEntry("RINGRIFT_NODE", host);
      assertThat(stages.sync().selfplayHosts().get(hosts.indexOf(host)).games())
          .isEqualTo("ringrift@" + host + ":/data/games");
    }
    assertThat(stages.sync().rsync().remoteShell()).contains("-p 2222", "/var/lib/ringrift/ssh/");
  }

  @Test
  void filesMountedFromTheRepositoryExist() {
    for (String file :
        List.of(
            "docker-compose.yml",
            "docker/compose/apache-kafka.yml",
            "docker/compose/confluent-registry.yml")) {
      services(file)
          .forEach(
              (name, s) -> {
                for (Object volume : list(s.get("volumes"))) {
                  String source = String.valueOf(volume).split(":")[0];
                  if (source.startsWith("./")) {
                    assertThat(ROOT.resolve(source))
                        .as(file + ": " + name + " mounts " + source)
                        .exists();
                  }
                }
              });
    }
  }

  @Test
  void everyVariableTheFilesReadIsDocumented() throws IOException {
    String guide = Files.readString(ROOT.resolve("docs/cluster.md"));
    for (String file :
        List.of(
            "docker-compose.yml",
            "docker/compose/apache-kafka.yml",
            "docker/compose/confluent-registry.yml")) {
      String compose = Files.readString(ROOT.resolve(file));
      Matcher variable = Pattern.compile("(?<!\\$)\\$\\{([A-Z0-9_]+)").matcher(compose);
      while (variable.find()) {
        String name = variable.group(1);
        String documented =
            name.startsWith("RINGRIFT_CLUSTER_AUTH_TOKEN_")
                ? "RINGRIFT_CLUSTER_AUTH_TOKEN_<ROLE>"
                : name;
        assertThat(guide).as(file + ": " + name + " is documented").contains(documented);
      }
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
    Path script =
        Files.exists(CONTAINER_BIN.resolve(program))
            ? CONTAINER_BIN.resolve(program)
            : ROOT.resolve("scripts").resolve(program);
    assertThat(script).as(service + ": " + program + " in scripts/ or docker/bin/").isExecutable();
    switch (program) {
      case "selfplay-host" -> assertRunnable(service, invocation.subList(1, invocation.size()));
      case "ringrift-service" -> assertServiceHasAMain(service, invocation);
      case "ringrift" -> assertRingriftCommand(service, invocation);
      default -> {}
    }
  }

  private static void assertRingriftCommand(String service, List<String> invocation) {
    String[] args =
        invocation.subList(1, invocation.size()).stream()
            .map(a -> a.replaceAll("\\$\\{[A-Z_]+:-([^}]*)}", "$1"))
            .toArray(String[]::new);
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
      assertThat(LaunchCommand.daemons().names()).as(service).contains(daemon);
    }
  }

  /** {@code ringrift-service NAME}: a module offers a standalone service of that name. */
  private static void assertServiceHasAMain(String service, List<String> invocation) {
    assertThat(invocation).as(service).hasSize(2);
    assertThat(StandaloneService.fromClasspath())
        .as(service + ": ringrift-service knows " + invocation.get(1))
        .containsKey(invocation.get(1));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> services(String file) {
    return (Map<String, Map<String, Object>>) (Map<String, ?>) top(file, "services");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> top(String file, String key) {
    try {
      Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
      Map<String, Object> compose = yaml.load(Files.readString(ROOT.resolve(file)));
      return (Map<String, Object>) compose.get(key);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> environment(Map<String, Object> service) {
    return (Map<String, Object>) service.get("environment");
  }

  private static List<String> names(Object value) {
    return list(value).stream().map(String::valueOf).toList();
  }

  private static List<?> list(Object value) {
    if (value == null) {
      return List.of();
    }
    return value instanceof List<?> l ? l : List.of(value);
  }
}
