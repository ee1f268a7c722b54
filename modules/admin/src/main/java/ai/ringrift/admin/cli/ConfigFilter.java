package ai.ringrift.admin.cli;

import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.catalog.TopicSpec;
import ai.ringrift.events.contract.ConfigKeys;
import ai.ringrift.events.contract.KeyKind;
import java.util.Locale;

/**
 * {@code --config KEY} of a command that reads a topic: which record keys belong to the config (the
 * key itself on CONFIG topics, {@code <config>/<stage>} on CONFIG_STAGE topics). Records are chosen
 * by key, so the others are never decoded.
 */
public final class ConfigFilter {
  private final String config;
  private final KeyKind kind;

  private ConfigFilter(String config, KeyKind kind) {
    this.config = config;
    this.kind = kind;
  }

  /**
   * The filter of {@code config} (null: every record) on {@code topic}; a key that is not a config
   * key, or a topic not keyed by config, is one line saying so.
   */
  public static ConfigFilter of(String config, TopicSpec topic) {
    if (config == null) {
      return new ConfigFilter(null, topic.key());
    }
    try {
      ConfigKeys.parse(config);
    } catch (IllegalArgumentException e) {
      throw new CliException("--config " + e.getMessage());
    }
    if (topic.key() != KeyKind.CONFIG && topic.key() != KeyKind.CONFIG_STAGE) {
      throw new CliException(
          topic.name() + " is keyed by " + topic.key() + ", not by config; leave out --config");
    }
    return new ConfigFilter(config, topic.key());
  }

  /** The config key {@code text} names (any case), or one line showing the form. */
  public static ConfigKey configKey(String text) {
    try {
      return ConfigKeys.parse(text.toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new CliException(e.getMessage());
    }
  }

  /** True when the record with this key belongs to the config (or no config was given). */
  public boolean matches(String key) {
    if (config == null) {
      return true;
    }
    if (key == null) {
      return false;
    }
    return kind == KeyKind.CONFIG_STAGE ? key.startsWith(config + "/") : key.equals(config);
  }
}
