package ai.ringrift.client.history;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.TopicPartition;

/** A bounded read that got no record for its whole timeout while some partitions were not done. */
public final class ReadTimeoutException extends HistoryException {
  private static final long serialVersionUID = 1L;

  private final transient List<TopicPartition> pending;

  /** {@code pending} did not reach their ends; nothing arrived for {@code timeout}. */
  public ReadTimeoutException(List<TopicPartition> pending, Duration timeout) {
    super("could not read " + pending + " to their end within " + timeout.toMillis() + " ms", null);
    this.pending = List.copyOf(pending);
  }

  /** The partitions not read to their end. */
  public List<TopicPartition> pending() {
    return pending;
  }
}
