package ai.ringrift.stages.host;

import ai.ringrift.config.ConfigSource;

/** The sections of {@code config/stages.yaml} that every stage service reads. */
public final class StagesFile {
  /** The stages' config file. */
  public static final String FILE = "stages.yaml";

  private StagesFile() {}

  /** Section {@code paths}: where this host keeps the loop's files. */
  public static StagePaths paths(ConfigSource source) {
    return source.section(FILE, "paths", StagePaths.class);
  }

  /** Section {@code runs}: retries, crash detection, hand-over. */
  public static RunPolicy runs(ConfigSource source) {
    return source.section(FILE, "runs", RunPolicy.class);
  }

  /** Any other section, e.g. {@code training}. */
  public static <T> T section(ConfigSource source, String section, Class<T> type) {
    return source.section(FILE, section, type);
  }
}
