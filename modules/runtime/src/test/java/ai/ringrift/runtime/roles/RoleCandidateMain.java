package ai.ringrift.runtime.roles;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.serde.EventSerdes;
import ai.ringrift.events.catalog.TopicCatalog;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;

/**
 * A role candidate in its own JVM, so that a test can kill it the hard way (SIGKILL: no
 * leave-group, no loss announcement). Arguments: bootstrap servers, group/transactional id prefix,
 * instance id, role.
 */
public final class RoleCandidateMain {
  private RoleCandidateMain() {}

  public static void main(String[] args) throws InterruptedException {
    TopicCatalog catalog = TopicCatalog.packaged();
    RoleContext context =
        new RoleContext(
            RoleElectionIT.settings(args[1]),
            KafkaSettings.of(args[0]),
            catalog,
            EventSerdes.plainAvro(catalog),
            args[2],
            "child-host",
            Clock.systemUTC());
    RoleElection.start(
        LeaderRole.valueOf(args[3]),
        context,
        new RoleListener() {
          @Override
          public void acquired(RoleTerm term) {}

          @Override
          public void lost(RoleTerm term) {}
        });
    new CountDownLatch(1).await(); // until killed
  }
}
