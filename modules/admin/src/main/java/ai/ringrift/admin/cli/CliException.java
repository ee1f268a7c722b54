package ai.ringrift.admin.cli;

/**
 * A failure the user can act on. Its message is the one line the CLI prints: what is wrong and what
 * to do about it. The command exits with {@code 1}.
 */
public class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CliException(String message) {
    super(message);
  }

  public CliException(String message, Throwable cause) {
    super(message, cause);
  }
}
