package ai.ringrift.admin.acls;

import ai.ringrift.admin.cli.CliException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The password file of Confluent's schema registry (Jetty's {@code PropertyFileLoginModule}): one
 * line {@code <user>: MD5:<hex>,<role>} per platform role, so the registry's basic auth accepts the
 * same user and password as the cluster. Written to a temporary file and moved into place.
 */
final class RegistryPasswordFile {
  /** The Jetty role every platform user gets; the registry's authentication.roles lists it. */
  static final String JETTY_ROLE = "ringrift";

  private RegistryPasswordFile() {}

  /**
   * Writes {@code passwords}' users into {@code file}, keeping the users of the file that are not
   * among them: setting one role's password ({@code acls users --role selfplay}) leaves the others'
   * logins as they were.
   */
  static void write(Path file, Map<String, String> passwords) {
    StringBuilder lines = new StringBuilder("# written by `ringrift acls users`; do not edit\n");
    for (String kept : others(file, passwords.keySet())) {
      lines.append(kept).append('\n');
    }
    passwords.forEach(
        (user, password) ->
            lines
                .append(user)
                .append(": MD5:")
                .append(md5(password))
                .append(',')
                .append(JETTY_ROLE)
                .append('\n'));
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path temporary = Files.createTempFile(parent, ".passwords", ".tmp");
      Files.writeString(temporary, lines, StandardCharsets.UTF_8);
      // the registry runs as another user; the file holds hashes, not passwords
      if (Files.getFileAttributeView(temporary, PosixFileAttributeView.class) != null) {
        Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-r--r--"));
      }
      Files.move(
          temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new CliException("cannot write the registry password file " + file + ": " + e, e);
    }
  }

  /** The user lines of {@code file} (if it exists) whose user is not one of {@code users}. */
  private static List<String> others(Path file, Set<String> users) {
    if (!Files.exists(file)) {
      return List.of();
    }
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
          .filter(line -> !line.isBlank() && !line.startsWith("#") && line.contains(":"))
          .filter(line -> !users.contains(line.substring(0, line.indexOf(':')).trim()))
          .toList();
    } catch (IOException e) {
      throw new CliException("cannot read the registry password file " + file + ": " + e, e);
    }
  }

  static String md5(String password) {
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      return HexFormat.of().formatHex(md5.digest(password.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no MD5", e);
    }
  }
}
