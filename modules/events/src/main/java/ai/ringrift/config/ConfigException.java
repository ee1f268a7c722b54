package ai.ringrift.config;

/**
 * A configuration value is missing or out of range. The message names the key (for example {@code
 * topics.yaml: topics[3].partitions: must be at least 1, was 0}) so the operator knows what to fix.
 */
public class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String key;

  /**
   * @param key the offending key, dotted from the component's root (e.g. {@code failureThreshold})
   * @param problem what is wrong with it
   */
  public ConfigException(String key, String problem) {
    super(key + ": " + problem);
    this.key = key;
  }

  ConfigException(String key, String message, Throwable cause) {
    super(message, cause);
    this.key = key;
  }

  /** The offending key. */
  public String key() {
    return key;
  }
}
