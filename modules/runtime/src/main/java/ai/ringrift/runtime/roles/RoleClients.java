package ai.ringrift.runtime.roles;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Client settings of an election's group member and of a holder's transactional producer. */
final class RoleClients {
  private RoleClients() {}

  /**
   * The member of the role's group. Classic protocol, so the session timeout is the client's to
   * set; the cooperative sticky assignor keeps partition 0 where it is when candidates join, so a
   * new candidate does not take the role from a healthy holder.
   */
  static Map<String, Object> consumerConfig(RoleContext context, LeaderRole role) {
    RoleSettings settings = context.settings();
    Map<String, Object> config = context.kafka().clientConfig();
    config.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId(role));
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "role-" + role + "-" + context.instanceId());
    config.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
    config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, settings.sessionTimeoutMs());
    config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, settings.heartbeatIntervalMs());
    config.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, settings.maxPollIntervalMs());
    config.put(
        ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
        CooperativeStickyAssignor.class.getName());
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return config;
  }

  /**
   * The holder's producer: every holder of a role shares its transactional id, so the newest
   * holder's {@code initTransactions} fences the writes of every earlier one.
   */
  static Map<String, Object> producerConfig(RoleContext context, LeaderRole role) {
    RoleSettings settings = context.settings();
    Map<String, Object> config = context.kafka().clientConfig();
    config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, settings.transactionalId(role));
    config.put(
        ProducerConfig.CLIENT_ID_CONFIG, "role-" + role + "-" + context.instanceId() + "-tx");
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, settings.transactionTimeoutMs());
    // it runs inside a rebalance callback: never block past the group's patience
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, settings.maxPollIntervalMs() / 3);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return config;
  }
}
