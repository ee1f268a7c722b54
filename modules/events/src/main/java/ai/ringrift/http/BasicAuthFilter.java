package ai.ringrift.http;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP basic auth in front of a JDK {@code HttpServer} context: a request without valid credentials
 * gets 401 with a {@code WWW-Authenticate} challenge; a known user whom the {@link Policy} refuses
 * gets 403. Every refusal is logged at WARN with the method, path, remote address and user (never
 * the password), so an attack leaves a trace.
 */
public final class BasicAuthFilter extends Filter {
  private static final Logger LOGGER = LoggerFactory.getLogger(BasicAuthFilter.class);

  /** Decides what an authenticated user may do. */
  @FunctionalInterface
  public interface Policy {
    /** Why {@code user} (in {@code roles}) may not make this request; empty when it may. */
    Optional<String> refusal(HttpExchange exchange, String user, Set<String> roles);
  }

  /** Writes a refusal's body (the registry answers in its JSON error format, say). */
  @FunctionalInterface
  public interface Answer {
    /** The content type and body for a refusal with {@code status} and {@code message}. */
    String[] render(int status, String message);
  }

  /** Plain text refusals. */
  public static final Answer TEXT =
      (status, message) -> new String[] {"text/plain; charset=utf-8", message + "\n"};

  private final String realm;
  private final HttpUsers users;
  private final Policy policy;
  private final Answer answer;

  /** Authenticates against {@code users}, then asks {@code policy}. */
  public BasicAuthFilter(String realm, HttpUsers users, Policy policy, Answer answer) {
    this.realm = realm;
    this.users = users;
    this.policy = policy;
    this.answer = answer;
  }

  @Override
  public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
    Optional<String[]> credentials =
        credentials(exchange.getRequestHeaders().getFirst("Authorization"));
    if (credentials.isEmpty()) {
      refuse(exchange, 401, "-", "no credentials", "authentication required (HTTP basic auth)");
      return;
    }
    String user = credentials.get()[0];
    Optional<Set<String>> roles = users.authenticate(user, credentials.get()[1]);
    if (roles.isEmpty()) {
      refuse(exchange, 401, user, "unknown user or wrong password", "invalid credentials");
      return;
    }
    Optional<String> refusal = policy.refusal(exchange, user, roles.get());
    if (refusal.isPresent()) {
      refuse(exchange, 403, user, refusal.get(), refusal.get());
      return;
    }
    chain.doFilter(exchange);
  }

  @Override
  public String description() {
    return "HTTP basic auth, realm " + realm;
  }

  private void refuse(HttpExchange exchange, int status, String user, String reason, String message)
      throws IOException {
    LOGGER.warn(
        "http request refused status={} realm={} method={} path={} remote={} user={} reason={}",
        status,
        realm,
        exchange.getRequestMethod(),
        exchange.getRequestURI().getPath(),
        exchange.getRemoteAddress(),
        user,
        reason);
    String[] rendered = answer.render(status, message);
    byte[] body = rendered[1].getBytes(StandardCharsets.UTF_8);
    if (status == 401) {
      exchange
          .getResponseHeaders()
          .set("WWW-Authenticate", "Basic realm=\"" + realm + "\", charset=\"UTF-8\"");
    }
    HttpServers.answer(exchange, status, rendered[0], body);
  }

  /**
   * The {@code Authorization} header value a client sends for {@code userInfo} ({@code
   * user:password}), as this filter reads it.
   */
  public static String header(String userInfo) {
    return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
  }

  private static Optional<String[]> credentials(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.empty();
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    int colon = decoded.indexOf(':');
    return colon < 0
        ? Optional.empty()
        : Optional.of(new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
  }
}
