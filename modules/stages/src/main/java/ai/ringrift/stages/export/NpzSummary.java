package ai.ringrift.stages.export;

import ai.ringrift.stages.npz.NpyHeader;
import java.util.Map;

/**
 * What a validated shard holds.
 *
 * @param samples the common first dimension of the required arrays
 * @param arrays every array's header, by name
 */
public record NpzSummary(long samples, Map<String, NpyHeader> arrays) {
  public NpzSummary {
    arrays = Map.copyOf(arrays);
  }
}
