package ai.ringrift.dashboard;

import ai.ringrift.config.Check;
import ai.ringrift.config.ConfigSource;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's settings, from {@code config/dashboard.yaml} (section {@code dashboard}).
 *
 * @param historyHours how far back event topics are read at start; 0 reads all they hold
 * @param statusUrls base URLs of the Streams apps' status endpoints; empty means this process's own
 * @param statusIntervalSeconds how often the Streams apps' views are fetched
 * @param lagIntervalSeconds how often consumer lag is read
 * @param pushIntervalMillis how long changes are gathered before they are pushed
 * @param heartbeatSeconds how often an idle stream gets a comment line
 * @param viewerQueue messages that may wait for one page before it is dropped
 * @param tailSize events in the live tail
 * @param eventIndexSize events kept by id for traces and lineage
 * @param dedupCapacity event ids remembered to count a redelivered copy once
 * @param breakerHistory state changes kept per breaker
 * @param deadLettersPerTopic dead letters kept per DLQ
 */
public record DashboardSettings(
    int historyHours,
    List<String> statusUrls,
    int statusIntervalSeconds,
    int lagIntervalSeconds,
    int pushIntervalMillis,
    int heartbeatSeconds,
    int viewerQueue,
    int tailSize,
    int eventIndexSize,
    int dedupCapacity,
    int breakerHistory,
    int deadLettersPerTopic) {
  /** Environment variable replacing {@code statusUrls}: comma-separated base URLs. */
  public static final String ENV_STATUS_URLS = "RINGRIFT_DASHBOARD_STATUS_URLS";

  public DashboardSettings {
    Check.atLeast("historyHours", historyHours, 0);
    statusUrls = List.copyOf(Check.orDefault(statusUrls, List.of()));
    statusUrls.forEach(
        url ->
            Check.that(
                url.startsWith("http://") || url.startsWith("https://"),
                "statusUrls",
                "must be http:// or https:// URLs, was '" + url + "'"));
    Check.atLeast("statusIntervalSeconds", statusIntervalSeconds, 1);
    Check.atLeast("lagIntervalSeconds", lagIntervalSeconds, 1);
    Check.between("pushIntervalMillis", pushIntervalMillis, 10, 10_000);
    Check.atLeast("heartbeatSeconds", heartbeatSeconds, 1);
    Check.atLeast("viewerQueue", viewerQueue, 16);
    Check.atLeast("tailSize", tailSize, 1);
    Check.atLeast("eventIndexSize", eventIndexSize, 1);
    Check.atLeast("dedupCapacity", dedupCapacity, 1);
    Check.atLeast("breakerHistory", breakerHistory, 1);
    Check.atLeast("deadLettersPerTopic", deadLettersPerTopic, 1);
  }

  /** Loads the section from {@code source} and applies the environment override. */
  public static DashboardSettings load(ConfigSource source, Map<String, String> env) {
    DashboardSettings settings =
        source.section("dashboard.yaml", "dashboard", DashboardSettings.class);
    String urls = env.get(ENV_STATUS_URLS);
    if (urls != null && !urls.isBlank()) {
      settings =
          settings.withStatusUrls(
              Arrays.stream(urls.split(",")).map(String::trim).filter(u -> !u.isEmpty()).toList());
    }
    return settings;
  }

  /** A copy querying {@code urls} for the Streams apps' views. */
  public DashboardSettings withStatusUrls(List<String> urls) {
    return new DashboardSettings(
        historyHours,
        urls,
        statusIntervalSeconds,
        lagIntervalSeconds,
        pushIntervalMillis,
        heartbeatSeconds,
        viewerQueue,
        tailSize,
        eventIndexSize,
        dedupCapacity,
        breakerHistory,
        deadLettersPerTopic);
  }
}
