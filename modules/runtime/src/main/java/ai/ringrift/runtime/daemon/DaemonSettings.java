package ai.ringrift.runtime.daemon;

import ai.ringrift.config.Check;
import ai.ringrift.config.ConfigSource;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * The launcher's settings, from {@code config/daemons.yaml} (section {@code daemons}).
 *
 * @param restart restart policy
 * @param health health checks
 * @param heartbeatIntervalSeconds between two heartbeats of a daemon
 * @param stopTimeoutSeconds a stopping daemon finishes or hands back its action within this
 * @param daemons every daemon the launcher knows, by name
 */
public record DaemonSettings(
    RestartSettings restart,
    DaemonHealthSettings health,
    double heartbeatIntervalSeconds,
    double stopTimeoutSeconds,
    Map<String, Spec> daemons) {
  /** The settings' file in the config directory. */
  public static final String FILE = "daemons.yaml";

  /** The launch profiles a daemon can belong to ({@code --sync}, {@code --training-only}). */
  public static final java.util.Set<String> PROFILES =
      java.util.Set.of("sync", "training", "streams");

  public DaemonSettings {
    Check.present("restart", restart);
    Check.present("health", health);
    Check.atLeast("heartbeatIntervalSeconds", heartbeatIntervalSeconds, 0.01);
    Check.atLeast("stopTimeoutSeconds", stopTimeoutSeconds, 0.01);
    daemons = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(Check.map(daemons)));
    Check.that(!daemons.isEmpty(), "daemons", "must list at least one daemon");
    daemons.forEach(
        (name, spec) -> {
          Check.that(
              name.matches("[a-z][a-z0-9-]*"),
              "daemons." + name,
              "a daemon name is lower case words joined by '-'");
          Check.present("daemons." + name, spec);
          for (String profile : spec.profiles()) {
            Check.that(
                PROFILES.contains(profile),
                "daemons." + name + ".profiles",
                "unknown profile '" + profile + "' (known: sync, training, streams)");
          }
        });
  }

  /** Loads section {@code daemons} of {@code daemons.yaml}. */
  public static DaemonSettings load(ConfigSource source) {
    return source.section(FILE, "daemons", DaemonSettings.class);
  }

  /**
   * These settings for the daemons of {@code names} only, plus {@code more} (daemons a run adds
   * that daemons.yaml does not list, such as the simulated selfplay hosts of {@code ringrift up}).
   */
  public DaemonSettings only(java.util.Collection<String> names, Map<String, Spec> more) {
    Map<String, Spec> chosen = new TreeMap<>(daemons);
    chosen.keySet().retainAll(names);
    chosen.putAll(more);
    return new DaemonSettings(
        restart, health, heartbeatIntervalSeconds, stopTimeoutSeconds, chosen);
  }

  public Duration heartbeatInterval() {
    return RestartSettings.seconds(heartbeatIntervalSeconds);
  }

  public Duration stopTimeout() {
    return RestartSettings.seconds(stopTimeoutSeconds);
  }

  /**
   * One daemon's entry.
   *
   * @param critical health-checked at the shorter interval (default false)
   * @param profiles the launch profiles that start it ({@code sync}, {@code training})
   */
  public record Spec(Boolean critical, java.util.List<String> profiles) {
    public Spec {
      critical = Check.orDefault(critical, false);
      profiles = Check.list(profiles);
    }
  }
}
