package ai.ringrift.runtime.daemon;

import ai.ringrift.config.ConfigException;
import java.util.List;
import java.util.Objects;

/**
 * Which daemons a launch starts: {@code --all}, a profile ({@code --sync}, {@code --training-only},
 * {@code --streams}) or one daemon ({@code --stage NAME}).
 *
 * @param profile the profile, or empty for all daemons or one daemon
 * @param daemon the one daemon, or empty
 */
public record LaunchSelection(String profile, String daemon) {
  public LaunchSelection {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(daemon, "daemon");
  }

  /** Every configured daemon. */
  public static LaunchSelection all() {
    return new LaunchSelection("", "");
  }

  /** The daemons of profile {@code sync}: data and model transfers. */
  public static LaunchSelection sync() {
    return new LaunchSelection("sync", "");
  }

  /** The daemons of profile {@code training}: export, training, evaluation, promotion. */
  public static LaunchSelection trainingOnly() {
    return new LaunchSelection("training", "");
  }

  /** The daemons of profile {@code streams}: the Streams apps. */
  public static LaunchSelection streams() {
    return new LaunchSelection("streams", "");
  }

  /** One daemon by name. */
  public static LaunchSelection stage(String name) {
    return new LaunchSelection("", name);
  }

  /** The names selected from {@code settings}; an empty or unknown selection is an error. */
  public List<String> resolve(DaemonSettings settings) {
    if (!daemon.isEmpty()) {
      if (!settings.daemons().containsKey(daemon)) {
        throw new ConfigException(
            "daemons." + daemon,
            "no daemon '"
                + daemon
                + "' in daemons.yaml (known: "
                + settings.daemons().keySet()
                + ")");
      }
      return List.of(daemon);
    }
    List<String> names =
        settings.daemons().entrySet().stream()
            .filter(e -> profile.isEmpty() || e.getValue().profiles().contains(profile))
            .map(java.util.Map.Entry::getKey)
            .sorted()
            .toList();
    if (names.isEmpty()) {
      throw new ConfigException(
          "daemons", "no daemon in daemons.yaml belongs to profile '" + profile + "'");
    }
    return names;
  }

  @Override
  public String toString() {
    return !daemon.isEmpty()
        ? "--stage " + daemon
        : profile.isEmpty() ? "--all" : "profile " + profile;
  }
}
