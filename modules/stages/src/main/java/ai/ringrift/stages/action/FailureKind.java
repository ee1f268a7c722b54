package ai.ringrift.stages.action;

/** Why an action failed; the result's reason gives the detail. */
public enum FailureKind {
  /** The process or program could not be started (missing binary, bad working directory). */
  START_FAILED,
  /** It ran past its timeout; its whole process tree was killed. */
  TIMEOUT,
  /** It exited with a non-zero code. */
  NON_ZERO_EXIT,
  /** It exited cleanly but printed no result. */
  NO_RESULT,
  /** Its result could not be read (not JSON, a missing or mistyped field, unreadable stats). */
  UNPARSEABLE_OUTPUT,
  /** It produced output that failed validation (e.g. an NPZ with NaN or no samples). */
  INVALID_OUTPUT,
  /** Its input was missing or unusable (no games to export, an unreadable model file). */
  BAD_INPUT,
  /** It could not read or write its files (disk full, permissions). */
  IO_ERROR
}
