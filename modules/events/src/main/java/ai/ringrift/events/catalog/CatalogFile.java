package ai.ringrift.events.catalog;

import ai.ringrift.config.Check;
import ai.ringrift.events.contract.KeyKind;
import java.util.List;
import java.util.Map;

/** The shape of {@code config/topics.yaml}; {@link TopicCatalog} turns it into specs. */
record CatalogFile(Defaults defaults, Dlq dlq, List<Entry> topics) {
  CatalogFile {
    Check.present("defaults", defaults);
    Check.present("dlq", dlq);
    topics = Check.list(topics);
    Check.that(!topics.isEmpty(), "topics", "must list at least one topic");
  }

  /** Values every topic takes unless its entry says otherwise. */
  record Defaults(
      int partitions,
      short replicationFactor,
      int minInsyncReplicas,
      long retentionMs,
      boolean dlq) {
    Defaults {
      Check.atLeast("partitions", partitions, 1);
      Check.atLeast("replicationFactor", replicationFactor, 1);
      Check.between("minInsyncReplicas", minInsyncReplicas, 1, replicationFactor);
      Check.that(
          retentionMs == -1 || retentionMs > 0,
          "retentionMs",
          "must be -1 (forever) or positive, was " + retentionMs);
    }
  }

  /** Layout of the dead-letter topics. */
  record Dlq(String suffix, int partitions, long retentionMs) {
    Dlq {
      Check.notBlank("suffix", suffix);
      Check.that(
          suffix.matches("\\.[a-z]+"), "suffix", "must look like .dlq, was '" + suffix + "'");
      Check.atLeast("partitions", partitions, 1);
      Check.that(
          retentionMs == -1 || retentionMs > 0,
          "retentionMs",
          "must be -1 (forever) or positive, was " + retentionMs);
    }
  }

  /**
   * One topic; absent values come from {@link Defaults}. An {@code internal} topic carries no event
   * of the contract (it has no schema and no DLQ): the leader-role election topic, whose only use
   * is its consumer groups' partition assignment.
   */
  record Entry(
      String name,
      String schema,
      KeyKind key,
      Integer partitions,
      Long retentionMs,
      String cleanupPolicy,
      Boolean dlq,
      Boolean internal,
      Map<String, String> configs) {
    Entry {
      Check.notBlank("name", name);
      internal = Check.orDefault(internal, false);
      if (internal) {
        Check.that(
            schema == null, "schema", "an internal topic carries no event, so it has no schema");
        Check.that(
            dlq == null || !dlq, "dlq", "an internal topic carries no event, so it has no DLQ");
      } else {
        Check.notBlank("schema", schema);
      }
      Check.present("key", key);
      if (partitions != null) {
        Check.atLeast("partitions", partitions, 1);
      }
      if (retentionMs != null) {
        Check.that(
            retentionMs == -1 || retentionMs > 0,
            "retentionMs",
            "must be -1 (forever) or positive, was " + retentionMs);
      }
      cleanupPolicy = Check.orDefault(cleanupPolicy, "delete");
      Check.that(
          cleanupPolicy.equals("delete") || cleanupPolicy.equals("compact"),
          "cleanupPolicy",
          "must be delete or compact, was '" + cleanupPolicy + "'");
      configs = Check.map(configs);
    }
  }
}
