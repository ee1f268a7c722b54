package ai.ringrift.admin.topics;

import ai.ringrift.admin.cli.CliException;
import ai.ringrift.events.catalog.TopicCatalog;

/** The catalog as the command line asks for it. */
final class Catalogs {
  private Catalogs() {}

  static TopicCatalog withReplication(TopicCatalog catalog, Short replication, Integer minInsync) {
    if (replication == null && minInsync == null) {
      return catalog;
    }
    if (replication == null || minInsync == null) {
      throw new CliException(
          "--replication-factor and --min-insync-replicas go together, e.g. 3 and 2");
    }
    try {
      return catalog.withReplication(replication, minInsync);
    } catch (IllegalArgumentException e) {
      throw new CliException(e.getMessage());
    }
  }
}
