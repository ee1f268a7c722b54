package ai.ringrift.runtime.roles;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.serde.EventSerdes;
import ai.ringrift.config.Check;
import ai.ringrift.config.ConfigException;
import ai.ringrift.events.catalog.TopicCatalog;
import ai.ringrift.events.catalog.TopicKind;
import ai.ringrift.events.catalog.TopicSpec;
import ai.ringrift.runtime.ServiceContext;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.Objects;

/**
 * What an election needs: its settings, the cluster, the catalog and serdes for {@code
 * RoleChanged}, who this instance is and a clock.
 *
 * @param settings how roles are elected
 * @param kafka cluster connection
 * @param catalog the topic catalog (it must hold the election topic)
 * @param serdes serdes for the role's writes
 * @param instanceId this instance's id, unique in the cluster: the holder's name
 * @param node this instance's host
 * @param clock time source of the holder's lease and of events
 */
public record RoleContext(
    RoleSettings settings,
    KafkaSettings kafka,
    TopicCatalog catalog,
    EventSerdes serdes,
    String instanceId,
    String node,
    Clock clock) {
  public RoleContext {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(kafka, "kafka");
    Objects.requireNonNull(catalog, "catalog");
    Objects.requireNonNull(serdes, "serdes");
    Check.notBlank("instanceId", instanceId);
    Check.notBlank("node", node);
    Objects.requireNonNull(clock, "clock");
    TopicSpec election =
        catalog
            .find(settings.electionTopic())
            .orElseThrow(
                () ->
                    new ConfigException(
                        "roles.electionTopic",
                        settings.electionTopic() + " is not in the topic catalog (topics.yaml)"));
    Check.that(
        election.kind() == TopicKind.INTERNAL && election.partitions() == 1,
        "roles.electionTopic",
        election.name() + " must be an internal topic with exactly one partition");
  }

  /** The context of a service: roles.yaml from its config, its instance id, this host. */
  public static RoleContext of(ServiceContext service) {
    return new RoleContext(
        RoleSettings.load(service.config()),
        service.kafka(),
        service.catalog(),
        service.serdes(),
        service.runtime().instanceId(),
        localHost(),
        Clock.systemUTC());
  }

  /** A copy for another instance on the same cluster (tests, side-by-side candidates). */
  public RoleContext withInstance(String otherInstanceId) {
    return new RoleContext(settings, kafka, catalog, serdes, otherInstanceId, node, clock);
  }

  /** This machine's host name. */
  public static String localHost() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
