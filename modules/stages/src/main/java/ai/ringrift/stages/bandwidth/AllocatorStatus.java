package ai.ringrift.stages.bandwidth;

import java.util.Map;

/**
 * The allocation state of the role holder, for status views.
 *
 * @param rebuilt whether the state was rebuilt from the topics and allocation runs
 * @param usage what the live grants use
 * @param waiting requests waiting for a grant
 * @param lag records of the bandwidth topics not yet read
 */
public record AllocatorStatus(boolean rebuilt, Usage usage, int waiting, long lag) {
  /** Before the state is rebuilt. */
  public static final AllocatorStatus REBUILDING =
      new AllocatorStatus(false, new Usage(0, 0, Map.of()), 0, 0);
}
