package ai.ringrift.client.registry;

import ai.ringrift.http.KeyStoreFile;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach a Confluent-compatible schema registry.
 *
 * @param url base URL, e.g. {@code http://localhost:8081}
 * @param timeout connect and request timeout of one HTTP call
 * @param maxRetries further attempts after a 5xx answer or a connection failure (never after a 4xx:
 *     those are the caller's mistake and will not change)
 * @param backoff wait before the first retry; doubles with each further one
 * @param basicUserInfo {@code user:password} for HTTP basic auth, if the registry wants it
 * @param bearerToken a bearer token, if the registry wants one (takes precedence over basic auth)
 * @param trustStore the CA certificates to trust for an {@code https} registry; empty: the JDK's
 */
public record RegistryClientConfig(
    URI url,
    Duration timeout,
    int maxRetries,
    Duration backoff,
    Optional<String> basicUserInfo,
    Optional<String> bearerToken,
    Optional<KeyStoreFile> trustStore) {
  public RegistryClientConfig {
    Objects.requireNonNull(url, "schema registry url");
    String scheme = url.getScheme();
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      throw new IllegalArgumentException(
          "schema.registry.url must be an http(s) URL, was '" + url + "'");
    }
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("schema registry timeout must be positive");
    }
    if (maxRetries < 0) {
      throw new IllegalArgumentException("schema registry retries must be at least 0");
    }
    Objects.requireNonNull(backoff, "backoff");
    Objects.requireNonNull(basicUserInfo, "basicUserInfo");
    Objects.requireNonNull(bearerToken, "bearerToken");
    Objects.requireNonNull(trustStore, "trustStore");
    if (basicUserInfo.isPresent() && !basicUserInfo.get().contains(":")) {
      throw new IllegalArgumentException("basic.auth.user.info must be 'user:password'");
    }
  }

  /** {@code url} with a 10 s timeout, 3 retries from 100 ms, no credentials. */
  public static RegistryClientConfig of(String url) {
    return new RegistryClientConfig(
        URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url),
        Duration.ofSeconds(10),
        3,
        Duration.ofMillis(100),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /** A copy sending HTTP basic auth {@code user:password}. */
  public RegistryClientConfig withBasicAuth(String userInfo) {
    return new RegistryClientConfig(
        url, timeout, maxRetries, backoff, Optional.of(userInfo), bearerToken, trustStore);
  }

  /** A copy sending {@code Authorization: Bearer <token>}. */
  public RegistryClientConfig withBearerToken(String token) {
    return new RegistryClientConfig(
        url, timeout, maxRetries, backoff, basicUserInfo, Optional.of(token), trustStore);
  }

  /** A copy with other timeout and retries. */
  public RegistryClientConfig withTimeouts(Duration timeout, int maxRetries, Duration backoff) {
    return new RegistryClientConfig(
        url, timeout, maxRetries, backoff, basicUserInfo, bearerToken, trustStore);
  }

  /** A copy trusting the certificates of {@code store} (an {@code https} registry's CA). */
  public RegistryClientConfig withTrustStore(KeyStoreFile store) {
    return new RegistryClientConfig(
        url, timeout, maxRetries, backoff, basicUserInfo, bearerToken, Optional.of(store));
  }
}
