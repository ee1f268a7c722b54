package ai.ringrift.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Locale;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * The SASL_SSL listener of a {@code @WithKafkaCluster(sasl = true, tls = true)} cluster. Kafka's
 * test kit knows only SASL_PLAINTEXT for its own listeners, so every node gets a third listener,
 * {@value #NAME}, with a key from {@code scripts/make-certs} and the same SASL mechanisms and users
 * (the JVM-wide {@code KafkaServer} JAAS section serves it too).
 */
final class TlsListener {
  static final String NAME = "SECURE";

  private TlsListener() {}

  static TestCertificates certificates() {
    try {
      return TestCertificates.make(Files.createTempDirectory("ringrift-test-certs"), "kafka");
    } catch (IOException e) {
      throw new IllegalStateException("cannot make a directory for the test certificates", e);
    }
  }

  static void configure(
      KafkaClusterTestKit.Builder broker, TestKitNodes nodes, TestCertificates certs) {
    String external = nodes.brokerListenerName().value();
    String controller = nodes.controllerListenerName().value();
    broker.setConfigProp(
        "listeners",
        external + "://localhost:0," + controller + "://localhost:0," + NAME + "://localhost:0");
    broker.setConfigProp(
        "listener.security.protocol.map",
        external + ":SASL_PLAINTEXT," + controller + ":SASL_PLAINTEXT," + NAME + ":SASL_SSL");
    String prefix = "listener.name." + NAME.toLowerCase(Locale.ROOT) + ".";
    broker.setConfigProp(prefix + "sasl.enabled.mechanisms", "PLAIN,SCRAM-SHA-512");
    broker.setConfigProp(
        prefix + "ssl.keystore.location", certs.keyStore("kafka").location().toString());
    broker.setConfigProp(prefix + "ssl.keystore.password", certs.password());
    broker.setConfigProp(prefix + "ssl.key.password", certs.password());
    broker.setConfigProp(prefix + "ssl.keystore.type", "PKCS12");
  }

  static ListenerName listener() {
    return new ListenerName(NAME);
  }
}
