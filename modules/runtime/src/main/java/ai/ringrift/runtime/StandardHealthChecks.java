package ai.ringrift.runtime;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.registry.SchemaRegistryClient;
import ai.ringrift.client.serde.RegistrySerdeConfig;
import ai.ringrift.client.serde.WireSettings;
import ai.ringrift.runtime.health.BrokerReachableCheck;
import ai.ringrift.runtime.health.ConsumerLagCheck;
import ai.ringrift.runtime.health.HealthSettings;
import ai.ringrift.runtime.health.RegistryReachableCheck;
import ai.ringrift.runtime.health.RoleHeldCheck;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Registers the platform's standard health checks on a service's runtime, under stable names:
 * {@value #BROKER}, {@value #REGISTRY}, {@code consumer-lag.<group>} and {@code role.<ROLE>}.
 *
 * <pre>{@code
 * StandardHealthChecks checks =
 *     StandardHealthChecks.register(ctx.runtime(), ctx.kafka(), wire, health);
 * checks.consumerLag("ringrift.stage.training");
 * checks.roleHeld("BANDWIDTH_ALLOCATOR", election::isHeld);
 * }</pre>
 */
public final class StandardHealthChecks {
  /** Name of the broker check. */
  public static final String BROKER = "kafka.broker";

  /** Name of the schema registry check. */
  public static final String REGISTRY = "schema-registry";

  private final ServiceRuntime runtime;
  private final Admin admin;
  private final HealthSettings settings;

  private StandardHealthChecks(ServiceRuntime runtime, Admin admin, HealthSettings settings) {
    this.runtime = runtime;
    this.admin = admin;
    this.settings = settings;
  }

  /**
   * Registers the broker check and, when {@code wire} uses a schema registry, the registry check;
   * the admin client they share is closed with the runtime.
   */
  public static StandardHealthChecks register(
      ServiceRuntime runtime, KafkaSettings kafka, WireSettings wire, HealthSettings settings) {
    Map<String, Object> config = kafka.clientConfig();
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, settings.timeoutMs());
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, settings.timeoutMs());
    config.put(AdminClientConfig.CLIENT_ID_CONFIG, runtime.service() + "-health");
    Admin admin = runtime.manage(Admin.create(config));
    runtime
        .health()
        .register(
            BROKER, new BrokerReachableCheck(admin, kafka.bootstrapServers(), settings.timeout()));
    wire.registryUrl()
        .ifPresent(
            url ->
                runtime
                    .health()
                    .register(
                        REGISTRY, new RegistryReachableCheck(registry(kafka, url, settings), url)));
    return new StandardHealthChecks(runtime, admin, settings);
  }

  /** Adds {@code consumer-lag.<group>}: unhealthy when the group lags more than the threshold. */
  public StandardHealthChecks consumerLag(String group) {
    runtime
        .health()
        .register("consumer-lag." + group, new ConsumerLagCheck(admin, group, settings));
    return this;
  }

  /** Adds {@code role.<role>}: unhealthy while this instance does not hold a role it should. */
  public StandardHealthChecks roleHeld(String role, BooleanSupplier held) {
    runtime.health().register("role." + role, new RoleHeldCheck(role, held));
    return this;
  }

  private static SchemaRegistryClient registry(
      KafkaSettings kafka, String url, HealthSettings settings) {
    Map<String, Object> config = new HashMap<>(kafka.clientProperties());
    config.put(RegistrySerdeConfig.URL, url);
    var client =
        RegistrySerdeConfig.from(config)
            .client()
            .withTimeouts(settings.timeout(), 0, Duration.ofMillis(100));
    return new SchemaRegistryClient(client);
  }
}
