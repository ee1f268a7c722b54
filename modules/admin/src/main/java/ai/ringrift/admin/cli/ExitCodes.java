package ai.ringrift.admin.cli;

/**
 * The exit codes of {@code ringrift}: 0 success, {@link #FAILURE} when a command failed at run time
 * (the one line on stderr says what is wrong and what to do), {@link #USAGE} when the command line
 * could not be parsed.
 */
public final class ExitCodes {
  /** Exit code of a command that failed at run time. */
  public static final int FAILURE = 1;

  /** Exit code of a command line that could not be parsed. */
  public static final int USAGE = 2;

  private ExitCodes() {}
}
