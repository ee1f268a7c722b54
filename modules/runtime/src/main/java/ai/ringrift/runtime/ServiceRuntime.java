package ai.ringrift.runtime;

import ai.ringrift.runtime.http.StatusSecurity;
import ai.ringrift.runtime.http.StatusServer;
import ai.ringrift.runtime.metrics.PrometheusMetrics;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.health.HealthCheck;
import com.codahale.metrics.health.HealthCheckRegistry;
import com.codahale.metrics.jmx.JmxReporter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every service runs on: a metric registry (reported through JMX), health checks, an HTTP
 * endpoint ({@code /health}, {@code /metrics} in Prometheus text, {@code /status/<component>} JSON)
 * and an ordered lifecycle: components close in the reverse order they were added. In the embedded
 * run several services share one runtime.
 */
public final class ServiceRuntime implements AutoCloseable {
  private static final Logger LOGGER = LoggerFactory.getLogger(ServiceRuntime.class);

  /** Environment variable naming this instance (default {@code <service>@<host>-<pid>}). */
  public static final String ENV_INSTANCE_ID = "RINGRIFT_INSTANCE_ID";

  private final String service;
  private final String instanceId;
  private final MetricRegistry metrics = new MetricRegistry();
  private final HealthCheckRegistry health = new HealthCheckRegistry();
  private final StatusServer http;
  private final JmxReporter jmx;
  private final Deque<AutoCloseable> components = new ArrayDeque<>();
  private final CountDownLatch closed = new CountDownLatch(1);

  private ServiceRuntime(
      String service, String instanceId, RuntimeSettings settings, StatusSecurity security) {
    this.service = service;
    this.instanceId = instanceId;
    this.http = new StatusServer(settings.httpHost(), settings.httpPort(), security);
    this.jmx =
        settings.jmxEnabled()
            ? JmxReporter.forRegistry(metrics).inDomain(settings.jmxDomain()).build()
            : null;
    if (jmx != null) {
      jmx.start();
    }
    PrometheusMetrics prometheus = new PrometheusMetrics(metrics);
    http.route(
        "/metrics",
        StatusServer.Access.METRICS,
        exchange -> new StatusServer.Response(200, prometheus.contentType(), prometheus.scrape()));
    // liveness stays open: container health checks probe it without credentials
    http.route("/health", StatusServer.Access.OPEN, exchange -> healthResponse());
  }

  /**
   * Starts the runtime of {@code service}, its status endpoint protected as this process's
   * environment says ({@link StatusSecurity#fromEnvironment}).
   */
  public static ServiceRuntime start(String service, RuntimeSettings settings) {
    return start(service, settings, StatusSecurity.fromEnvironment(System.getenv()));
  }

  /** Starts the runtime of {@code service}, its status endpoint protected by {@code security}. */
  public static ServiceRuntime start(
      String service, RuntimeSettings settings, StatusSecurity security) {
    String instance = System.getenv().getOrDefault(ENV_INSTANCE_ID, defaultInstanceId(service));
    ServiceRuntime runtime = new ServiceRuntime(service, instance, settings, security);
    LOGGER.info(
        "service={} instance={} status endpoint {} authentication={} users={}",
        service,
        instance,
        runtime.http.baseUrl(),
        security.authenticates() ? "basic" : "none",
        security.users().names());
    return runtime;
  }

  /** The service's name, e.g. {@code signal-computer}. */
  public String service() {
    return service;
  }

  /** This instance's id: unique in the cluster, stable for the life of the process. */
  public String instanceId() {
    return instanceId;
  }

  /** Metrics of every component; reported through JMX and {@code /metrics}. */
  public MetricRegistry metrics() {
    return metrics;
  }

  /** Health checks of every component; served at {@code /health}. */
  public HealthCheckRegistry health() {
    return health;
  }

  /** The HTTP endpoint, for components to add {@code /status} views. */
  public StatusServer http() {
    return http;
  }

  /** Adds a component to close (in reverse order of adding) when the runtime closes. */
  public synchronized <T extends AutoCloseable> T manage(T component) {
    components.push(component);
    return component;
  }

  /** The results of every health check, by name. */
  public SortedMap<String, HealthCheck.Result> runHealthChecks() {
    return health.runHealthChecks();
  }

  /** Blocks until {@link #close()} has run (from a shutdown hook, say). */
  public void awaitClose() throws InterruptedException {
    closed.await();
  }

  /** Closes every component, newest first, then the endpoint and reporters. */
  @Override
  public void close() {
    synchronized (this) {
      while (!components.isEmpty()) {
        AutoCloseable component = components.pop();
        try {
          component.close();
        } catch (Exception e) {
          LOGGER.warn(
              "service={} closing {} failed", service, component.getClass().getSimpleName(), e);
        }
      }
    }
    if (jmx != null) {
      jmx.stop();
    }
    http.close();
    closed.countDown();
  }

  private StatusServer.Response healthResponse() {
    Map<String, Object> checks = new LinkedHashMap<>();
    boolean healthy = true;
    for (Map.Entry<String, HealthCheck.Result> e : runHealthChecks().entrySet()) {
      HealthCheck.Result r = e.getValue();
      healthy &= r.isHealthy();
      Map<String, Object> check = new LinkedHashMap<>();
      check.put("healthy", r.isHealthy());
      if (r.getMessage() != null) {
        check.put("message", r.getMessage());
      }
      if (r.getError() != null) {
        check.put("error", r.getError().toString());
      }
      checks.put(e.getKey(), check);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("service", service);
    body.put("instance", instanceId);
    body.put("healthy", healthy);
    body.put("checks", checks);
    try {
      return new StatusServer.Response(
          healthy ? 200 : 503, "application/json", StatusServer.JSON.writeValueAsString(body));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String defaultInstanceId(String service) {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "localhost";
    }
    return service + "@" + host + "-" + ProcessHandle.current().pid();
  }
}
