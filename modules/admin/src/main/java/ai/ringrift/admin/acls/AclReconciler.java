package ai.ringrift.admin.acls;

import ai.ringrift.admin.cli.CliException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.errors.SecurityDisabledException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a cluster's ACLs in line with the planned ones: creates what is missing, leaves what is
 * there, and removes the configured principals' other ACLs only when asked. Running it twice
 * changes nothing the second time.
 */
public final class AclReconciler {
  private static final Logger LOGGER = LoggerFactory.getLogger(AclReconciler.class);

  private final Admin admin;
  private final Duration timeout;

  public AclReconciler(Admin admin, Duration timeout) {
    this.admin = admin;
    this.timeout = timeout;
  }

  /** Compares {@code desired} with the cluster; {@code principals} are the ones the config owns. */
  public AclDiff diff(Collection<AclBinding> desired, Set<String> principals) {
    Set<AclBinding> existing =
        new HashSet<>(await(admin.describeAcls(AclBindingFilter.ANY).values()));
    List<AclBinding> missing = new ArrayList<>();
    List<AclBinding> applied = new ArrayList<>();
    for (AclBinding binding : desired) {
      (existing.contains(binding) ? applied : missing).add(binding);
    }
    Set<AclBinding> wanted = new HashSet<>(desired);
    List<AclBinding> extra =
        existing.stream()
            .filter(b -> principals.contains(b.entry().principal()) && !wanted.contains(b))
            .toList();
    return new AclDiff(missing, applied, extra);
  }

  /**
   * Creates the missing ACLs and, with {@code prune}, deletes the extra ones; returns once the
   * broker shows the result (the controller commits ACLs first, the brokers apply them a moment
   * later).
   */
  public AclDiff apply(Collection<AclBinding> desired, Set<String> principals, boolean prune) {
    AclDiff diff = diff(desired, principals);
    if (!diff.missing().isEmpty()) {
      await(admin.createAcls(diff.missing()).all());
      LOGGER.info("acls created={}", diff.missing().size());
    }
    List<AclBinding> deleted = prune ? diff.extra() : List.of();
    if (!deleted.isEmpty()) {
      await(admin.deleteAcls(deleted.stream().map(AclBinding::toFilter).toList()).all());
      LOGGER.info("acls deleted={}", deleted.size());
    }
    awaitVisible(diff.missing(), deleted);
    return diff;
  }

  private void awaitVisible(List<AclBinding> created, List<AclBinding> deleted) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Set<AclBinding> now = new HashSet<>(all());
      if (now.containsAll(created) && deleted.stream().noneMatch(now::contains)) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new CliException(
            "the ACLs were accepted but the broker did not show them within "
                + timeout.toSeconds()
                + " s; run `ringrift acls list` to check");
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CliException("interrupted", e);
      }
    }
  }

  /** Every ACL on the cluster. */
  public List<AclBinding> all() {
    return List.copyOf(await(admin.describeAcls(AclBindingFilter.ANY).values()));
  }

  private <T> T await(KafkaFuture<T> future) {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof SecurityDisabledException) {
        throw new CliException(
            "the cluster has no authorizer, so it keeps no ACLs: start the brokers with"
                + " authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer"
                + " and SASL listeners, as docker-compose.yml does",
            e);
      }
      throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new CliException("the cluster did not answer within " + timeout.toSeconds() + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted", e);
    }
  }
}
