package ai.ringrift.events.catalog;

import java.util.List;

/**
 * What {@link TopicAdmin#apply} did, or what {@link TopicAdmin#plan} would do.
 *
 * @param created topics that were (or would be) created
 * @param unchanged topics that exist and match the catalog
 * @param drift differences between existing topics and the catalog, left as they are
 */
public record ApplyResult(List<String> created, List<String> unchanged, List<TopicDrift> drift) {
  public ApplyResult {
    created = List.copyOf(created);
    unchanged = List.copyOf(unchanged);
    drift = List.copyOf(drift);
  }

  /** True when the cluster already matched the catalog. */
  public boolean isNoop() {
    return created.isEmpty() && drift.isEmpty();
  }
}
