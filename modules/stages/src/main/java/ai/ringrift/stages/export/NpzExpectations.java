package ai.ringrift.stages.export;

import ai.ringrift.config.Check;
import java.util.List;

/**
 * What a valid training shard holds (the {@code validation:} block of the export stage).
 *
 * @param requiredArrays arrays that must be present; their first dimension is the sample axis and
 *     must agree between them
 * @param minSamples the fewest samples a shard may hold (at least 1)
 */
public record NpzExpectations(List<String> requiredArrays, Integer minSamples) {
  public NpzExpectations {
    requiredArrays = Check.list(requiredArrays);
    Check.that(!requiredArrays.isEmpty(), "requiredArrays", "must name at least one array");
    minSamples = Check.orDefault(minSamples, 1);
    Check.atLeast("minSamples", minSamples, 1);
  }
}
