package ai.ringrift.runtime.roles;

import ai.ringrift.config.Check;
import ai.ringrift.config.ConfigSource;

/**
 * How leader roles are elected, from {@code config/roles.yaml} (section {@code roles}).
 *
 * @param electionTopic the single-partition internal topic whose consumer groups elect holders
 * @param groupIdPrefix consumer group of a role: this prefix plus the role name
 * @param transactionalIdPrefix transactional id of a role's holder: this prefix plus the role name
 * @param sessionTimeoutMs a holder that stops heartbeating loses the role after this
 * @param heartbeatIntervalMs how often members heartbeat; at most a third of the session timeout
 * @param maxPollIntervalMs an election thread that does not poll for this long leaves the group
 * @param pollIntervalMs how often the election thread polls
 * @param transactionTimeoutMs a holder's unfinished transaction is aborted after this
 */
public record RoleSettings(
    String electionTopic,
    String groupIdPrefix,
    String transactionalIdPrefix,
    int sessionTimeoutMs,
    int heartbeatIntervalMs,
    int maxPollIntervalMs,
    int pollIntervalMs,
    int transactionTimeoutMs) {
  /** The settings' file in the config directory. */
  public static final String FILE = "roles.yaml";

  public RoleSettings {
    Check.notBlank("electionTopic", electionTopic);
    Check.notBlank("groupIdPrefix", groupIdPrefix);
    Check.notBlank("transactionalIdPrefix", transactionalIdPrefix);
    // the broker's default group.min/max.session.timeout.ms
    Check.between("sessionTimeoutMs", sessionTimeoutMs, 6000, 300000);
    Check.between("heartbeatIntervalMs", heartbeatIntervalMs, 100, sessionTimeoutMs / 3);
    Check.between("pollIntervalMs", pollIntervalMs, 10, sessionTimeoutMs / 2);
    Check.atLeast("maxPollIntervalMs", maxPollIntervalMs, pollIntervalMs * 4);
    Check.atLeast("transactionTimeoutMs", transactionTimeoutMs, 1000);
  }

  /** Loads section {@code roles} of {@code roles.yaml}. */
  public static RoleSettings load(ConfigSource source) {
    return source.section(FILE, "roles", RoleSettings.class);
  }

  /** The consumer group electing the holder of {@code role}. */
  public String groupId(LeaderRole role) {
    return groupIdPrefix + role.name();
  }

  /** The transactional id every holder of {@code role} writes with. */
  public String transactionalId(LeaderRole role) {
    return transactionalIdPrefix + role.name();
  }
}
