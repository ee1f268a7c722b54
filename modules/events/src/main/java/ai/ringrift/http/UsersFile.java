package ai.ringrift.http;

import ai.ringrift.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A password file in Jetty's {@code PropertyFileLoginModule} format: {@code user: credential[,role
 * ...]} per line, {@code #} comments; the credential is the password or {@code MD5:<hex>} of it.
 * Read again when its modification time or size changes; a changed file that does not parse is
 * logged and the last good version kept, so a half-written file never locks everyone out.
 */
final class UsersFile {
  private static final Logger LOGGER = LoggerFactory.getLogger(UsersFile.class);

  private record Snapshot(FileTime modified, long size, Map<String, HttpUsers.Credential> users) {}

  private final Path path;
  private volatile Snapshot snapshot;

  private UsersFile(Path path, Snapshot snapshot) {
    this.path = path;
    this.snapshot = snapshot;
  }

  static UsersFile open(Path path) {
    try {
      return new UsersFile(path, read(path));
    } catch (IOException e) {
      throw new ConfigException(path.toString(), "cannot read the HTTP users file: " + e);
    }
  }

  /** The users as the file says now (or as it last said in a form that parsed). */
  Map<String, HttpUsers.Credential> users() {
    Snapshot last = snapshot;
    try {
      if (!Files.getLastModifiedTime(path).equals(last.modified())
          || Files.size(path) != last.size()) {
        synchronized (this) {
          snapshot = read(path);
          LOGGER.info("http users file={} reloaded users={}", path, snapshot.users().keySet());
        }
      }
    } catch (IOException | ConfigException e) {
      LOGGER.warn(
          "http users file={} not reloaded, keeping the last good one: {}", path, e.getMessage());
    }
    return snapshot.users();
  }

  private static Snapshot read(Path path) throws IOException {
    FileTime modified = Files.getLastModifiedTime(path);
    long size = Files.size(path);
    List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
    Map<String, HttpUsers.Credential> users = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      users.putAll(parse(path, i + 1, line));
    }
    return new Snapshot(modified, size, Map.copyOf(users));
  }

  private static Map<String, HttpUsers.Credential> parse(Path path, int number, String line) {
    int colon = line.indexOf(':');
    if (colon < 1) {
      throw new ConfigException(
          path + ":" + number, "a line is 'user: password[,role...]' (Jetty's format)");
    }
    String user = line.substring(0, colon).strip();
    List<String> parts =
        Arrays.stream(line.substring(colon + 1).split(",")).map(String::strip).toList();
    String secret = parts.get(0);
    if (secret.isEmpty() || secret.startsWith("OBF:") || secret.startsWith("CRYPT:")) {
      throw new ConfigException(
          path + ":" + number,
          "user " + user + " needs a password or MD5:<hex> (OBF: and CRYPT: are not read here)");
    }
    Set<String> roles =
        parts.stream().skip(1).filter(r -> !r.isEmpty()).collect(Collectors.toUnmodifiableSet());
    return Map.of(user, new HttpUsers.Credential(secret, roles));
  }
}
