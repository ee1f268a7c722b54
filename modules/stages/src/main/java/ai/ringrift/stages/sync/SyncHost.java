package ai.ringrift.stages.sync;

import ai.ringrift.config.Check;

/**
 * A host the sync stage copies to or from, by rsync location ({@code /path} on this host, {@code
 * host:/path} or {@code user@host:/path} over ssh).
 *
 * @param name the host's name, as selfplay workers report it ({@code SelfplayBatchCompleted.node})
 *     and as the bandwidth allocator counts it
 * @param games where the host keeps game files: a selfplay host writes {@code
 *     <games>/<config>/*.games.jsonl}; a training host receives them in {@code
 *     <games>/<config>/<selfplay host>/}
 * @param models where a selfplay host reads its production models (absent for training hosts)
 */
public record SyncHost(String name, String games, String models) {
  public SyncHost {
    Check.that(
        name != null && name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,252}"),
        "name",
        "must be a host name like selfplay-1, was '" + name + "'");
    Check.notBlank("games", games);
  }
}
