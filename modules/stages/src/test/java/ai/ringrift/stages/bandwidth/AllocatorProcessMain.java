package ai.ringrift.stages.bandwidth;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.serde.EventSerdes;
import ai.ringrift.events.catalog.TopicCatalog;
import ai.ringrift.runtime.roles.RoleContext;
import java.time.Clock;

/**
 * A bandwidth allocator in its own JVM, so that a test can kill it with SIGKILL. Arguments:
 * bootstrap servers, role group/transactional id prefix, instance id.
 */
public final class AllocatorProcessMain {
  private AllocatorProcessMain() {}

  public static void main(String[] args) throws Exception {
    new BandwidthAllocatorService(BandwidthAllocatorIT.SETTINGS, context(args[0], args[1], args[2]))
        .run();
  }

  static RoleContext context(String bootstrap, String prefix, String instance) {
    TopicCatalog catalog = TopicCatalog.packaged();
    return new RoleContext(
        BandwidthAllocatorIT.roleSettings(prefix),
        KafkaSettings.of(bootstrap),
        catalog,
        EventSerdes.plainAvro(catalog),
        instance,
        "test-host",
        Clock.systemUTC());
  }
}
