package ai.ringrift.registry.internal;

import com.sun.net.httpserver.BasicAuthenticator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/**
 * HTTP basic auth against a fixed set of users, as Confluent's registry does with its password
 * file: a request without valid credentials gets 401 and a {@code WWW-Authenticate} challenge.
 */
final class BasicAuth extends BasicAuthenticator {
  private final Map<String, String> users;

  BasicAuth(Map<String, String> users) {
    super("SchemaRegistry", StandardCharsets.UTF_8);
    this.users = Map.copyOf(users);
  }

  @Override
  public boolean checkCredentials(String user, String password) {
    String expected = users.get(user);
    // constant-time comparison: the time taken says nothing about how much of the password matched
    return expected != null
        && MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.UTF_8), password.getBytes(StandardCharsets.UTF_8));
  }
}
