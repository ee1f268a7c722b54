package ai.ringrift.runtime;

import ai.ringrift.config.Check;
import ai.ringrift.config.ConfigException;
import ai.ringrift.config.ConfigSource;
import java.util.Map;

/**
 * Settings every service shares, from {@code config/runtime.yaml} (section {@code runtime}).
 *
 * @param httpHost interface of the status endpoint
 * @param httpPort port of the status endpoint; 0 picks a free one
 * @param jmxEnabled whether metrics are also reported as JMX MBeans
 * @param jmxDomain the MBeans' domain
 */
public record RuntimeSettings(String httpHost, int httpPort, boolean jmxEnabled, String jmxDomain) {
  /** Environment variable overriding {@code httpPort}. */
  public static final String ENV_HTTP_PORT = "RINGRIFT_HTTP_PORT";

  public RuntimeSettings {
    Check.notBlank("httpHost", httpHost);
    Check.between("httpPort", httpPort, 0, 65535);
    Check.notBlank("jmxDomain", jmxDomain);
  }

  /** Loads the settings and applies environment overrides. */
  public static RuntimeSettings load(ConfigSource source, Map<String, String> env) {
    RuntimeSettings settings = source.section("runtime.yaml", "runtime", RuntimeSettings.class);
    String port = env.get(ENV_HTTP_PORT);
    if (port != null && !port.isBlank()) {
      try {
        settings = settings.withHttpPort(Integer.parseInt(port.trim()));
      } catch (NumberFormatException e) {
        throw new ConfigException(ENV_HTTP_PORT, "must be a port number, was '" + port + "'");
      }
    }
    return settings;
  }

  /** Loopback on a free port with JMX off: for tests and side-by-side runs. */
  public static RuntimeSettings ephemeral() {
    return new RuntimeSettings("127.0.0.1", 0, false, "ringrift");
  }

  /** A copy on another port. */
  public RuntimeSettings withHttpPort(int port) {
    return new RuntimeSettings(httpHost, port, jmxEnabled, jmxDomain);
  }
}
