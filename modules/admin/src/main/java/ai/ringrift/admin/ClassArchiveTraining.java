package ai.ringrift.admin;

import ai.ringrift.admin.cli.Logging;
import ai.ringrift.admin.cli.OutputOptions;
import ai.ringrift.admin.cli.Table;
import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.serde.EventSerdes;
import ai.ringrift.config.ConfigSource;
import ai.ringrift.events.catalog.TopicCatalog;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine;

/**
 * The training run of the launcher's class archive (AppCDS): {@code scripts/ringrift} runs it once
 * per build with {@code -XX:ArchiveClassesAtExit}, and every later command starts from the classes
 * it loaded, already parsed and verified. It walks what short commands do, without a cluster: the
 * command line and every command's help, the config and the catalog, the serdes, an admin client, a
 * consumer and a producer that try an address where nothing listens, a table and JSON.
 */
public final class ClassArchiveTraining {
  private static final String NOWHERE = "127.0.0.1:1";
  private static final Duration SHORT = Duration.ofMillis(300);

  private ClassArchiveTraining() {}

  public static void main(String[] args) throws Exception {
    Logging.commandLine();
    StringWriter sink = new StringWriter();
    PrintWriter out = new PrintWriter(sink);
    CommandLine cli = Ringrift.commandLine();
    cli.setOut(out);
    cli.setErr(out);
    usage(cli, out);
    cli.execute("--version");

    TopicCatalog catalog = TopicCatalog.load(ConfigSource.discover());
    KafkaSettings kafka = KafkaSettings.of(NOWHERE).withSchemaRegistry("http://" + NOWHERE);
    EventSerdes.from(kafka, catalog);
    Map<String, Object> config = kafka.clientConfig();
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) SHORT.toMillis());
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) SHORT.toMillis());
    try (Admin admin = Admin.create(config)) {
      admin.listTopics().names().get(SHORT.toMillis() * 2, TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException expected) {
      // nothing listens there: the classes of the attempt are what this run is for
    }
    config.put(CommonClientConfigs.GROUP_ID_CONFIG, "ringrift-class-archive");
    new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())
        .close(SHORT);
    new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer()).close(SHORT);

    Table table = Table.of("TOPIC", "PARTITIONS");
    catalog.topics().forEach(t -> table.row(t.name(), t.partitions()));
    out.print(table.render());
    OutputOptions.printJson(out, List.of(Map.of("topic", "t", "partitions", 1)));
    out.flush();
  }

  private static void usage(CommandLine command, PrintWriter out) {
    command.usage(out);
    command.getSubcommands().values().forEach(sub -> usage(sub, out));
  }
}
