package ai.ringrift.client.serde;

import java.util.Optional;

/**
 * A client and a topic disagree on the {@link WireFormat}: the client reads or writes one format
 * and the topic holds the other. A configuration error, not bad data: a reader stops with it (it
 * neither dead-letters the record nor commits past it) and a writer refuses to start. The message
 * names the setting to change ({@value WireSettings#SETTING}).
 */
public final class WireFormatMismatchException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String topic;
  private final WireFormat client;
  private final WireFormat found;

  private WireFormatMismatchException(
      String message, String topic, WireFormat client, WireFormat found) {
    super(message);
    this.topic = topic;
    this.client = client;
    this.found = found;
  }

  /** A reader of {@code client} format met a record of {@code found} format on {@code topic}. */
  public static WireFormatMismatchException reading(
      String topic, WireFormat client, WireFormat found) {
    return new WireFormatMismatchException(
        "topic "
            + topic
            + " holds "
            + found.label()
            + " but this client reads "
            + client.label()
            + "; "
            + fix(client),
        topic,
        client,
        found);
  }

  /**
   * {@code who} (e.g. {@code publisher trainer@gpu-node-3}), of {@code client} format, found a
   * record of {@code found} format at {@code where} on {@code topic} when it started.
   */
  public static WireFormatMismatchException atStart(
      String who, String topic, String where, WireFormat client, WireFormat found) {
    return new WireFormatMismatchException(
        who
            + " uses "
            + client.label()
            + " but the latest record of topic "
            + topic
            + " ("
            + where
            + ") is "
            + found.label()
            + "; "
            + fix(client)
            + "; it did not start: nothing was read, written or skipped",
        topic,
        client,
        found);
  }

  private static String fix(WireFormat client) {
    return client == WireFormat.PLAIN
        ? "set "
            + WireSettings.SETTING
            + " to registry, the default, and the registry's URL if it is not at"
            + " http://localhost:8081 (RINGRIFT_SCHEMA_REGISTRY_URL)"
        : "every reader and writer of a deployment must use one format: set "
            + WireSettings.SETTING
            + " to registry where these records are written, or to plain here if the whole"
            + " deployment is plain";
  }

  /**
   * The mismatch in {@code failure}'s chain of causes (a consumer, a serde or a future may have
   * wrapped it), if there is one.
   */
  public static Optional<WireFormatMismatchException> in(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof WireFormatMismatchException mismatch) {
        return Optional.of(mismatch);
      }
    }
    return Optional.empty();
  }

  /** The topic the two formats met on. */
  public String topic() {
    return topic;
  }

  /** The client's format. */
  public WireFormat client() {
    return client;
  }

  /** The format the topic's record has. */
  public WireFormat found() {
    return found;
  }
}
