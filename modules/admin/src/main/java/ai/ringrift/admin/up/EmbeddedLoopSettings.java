package ai.ringrift.admin.up;

import ai.ringrift.config.Check;
import ai.ringrift.config.ConfigException;
import ai.ringrift.config.ConfigSource;
import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.contract.ConfigKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The embedded run's own settings, from {@code config/embedded.yaml}.
 *
 * @param configs configs the simulated cluster plays, e.g. {@code square8_2p}
 * @param progressIntervalSeconds how often the progress table is printed; 0: only the summary
 * @param pace values of other config files the embedded run replaces: file → dotted key → value
 */
public record EmbeddedLoopSettings(
    List<String> configs, double progressIntervalSeconds, Map<String, Map<String, Object>> pace) {
  public static final String FILE = "embedded.yaml";

  public EmbeddedLoopSettings {
    configs = Check.list(Check.present("configs", configs));
    Check.that(!configs.isEmpty(), "configs", "must name at least one config, e.g. square8_2p");
    for (String config : configs) {
      Check.that(
          ConfigKeys.isValid(config),
          "configs",
          "'" + config + "' is not a config key like square8_2p");
    }
    Check.atLeast("progressIntervalSeconds", progressIntervalSeconds, 0.0);
    pace = Check.map(Check.orDefault(pace, Map.of()));
  }

  /** Loads the {@code embedded} section; a bad value names its key. */
  public static EmbeddedLoopSettings load(ConfigSource source) {
    return source.section(FILE, "embedded", EmbeddedLoopSettings.class);
  }

  /** The same settings with other configs (the {@code --configs} option). */
  public EmbeddedLoopSettings withConfigs(List<String> changed) {
    return new EmbeddedLoopSettings(changed, progressIntervalSeconds, pace);
  }

  /**
   * {@code base} with the {@link #pace} values in place of the configured ones.
   *
   * @throws ConfigException naming the key a pace entry has wrong
   */
  public ConfigSource paced(ConfigSource base) {
    ConfigSource paced = base;
    for (Map.Entry<String, Map<String, Object>> file : pace.entrySet()) {
      paced = paced.withOverrides(file.getKey(), file.getValue());
    }
    return paced;
  }

  /** The configs as keys. */
  public List<ConfigKey> configKeys() {
    List<ConfigKey> keys = new ArrayList<>();
    configs.forEach(c -> keys.add(ConfigKeys.parse(c)));
    return List.copyOf(keys);
  }
}
