package ai.ringrift.admin.cluster;

import ai.ringrift.admin.cli.ConnectionOptions;
import ai.ringrift.admin.cli.OutputOptions;
import ai.ringrift.admin.cli.Table;
import ai.ringrift.admin.launch.DaemonStatusView;
import ai.ringrift.runtime.health.ConsumerLag;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code ringrift cluster status}: brokers, controller, partition health, consumer-group lag, and
 * every daemon from its latest heartbeat.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description =
        "Brokers, the active controller, under-replicated and offline partitions, the lag of every"
            + " consumer group, and every daemon from its latest heartbeat (as `daemons status`).")
public final class ClusterStatusCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConnectionOptions connection;
  @Mixin OutputOptions output;

  /** Daemons of this recent past, as {@code daemons status} shows them by default. */
  static final Duration DAEMONS_SINCE = Duration.ofMinutes(10);

  @Override
  public Integer call() throws Exception {
    try (Admin admin = connection.admin()) {
      DaemonStatusView daemons = DaemonStatusView.readSection(connection, DAEMONS_SINCE);
      ClusterStatus status = read(admin).withDaemons(daemons.json());
      PrintWriter out = spec.commandLine().getOut();
      if (output.json()) {
        OutputOptions.printJson(out, status);
        return 0;
      }
      out.printf(
          "cluster %s, controller %d, %d brokers%n",
          status.clusterId(), status.controller(), status.brokers().size());
      Table brokers = Table.of("BROKER", "HOST", "PORT", "RACK");
      status.brokers().forEach(b -> brokers.row(b.id(), b.host(), b.port(), b.rack()));
      out.print(brokers.render());
      out.printf(
          "%d partitions, %d under-replicated, %d offline%n",
          status.partitions(), status.underReplicated().size(), status.offline().size());
      status.underReplicated().forEach(p -> out.println("  under-replicated: " + p));
      status.offline().forEach(p -> out.println("  offline: " + p));
      Table groups = Table.of("GROUP", "STATE", "MEMBERS", "LAG");
      status.groups().forEach(g -> groups.row(g.group(), g.state(), g.members(), g.lag()));
      out.print(groups.size() == 0 ? "no consumer groups\n" : groups.render());
      Table table = daemons.table();
      out.print(table.size() == 0 ? daemons.none() + "\n" : table.render());
      out.flush();
      return 0;
    }
  }

  static ClusterStatus read(Admin admin) throws Exception {
    long timeout = ConnectionOptions.TIMEOUT.toMillis();
    DescribeClusterResult cluster = admin.describeCluster();
    Node controller = cluster.controller().get(timeout, TimeUnit.MILLISECONDS);
    List<ClusterStatus.Broker> brokers = new ArrayList<>();
    for (Node n : cluster.nodes().get(timeout, TimeUnit.MILLISECONDS)) {
      brokers.add(new ClusterStatus.Broker(n.id(), n.host(), n.port(), n.rack()));
    }
    brokers.sort(java.util.Comparator.comparingInt(ClusterStatus.Broker::id));
    Collection<String> topics = admin.listTopics().names().get(timeout, TimeUnit.MILLISECONDS);
    Map<String, TopicDescription> described =
        admin.describeTopics(topics).allTopicNames().get(timeout, TimeUnit.MILLISECONDS);
    List<String> underReplicated = new ArrayList<>();
    List<String> offline = new ArrayList<>();
    int partitions = 0;
    for (TopicDescription d : described.values()) {
      for (TopicPartitionInfo p : d.partitions()) {
        partitions++;
        if (p.leader() == null || p.leader().isEmpty()) {
          offline.add(d.name() + "-" + p.partition());
        } else if (p.isr().size() < p.replicas().size()) {
          underReplicated.add(d.name() + "-" + p.partition());
        }
      }
    }
    underReplicated.sort(null);
    offline.sort(null);
    return new ClusterStatus(
        cluster.clusterId().get(timeout, TimeUnit.MILLISECONDS),
        controller == null ? -1 : controller.id(),
        brokers,
        partitions,
        underReplicated,
        offline,
        groups(admin, timeout),
        List.of());
  }

  private static List<ClusterStatus.Group> groups(Admin admin, long timeout) throws Exception {
    List<String> ids = new ArrayList<>();
    admin
        .listConsumerGroups()
        .all()
        .get(timeout, TimeUnit.MILLISECONDS)
        .forEach(g -> ids.add(g.groupId()));
    ids.sort(null);
    if (ids.isEmpty()) {
      return List.of();
    }
    Map<String, ConsumerGroupDescription> descriptions =
        admin.describeConsumerGroups(ids).all().get(timeout, TimeUnit.MILLISECONDS);
    List<ClusterStatus.Group> groups = new ArrayList<>();
    for (String id : ids) {
      ConsumerGroupDescription d = descriptions.get(id);
      groups.add(
          new ClusterStatus.Group(
              id,
              String.valueOf(d.groupState()),
              d.members().size(),
              ConsumerLag.read(admin, id, Duration.ofMillis(timeout)).total()));
    }
    return groups;
  }
}
