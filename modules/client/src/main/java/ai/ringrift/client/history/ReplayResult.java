package ai.ringrift.client.history;

/**
 * What a replay did.
 *
 * @param replayed events given to the handler
 * @param undecodable records skipped because they could not be decoded (they are in the DLQ of a
 *     live subscriber, or should be)
 */
public record ReplayResult(long replayed, long undecodable) {}
