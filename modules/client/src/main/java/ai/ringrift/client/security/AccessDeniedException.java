package ai.ringrift.client.security;

/**
 * The cluster refused a client: it could not authenticate, or its principal may not do what it
 * tried. The message is one line naming the principal, the resource and what to do.
 */
public final class AccessDeniedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String principal;

  AccessDeniedException(String principal, String message, Throwable cause) {
    super(message, cause);
    this.principal = principal;
  }

  /** The principal that was refused, e.g. {@code User:selfplay}. */
  public String principal() {
    return principal;
  }
}
