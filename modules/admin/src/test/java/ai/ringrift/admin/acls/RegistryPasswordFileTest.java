package ai.ringrift.admin.acls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The users file that Confluent's registry and the status endpoints read. */
class RegistryPasswordFileTest {
  @Test
  void settingOneRolesPasswordKeepsTheOtherRolesLogins(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("passwords");
    RegistryPasswordFile.write(file, Map.of("admin", "admin-pw", "selfplay", "old-pw"));
    RegistryPasswordFile.write(file, Map.of("selfplay", "new-pw"));
    assertThat(Files.readAllLines(file))
        .containsExactlyInAnyOrder(
            "# written by `ringrift acls users`; do not edit",
            "admin: MD5:" + RegistryPasswordFile.md5("admin-pw") + ",ringrift",
            "selfplay: MD5:" + RegistryPasswordFile.md5("new-pw") + ",ringrift");
  }
}
