package ai.ringrift.stages.host;

/**
 * The settings a process's stage services run with, section by section of {@code
 * config/stages.yaml}: what a {@link StageProvider} reads its service's settings from when the
 * stages share their parts.
 */
public interface StageSections {
  /** Section {@code paths}: where this host keeps the loop's files. */
  StagePaths paths();

  /** Section {@code runs}: retries, crash detection, hand-over. */
  RunPolicy runs();

  /**
   * The section bound to {@code type}, e.g. {@code SyncConfig} for {@code sync}.
   *
   * @throws IllegalArgumentException when no section has that type
   */
  <T> T section(Class<T> type);
}
