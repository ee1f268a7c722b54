package ai.ringrift.dashboard.view;

import java.util.List;

/**
 * How the dashboard's reader of the topics is doing.
 *
 * @param caughtUp whether it read every topic up to where it ended when the dashboard started
 *     (before that, counts and charts are still filling in)
 * @param records records read
 * @param undecodable records that did not decode (they are skipped; their consumers dead-letter
 *     them)
 * @param missingTopics catalog topics the cluster does not have (looked for again now and then)
 * @param error the last error reading, while it lasts
 */
public record FeedStatus(
    boolean caughtUp, long records, long undecodable, List<String> missingTopics, String error) {
  public FeedStatus {
    missingTopics = List.copyOf(missingTopics);
  }

  /** Before the first read. */
  public static FeedStatus starting() {
    return new FeedStatus(false, 0, 0, List.of(), null);
  }
}
