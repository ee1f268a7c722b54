package ai.ringrift.admin.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import ai.ringrift.admin.Cli;
import ai.ringrift.admin.cli.ExitCodes;
import ai.ringrift.testkit.KafkaCluster;
import ai.ringrift.testkit.WithKafkaCluster;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** {@code ringrift schemas list|register|check} against a real broker and registry. */
@WithKafkaCluster
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SchemasCommandIT {
  static final Path SCHEMAS = Path.of("../../schemas");

  @Test
  @Order(1)
  void listShowsWhatIsNotRegisteredThenRegisterAndListAgain(KafkaCluster cluster) {
    Cli.Result before = Cli.on(cluster, "schemas", "list");
    assertThat(before.exitCode()).as(before.toString()).isZero();
    assertThat(before.out())
        .containsPattern(
            "ringrift\\.model\\.promoted-value\\s+0\\s+\\S+\\s+BACKWARD\\s+not registered");

    Cli.Result register = Cli.on(cluster, "schemas", "register");
    assertThat(register.out()).contains("subjects registered at " + cluster.registryUrl());

    Cli.Result after = Cli.on(cluster, "schemas", "list", "-o", "json");
    assertThat(after.out())
        .contains("\"subject\" : \"ringrift.model.promoted-value\"")
        .contains("\"thisBuild\" : \"version 1 (latest)\"");
  }

  @Test
  @Order(2)
  void theRepositorySchemasPassTheCheck(KafkaCluster cluster) {
    Cli.Result check = Cli.on(cluster, "schemas", "check", "--schemas", SCHEMAS.toString());

    assertThat(check.exitCode()).as(check.toString()).isZero();
    assertThat(check.out())
        .containsPattern(
            "ringrift\\.training\\.completed-value\\s+\\S+TrainingCompleted\\.avsc\\s+BACKWARD"
                + "\\s+version 1\\s+registered as version 1");
  }

  @Test
  @Order(3)
  void aNewFieldWithoutDefaultFailsNamingTheField(KafkaCluster cluster, @TempDir Path dir)
      throws IOException {
    Path schemas = copy(SCHEMAS, dir.resolve("schemas"));
    Path file = schemas.resolve("TrainingCompleted.avsc");
    Files.writeString(
        file,
        Files.readString(file)
            .replace(
                "{\"name\": \"job_id\", \"type\": \"string\"},",
                "{\"name\": \"job_id\", \"type\": \"string\"}, {\"name\": \"gpu_hours\", \"type\":"
                    + " \"double\"},"));

    Cli.Result check = Cli.on(cluster, "schemas", "check", "--schemas", schemas.toString());

    assertThat(check.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(check.out())
        .containsPattern(
            "ringrift\\.training\\.completed-value.+INCOMPATIBLE: field 'gpu_hours'"
                + " READER_FIELD_MISSING_DEFAULT_VALUE");
    assertThat(check.err().lines()).hasSize(1);
    assertThat(check.err())
        .startsWith("ringrift check: " + file + " cannot follow ringrift.training.completed-value")
        .contains("field 'gpu_hours': READER_FIELD_MISSING_DEFAULT_VALUE")
        .contains("add fields with defaults only");
  }

  @Test
  void anUnreachableRegistryIsOneLine(KafkaCluster cluster) {
    Cli.Result result =
        Cli.against(
            cluster.bootstrapServers(), "schemas", "check", "--registry-url", "http://localhost:1");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(result.err().lines()).hasSize(1);
    assertThat(result.err())
        .startsWith("ringrift check: cannot reach the schema registry at http://localhost:1")
        .contains("pass --registry-url");
  }

  @Test
  void aRegistryThatDoesNotAnswerIsNamedWithWhereToGetOne() throws IOException {
    String url;
    try (ServerSocket socket = new ServerSocket(0)) {
      url = "http://127.0.0.1:" + socket.getLocalPort(); // closed again: nothing listens there
    }
    Cli.Result result = Cli.run("schemas", "list", "--registry-url", url);

    assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(result.err())
        .startsWith("ringrift list: cannot reach the schema registry at " + url)
        .contains("start it with `scripts/ringrift up`, or pass --registry-url or set");
    assertThat(result.err().lines()).hasSize(1);
  }

  static Path copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
    return to;
  }
}
