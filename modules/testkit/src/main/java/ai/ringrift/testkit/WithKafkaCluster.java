package ai.ringrift.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a real in-JVM KRaft cluster (Kafka's own {@code KafkaClusterTestKit}) for the annotated test
 * class, applies the topic catalog, waits until every partition has a leader and starts an embedded
 * schema registry on it. Tests receive a {@link KafkaCluster} as a parameter of a test method, a
 * lifecycle method or the constructor.
 *
 * <pre>{@code
 * @WithKafkaCluster
 * class PublisherIT {
 *   @Test
 *   void publishes(KafkaCluster cluster) { ... cluster.bootstrapServers() ... }
 * }
 * }</pre>
 *
 * One cluster per test class; use {@link KafkaCluster#newTopic} for topics private to one test.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(KafkaClusterExtension.class)
public @interface WithKafkaCluster {
  /**
   * Brokers in the cluster; 3 gives replication factor 3, min ISR 2. Node 0 also runs the (single)
   * KRaft controller, so stopping any broker ({@link KafkaCluster#stopBroker}) keeps the quorum.
   */
  int brokers() default 1;

  /** Whether to create the catalog's topics before the tests run. */
  boolean applyCatalog() default true;

  /**
   * Whether to start an embedded schema registry on the cluster ({@code cluster.registryUrl()}).
   */
  boolean schemaRegistry() default true;

  /**
   * Whether clients must authenticate: a SASL_PLAINTEXT listener with PLAIN and SCRAM-SHA-512, the
   * standard authorizer denying what no ACL allows, and the super user {@link
   * KafkaCluster#SUPER_USER} (whose settings {@link KafkaCluster#clientSecurity()} gives).
   */
  boolean sasl() default false;

  /**
   * With {@link #sasl()}: every broker also listens with SASL_SSL ({@link
   * KafkaCluster#secureBootstrapServers()}), its key made by {@code scripts/make-certs} ({@link
   * KafkaCluster#certificates()}).
   */
  boolean tls() default false;

  /** Extra broker settings as {@code key=value}. */
  String[] brokerConfig() default {};
}
