package ai.ringrift.dashboard.view;

import java.util.Map;

/**
 * What one Streams app's status view said when last fetched.
 *
 * @param url the status view, e.g. {@code http://circuit-breakers:8080/status/circuits}
 * @param app the app answering
 * @param state its Kafka Streams state (RUNNING, REBALANCING, ...)
 * @param available whether its store could be queried
 * @param entries how many entries this instance hosts
 * @param message why it was not available
 * @param fetchedAt when it answered or failed (epoch ms)
 */
public record StreamsAppStatus(
    String url,
    String app,
    String state,
    boolean available,
    int entries,
    String message,
    long fetchedAt) {

  static StreamsAppStatus of(
      String baseUrl, String view, Map<String, Object> body, String error, long now) {
    String url = baseUrl + "/status/" + view;
    if (body == null) {
      return new StreamsAppStatus(url, null, null, false, 0, error, now);
    }
    Object entries = body.get(view);
    return new StreamsAppStatus(
        url,
        String.valueOf(body.get("app")),
        String.valueOf(body.get("state")),
        Boolean.TRUE.equals(body.get("available")),
        entries instanceof Map<?, ?> m ? m.size() : 0,
        body.get("message") == null ? null : body.get("message").toString(),
        now);
  }
}
