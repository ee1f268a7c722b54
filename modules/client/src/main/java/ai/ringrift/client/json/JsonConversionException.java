package ai.ringrift.client.json;

/** JSON that does not describe the event asked for; the message names the field and the problem. */
public final class JsonConversionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** {@code message} says which field is wrong and how. */
  public JsonConversionException(String message) {
    super(message);
  }
}
