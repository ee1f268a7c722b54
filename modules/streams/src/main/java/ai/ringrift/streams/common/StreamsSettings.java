package ai.ringrift.streams.common;

import ai.ringrift.config.Check;
import ai.ringrift.config.ConfigSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Kafka Streams settings shared by the apps of this module, from {@code config/streams.yaml}
 * (section {@code streams}).
 *
 * @param stateDir directory under which each app keeps its state ({@code
 *     <stateDir>/<applicationId>})
 * @param applications the application ids
 * @param closeTimeoutSeconds how long closing an app may wait for its threads
 * @param properties Kafka Streams and client settings passed through unchanged (tuning)
 */
public record StreamsSettings(
    String stateDir,
    Applications applications,
    int closeTimeoutSeconds,
    Map<String, String> properties) {
  /** The file these settings come from. */
  public static final String FILE = "streams.yaml";

  /** Environment variable overriding {@code stateDir}. */
  public static final String ENV_STATE_DIR = "RINGRIFT_STREAMS_STATE_DIR";

  /** Settings that come from elsewhere and must not be set under {@code properties}. */
  private static final Set<String> OWNED =
      Set.of(
          StreamsConfig.APPLICATION_ID_CONFIG,
          StreamsConfig.BOOTSTRAP_SERVERS_CONFIG,
          StreamsConfig.STATE_DIR_CONFIG,
          StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
          StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
          StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG);

  public StreamsSettings {
    Check.notBlank("stateDir", stateDir);
    Check.present("applications", applications);
    Check.between("closeTimeoutSeconds", closeTimeoutSeconds, 1, 600);
    properties = Check.map(properties);
    for (String key : properties.keySet()) {
      Check.that(
          !OWNED.contains(key),
          "properties." + key,
          "is set by the platform (exactly_once_v2, the DLQ handler, the app's id and state"
              + " directory) and cannot be overridden");
    }
  }

  /**
   * The application ids.
   *
   * @param signalComputer the signal computer's
   * @param circuitBreakers the circuit breakers'
   * @param promotionController the promotion controller's
   * @param whatIfPrefix prefix of the throw-away id of a what-if replay
   */
  public record Applications(
      String signalComputer,
      String circuitBreakers,
      String promotionController,
      String whatIfPrefix) {
    public Applications {
      Check.notBlank("applications.signalComputer", signalComputer);
      Check.notBlank("applications.circuitBreakers", circuitBreakers);
      Check.notBlank("applications.promotionController", promotionController);
      Check.notBlank("applications.whatIfPrefix", whatIfPrefix);
      Check.that(
          Set.of(signalComputer, circuitBreakers, promotionController).size() == 3,
          "applications",
          "every app needs its own application id");
    }
  }

  /** Loads the settings and applies the environment override of the state directory. */
  public static StreamsSettings load(ConfigSource source, Map<String, String> env) {
    StreamsSettings settings = source.section(FILE, "streams", StreamsSettings.class);
    String dir = env.get(ENV_STATE_DIR);
    return dir == null || dir.isBlank() ? settings : settings.withStateDir(Path.of(dir));
  }

  /** A copy keeping state under {@code dir} (the embedded run and tests use their own). */
  public StreamsSettings withStateDir(Path dir) {
    return new StreamsSettings(dir.toString(), applications, closeTimeoutSeconds, properties);
  }

  /**
   * A copy whose three apps have {@code suffix} appended to their application ids (a second set of
   * apps beside the first: tests, benchmarks).
   */
  public StreamsSettings withApplicationSuffix(String suffix) {
    Applications ids =
        new Applications(
            applications.signalComputer() + suffix,
            applications.circuitBreakers() + suffix,
            applications.promotionController() + suffix,
            applications.whatIfPrefix());
    return new StreamsSettings(stateDir, ids, closeTimeoutSeconds, properties);
  }

  /** A copy with other pass-through properties. */
  public StreamsSettings withProperties(Map<String, String> replaced) {
    return new StreamsSettings(stateDir, applications, closeTimeoutSeconds, replaced);
  }

  /** A copy with one more pass-through property. */
  public StreamsSettings with(String key, String value) {
    Map<String, String> changed = new java.util.TreeMap<>(properties);
    changed.put(key, value);
    return new StreamsSettings(stateDir, applications, closeTimeoutSeconds, changed);
  }

  /** How long closing may wait. */
  public Duration closeTimeout() {
    return Duration.ofSeconds(closeTimeoutSeconds);
  }
}
