package ai.ringrift.runtime.health;

import ai.ringrift.client.registry.SchemaRegistryClient;
import ai.ringrift.client.registry.SchemaRegistryException;
import com.codahale.metrics.health.HealthCheck;

/**
 * Healthy when the schema registry answers {@code GET /config} (with the service's credentials).
 */
public final class RegistryReachableCheck extends HealthCheck {
  private final SchemaRegistryClient registry;
  private final String url;

  /**
   * @param registry a client with a short timeout and no retries, so a check stays quick
   * @param url the registry's URL, for the message
   */
  public RegistryReachableCheck(SchemaRegistryClient registry, String url) {
    this.registry = registry;
    this.url = url;
  }

  @Override
  protected Result check() {
    try {
      String level = registry.globalCompatibility();
      return Result.builder()
          .healthy()
          .withMessage("schema registry at %s answers (compatibility %s)", url, level)
          .build();
    } catch (SchemaRegistryException e) {
      return Result.unhealthy("schema registry at %s: %s", url, e.getMessage());
    }
  }
}
