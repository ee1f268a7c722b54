package ai.ringrift.registry.internal;

import ai.ringrift.http.HttpServers;
import ai.ringrift.registry.settings.RegistrySettings;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** Wires the store, the service and the HTTP server of one registry instance. */
public final class RegistryServer implements AutoCloseable {
  private final Admin admin;
  private final SchemaLog log;
  private final HttpServer http;
  private final ExecutorService threads;

  private RegistryServer(Admin admin, SchemaLog log, HttpServer http, ExecutorService threads) {
    this.admin = admin;
    this.log = log;
    this.http = http;
    this.threads = threads;
  }

  /** Creates the topic if needed, replays it, then serves HTTP. */
  public static RegistryServer start(RegistrySettings settings) {
    Map<String, Object> config = new HashMap<>(settings.clientProperties());
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    Admin admin = Admin.create(config);
    SchemaLog log = null;
    try {
      SchemaTopic.ensure(admin, settings);
      RegistryState state = new RegistryState();
      log = new SchemaLog(settings, state, admin);
      log.catchUp();
      HttpServer http = HttpServers.create(settings.host(), settings.port(), 64, settings.tls());
      ExecutorService threads = Executors.newFixedThreadPool(4);
      http.setExecutor(threads);
      var context =
          http.createContext(
              "/", new RestApi(new RegistryService(log, clusterId(admin, settings))));
      RegistryAccess.filter(settings).ifPresent(context.getFilters()::add);
      http.start();
      return new RegistryServer(admin, log, http, threads);
    } catch (IOException e) {
      closeAll(log, admin);
      throw new UncheckedIOException(
          "cannot listen on " + settings.host() + ":" + settings.port(), e);
    } catch (RuntimeException e) {
      closeAll(log, admin);
      throw e;
    }
  }

  private static String clusterId(Admin admin, RegistrySettings settings) {
    try {
      return admin
          .describeCluster()
          .clusterId()
          .get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot read the Kafka cluster id: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the Kafka cluster id", e);
    }
  }

  /** {@code https} with a key store, {@code http} otherwise. */
  public String scheme() {
    return HttpServers.scheme(http);
  }

  /** The port the HTTP API listens on. */
  public int port() {
    return http.getAddress().getPort();
  }

  @Override
  public void close() {
    http.stop(0);
    threads.shutdownNow();
    closeAll(log, admin);
  }

  private static void closeAll(SchemaLog log, Admin admin) {
    if (log != null) {
      log.close();
    }
    admin.close();
  }
}
