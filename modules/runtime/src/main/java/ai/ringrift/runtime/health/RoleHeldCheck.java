package ai.ringrift.runtime.health;

import com.codahale.metrics.health.HealthCheck;
import java.util.function.BooleanSupplier;

/**
 * Healthy while this instance holds a leader role it is expected to hold (say, the only instance
 * configured to run the bandwidth allocator). The role comes in as a {@link BooleanSupplier}, e.g.
 * {@code election::isHeld}, so any role mechanism plugs in.
 */
public final class RoleHeldCheck extends HealthCheck {
  private final String role;
  private final BooleanSupplier held;

  public RoleHeldCheck(String role, BooleanSupplier held) {
    this.role = role;
    this.held = held;
  }

  @Override
  protected Result check() {
    return held.getAsBoolean()
        ? Result.healthy("holds role %s", role)
        : Result.unhealthy(
            "expected to hold role %s but does not: another instance holds it or the election is"
                + " stuck; see `ringrift cluster status`",
            role);
  }
}
