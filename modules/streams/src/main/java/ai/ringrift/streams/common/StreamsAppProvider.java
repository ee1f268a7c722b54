package ai.ringrift.streams.common;

/**
 * Offers one Streams app's {@link StreamsAppSpec}. An app registers its provider in {@code
 * META-INF/services/ai.ringrift.streams.common.StreamsAppProvider}, so that the apps run together
 * (as daemons of the launcher, or in one process) are found with {@link java.util.ServiceLoader}
 * instead of a hand-written list; the file's order is the order they start in.
 */
public interface StreamsAppProvider {
  /** What the app is. */
  StreamsAppSpec<?> spec();
}
