package ai.ringrift.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.ringrift.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpUsersTest {
  @TempDir Path dir;

  @Test
  void givenUsersLogInWithTheirPasswordOnlyAndGetTheirRoles() {
    HttpUsers users = HttpUsers.of(Map.of("selfplay", "pw-1"), HttpUsers.PLATFORM);
    assertThat(users.authenticate("selfplay", "pw-1")).contains(Set.of(HttpUsers.PLATFORM));
    assertThat(users.authenticate("selfplay", "pw-2")).isEmpty();
    assertThat(users.authenticate("trainer", "pw-1")).isEmpty();
    assertThat(users.authenticate("selfplay", "")).isEmpty();
  }

  @Test
  void aJettyFileAcceptsMd5AndPlainPasswordsWithTheirRoles() throws Exception {
    // the line `ringrift acls users --registry-password-file` writes, and a metrics reader
    Path file =
        Files.writeString(
            dir.resolve("passwords"),
            "# comment\n"
                + "admin: MD5:"
                + HttpUsers.md5("admin-pw")
                + ",ringrift\n"
                + "prometheus: scrape-pw,metrics\n");
    HttpUsers users = HttpUsers.file(file);
    assertThat(users.authenticate("admin", "admin-pw")).contains(Set.of("ringrift"));
    assertThat(users.authenticate("admin", "MD5:" + HttpUsers.md5("admin-pw"))).isEmpty();
    assertThat(users.authenticate("prometheus", "scrape-pw")).contains(Set.of("metrics"));
    assertThat(users.names()).containsExactly("admin", "prometheus");
  }

  @Test
  void aRotatedPasswordInTheFileIsTakenWithoutRestart() throws Exception {
    Path file = Files.writeString(dir.resolve("passwords"), "stages: old-pw,ringrift\n");
    HttpUsers users = HttpUsers.file(file);
    assertThat(users.authenticate("stages", "old-pw")).isPresent();
    Files.writeString(file, "stages: new-pw-longer,ringrift\n");
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
    assertThat(users.authenticate("stages", "new-pw-longer")).isPresent();
    assertThat(users.authenticate("stages", "old-pw")).isEmpty();
  }

  @Test
  void aBrokenRewriteKeepsTheLastGoodFile() throws Exception {
    Path file = Files.writeString(dir.resolve("passwords"), "stages: pw,ringrift\n");
    HttpUsers users = HttpUsers.file(file);
    Files.writeString(file, "this line has no colon and is longer\n");
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
    assertThat(users.authenticate("stages", "pw")).isPresent();
  }

  @Test
  void obfuscatedPasswordsAreRefusedNamingTheLine() throws Exception {
    Path file = Files.writeString(dir.resolve("passwords"), "\nx: OBF:1v2j1uum,ringrift\n");
    assertThatThrownBy(() -> HttpUsers.file(file))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(file + ":2");
  }

  @Test
  void nobodyMeansNoAuthenticationAndPlusJoinsSources() throws Exception {
    assertThat(HttpUsers.none().isEmpty()).isTrue();
    Path file = Files.writeString(dir.resolve("passwords"), "b: pw-b,metrics\n");
    HttpUsers both =
        HttpUsers.of(Map.of("a", "pw-a"), HttpUsers.PLATFORM).plus(HttpUsers.file(file));
    assertThat(both.isEmpty()).isFalse();
    assertThat(both.authenticate("a", "pw-a")).isPresent();
    assertThat(both.authenticate("b", "pw-b")).isEqualTo(Optional.of(Set.of("metrics")));
  }
}
