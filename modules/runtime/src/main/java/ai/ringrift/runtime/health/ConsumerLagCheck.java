package ai.ringrift.runtime.health;

import com.codahale.metrics.health.HealthCheck;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;

/**
 * Healthy while a consumer group's lag (summed over its partitions) is at most the threshold of
 * {@code config/runtime.yaml} ({@code health.maxConsumerLag}): a service that falls further behind
 * is alive but not keeping up.
 */
public final class ConsumerLagCheck extends HealthCheck {
  private final Admin admin;
  private final String group;
  private final long maxLag;
  private final Duration timeout;

  /**
   * @param admin the service's admin client (the check does not close it)
   * @param group the consumer group to watch
   * @param settings the lag threshold and the timeout
   */
  public ConsumerLagCheck(Admin admin, String group, HealthSettings settings) {
    this.admin = admin;
    this.group = group;
    this.maxLag = settings.maxConsumerLag();
    this.timeout = settings.timeout();
  }

  @Override
  protected Result check() throws InterruptedException {
    ConsumerLag lag;
    try {
      lag = ConsumerLag.read(admin, group, timeout);
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return Result.unhealthy("cannot read the lag of group %s: %s", group, cause);
    }
    long total = lag.total();
    String worst =
        lag.worst()
            .map(w -> " (most behind: " + w.getKey() + " by " + w.getValue() + ")")
            .orElse("");
    HealthCheck.ResultBuilder result =
        Result.builder().withDetail("lag", total).withDetail("maxLag", maxLag);
    if (total > maxLag) {
      return result
          .unhealthy()
          .withMessage("group %s is %d records behind, more than %d%s", group, total, maxLag, worst)
          .build();
    }
    return result
        .healthy()
        .withMessage("group %s is %d records behind%s", group, total, worst)
        .build();
  }
}
