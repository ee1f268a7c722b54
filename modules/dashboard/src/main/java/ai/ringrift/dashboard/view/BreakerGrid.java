package ai.ringrift.dashboard.view;

import ai.ringrift.events.CircuitState;
import ai.ringrift.events.CircuitStateChanged;
import ai.ringrift.events.contract.ConfigKeys;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every (stage, config) circuit breaker: its state now, from {@code ringrift.state.circuits} or the
 * circuit breakers' {@code /status/circuits} view (the newer wins), and its recent state changes.
 */
final class BreakerGrid {
  private final int historySize;
  private final Map<String, Cell> cells = new TreeMap<>();
  private final Map<String, Deque<Change>> history = new TreeMap<>();

  BreakerGrid(int historySize) {
    this.historySize = historySize;
  }

  /** A breaker's state record; returns whether it changed what is shown. */
  boolean state(CircuitState state) {
    return put(Cell.of(state));
  }

  /**
   * A breaker as the status view shows it ({@code config/stage} key); older than shown: ignored.
   */
  boolean state(String key, Map<String, Object> json) {
    return put(Cell.of(key, json));
  }

  /** A breaker's state was deleted (a tombstone on the state topic). */
  boolean removed(String key) {
    return cells.remove(key) != null;
  }

  /** A state change, for the breaker's history. */
  void changed(CircuitStateChanged c) {
    String key =
        ConfigKeys.format(c.getConfig()) + "/" + c.getStage().name().toLowerCase(Locale.ROOT);
    Deque<Change> changes = history.computeIfAbsent(key, k -> new ArrayDeque<>());
    changes.addFirst(
        new Change(
            c.getHeader().getOccurredAt().toEpochMilli(),
            c.getFromState().name(),
            c.getToState().name(),
            c.getConsecutiveFailures(),
            c.getOpens(),
            c.getRetryAt() == null ? null : c.getRetryAt().toEpochMilli(),
            c.getReason(),
            c.getHeader().getEventId()));
    while (changes.size() > historySize) {
      changes.removeLast();
    }
  }

  /** Every breaker by {@code config/stage}. */
  Map<String, Cell> cells() {
    return Map.copyOf(cells);
  }

  /** The recent changes of one breaker, newest first. */
  List<Change> history(String key) {
    return List.copyOf(history.getOrDefault(key, new ArrayDeque<>()));
  }

  private boolean put(Cell cell) {
    Cell shown = cells.get(cell.key());
    if (shown != null && shown.updatedAt() > cell.updatedAt()) {
      return false;
    }
    cells.put(cell.key(), cell);
    return !cell.equals(shown);
  }

  /**
   * One breaker now.
   *
   * @param key {@code config/stage}, the state topic's key
   * @param config the config
   * @param stage the stage, lower case
   * @param status CLOSED, OPEN or HALF_OPEN
   * @param consecutiveFailures failures in a row
   * @param opens how often it opened (decaying)
   * @param updatedAt when it changed (epoch ms)
   * @param retryAt when an OPEN breaker lets a probe through (epoch ms)
   * @param probeInFlight whether a HALF_OPEN breaker's probe runs
   * @param lastError the last failure's message
   */
  record Cell(
      String key,
      String config,
      String stage,
      String status,
      int consecutiveFailures,
      int opens,
      long updatedAt,
      Long retryAt,
      boolean probeInFlight,
      String lastError) {
    static Cell of(CircuitState s) {
      String config = ConfigKeys.format(s.getConfig());
      String stage = s.getStage().name().toLowerCase(Locale.ROOT);
      return new Cell(
          config + "/" + stage,
          config,
          stage,
          s.getStatus().name(),
          s.getConsecutiveFailures(),
          s.getOpens(),
          s.getUpdatedAt().toEpochMilli(),
          s.getRetryAt() == null ? null : s.getRetryAt().toEpochMilli(),
          s.getProbeInFlight(),
          s.getLastError());
    }

    static Cell of(String key, Map<String, Object> json) {
      int slash = key.indexOf('/');
      return new Cell(
          key,
          key.substring(0, slash),
          key.substring(slash + 1),
          String.valueOf(json.get("status")),
          json.get("consecutive_failures") instanceof Number n ? n.intValue() : 0,
          json.get("opens") instanceof Number n ? n.intValue() : 0,
          ModelRegistryView.millis(json.get("updated_at")),
          json.get("retry_at") == null ? null : ModelRegistryView.millis(json.get("retry_at")),
          Boolean.TRUE.equals(json.get("probe_in_flight")),
          json.get("last_error") == null ? null : json.get("last_error").toString());
    }
  }

  /**
   * A state change of a breaker.
   *
   * @param at when (epoch ms)
   * @param from the state before
   * @param to the state after
   * @param consecutiveFailures failures in a row then
   * @param opens its open count then
   * @param retryAt when it lets a probe through, if OPEN
   * @param reason why
   * @param eventId the change's event id
   */
  record Change(
      long at,
      String from,
      String to,
      int consecutiveFailures,
      int opens,
      Long retryAt,
      String reason,
      String eventId) {}

  /** For the list of known stages and configs in the grid. */
  List<String> keys() {
    return new ArrayList<>(cells.keySet());
  }
}
