package ai.ringrift.testkit;

import java.util.Map;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.test.JaasUtils;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * The SASL set-up of a {@code @WithKafkaCluster(sasl = true)} cluster. Kafka's test kit makes the
 * client and controller listeners SASL_PLAINTEXT with PLAIN users in a JVM-wide JAAS file (super
 * user {@code plain-admin}) and the standard authorizer with {@code
 * allow.everyone.if.no.acl.found=false}; we enable SCRAM-SHA-512 beside PLAIN, so the platform's
 * own users can be created through the Admin API as they are on a real cluster.
 */
final class SaslListener {
  static final String SUPER_USER = JaasUtils.KAFKA_PLAIN_ADMIN;
  static final String SUPER_USER_PASSWORD = JaasUtils.KAFKA_PLAIN_ADMIN_PASSWORD;

  private SaslListener() {}

  static void configure(TestKitNodes.Builder nodes) {
    // the controller listener too: the authorizer refuses an anonymous broker registration
    nodes
        .setBrokerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT)
        .setControllerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT);
  }

  static void configure(KafkaClusterTestKit.Builder broker) {
    broker.setConfigProp("sasl.enabled.mechanisms", "PLAIN,SCRAM-SHA-512");
  }

  /** Client settings logging in as the super user. */
  static Map<String, String> superUserClient() {
    return Map.of(
        "security.protocol",
        "SASL_PLAINTEXT",
        "sasl.mechanism",
        "PLAIN",
        "sasl.jaas.config",
        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
            + SUPER_USER
            + "\" password=\""
            + SUPER_USER_PASSWORD
            + "\";");
  }
}
