package ai.ringrift.runtime.health;

import com.codahale.metrics.health.HealthCheck;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;

/** Healthy when the cluster answers a metadata request within the timeout. */
public final class BrokerReachableCheck extends HealthCheck {
  private final Admin admin;
  private final String bootstrap;
  private final Duration timeout;

  /**
   * @param admin the service's admin client (the check does not close it)
   * @param bootstrap the bootstrap servers, for the message
   * @param timeout how long to wait for an answer
   */
  public BrokerReachableCheck(Admin admin, String bootstrap, Duration timeout) {
    this.admin = admin;
    this.bootstrap = bootstrap;
    this.timeout = timeout;
  }

  @Override
  protected Result check() throws Exception {
    try {
      DescribeClusterResult cluster =
          admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()));
      Collection<Node> nodes = cluster.nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      Node controller = cluster.controller().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return Result.builder()
          .healthy()
          .withMessage("%d brokers at %s", nodes.size(), bootstrap)
          .withDetail("brokers", nodes.size())
          .withDetail("controller", controller == null ? -1 : controller.id())
          .build();
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return Result.unhealthy(
          "no answer from Kafka at %s within %d ms: %s", bootstrap, timeout.toMillis(), cause);
    }
  }
}
