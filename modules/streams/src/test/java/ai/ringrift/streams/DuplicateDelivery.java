package ai.ringrift.streams;

import static org.assertj.core.api.Assertions.assertThat;

import ai.ringrift.testkit.DeliveryPlan;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The property every consumer must have, "one event counts once" ({@code docs/event-contract.md}),
 * for a Streams app under the test driver: a run that delivers each event 1 to 3 times — the copies
 * interleaved with later events and the app restarted at random points — ends with the same stores
 * and the same output events as the run that delivers each event once (and restarts at the same
 * moments of its wall clock).
 *
 * <p>A restart closes the driver and opens a new one whose stores hold what the old one's changelog
 * topics held, which is what a real app restores when it starts. The wall clock moves only before
 * an event's first delivery, so both runs see the same times and punctuations.
 */
public final class DuplicateDelivery {
  /** How often a restart follows a step of the run with copies. */
  static final double RESTART_CHANCE = 0.08;

  /**
   * The app under test.
   *
   * @param topology builds the app's topology (once per driver)
   * @param dlqRoutes the app's dead-letter routes
   * @param stores the app's stores and the types of their values (all changelogged)
   * @param outputs the event types it emits
   */
  public record App(
      Supplier<Topology> topology,
      String dlqRoutes,
      Map<String, Class<? extends SpecificRecord>> stores,
      List<Class<? extends SpecificRecord>> outputs) {}

  /**
   * What a run ended with.
   *
   * @param stores every store's entries by key
   * @param outputs every output event, as {@code Type key value}, in the order emitted
   */
  public record Outcome(Map<String, Map<String, Object>> stores, List<String> outputs) {}

  /** Makes one run's events, and the wall-clock step before the first delivery of each. */
  @FunctionalInterface
  public interface Events {
    List<SpecificRecord> make(Random random, List<Duration> steps);
  }

  private DuplicateDelivery() {}

  /**
   * For each seed of {@code firstSeed} and the {@code seeds - 1} after it: makes events, plays them
   * once and with copies and restarts, and asserts that both runs end alike (the message names the
   * seed; rerun with it). Returns the outcomes of the runs without copies, for the caller to check
   * that the runs did something.
   */
  public static List<Outcome> assertCountsOnce(App app, int firstSeed, int seeds, Events events) {
    List<Outcome> outcomes = new ArrayList<>();
    int extra = 0;
    for (int seed = firstSeed; seed < firstSeed + seeds; seed++) {
      Random random = new Random(seed);
      List<Duration> steps = new ArrayList<>();
      DeliveryPlan<SpecificRecord> plan = plan(events.make(random, steps), random);

      Outcome once = run(app, plan.once(), steps);
      Outcome copies = run(app, plan.copies(), steps);

      assertThat(copies).as("seed %d", seed).isEqualTo(once);
      outcomes.add(once);
      extra += plan.extraDeliveries();
    }
    assertThat(extra).as("copies were delivered").isPositive();
    return outcomes;
  }

  /** The two plans for {@code events}: once, and with copies and restarts. */
  public static DeliveryPlan<SpecificRecord> plan(List<SpecificRecord> events, Random random) {
    return DeliveryPlan.of(events, random, RESTART_CHANCE);
  }

  /**
   * Runs {@code plan} against {@code app} from {@link Driver#START}; the wall clock moves by {@code
   * steps.get(i)} before event {@code i} is first delivered.
   */
  public static Outcome run(
      App app, List<DeliveryPlan.Step<SpecificRecord>> plan, List<Duration> steps) {
    Map<String, Map<Bytes, byte[]>> changelogs = new TreeMap<>();
    app.stores().keySet().forEach(s -> changelogs.put(s, new LinkedHashMap<>()));
    List<String> outputs = new ArrayList<>();
    Instant now = Driver.START;
    Driver driver = open(app, now, changelogs);
    try {
      for (DeliveryPlan.Step<SpecificRecord> step : plan) {
        if (step instanceof DeliveryPlan.First<SpecificRecord> f) {
          driver.tick(steps.get(f.index()));
          driver.send(f.event());
        } else if (step instanceof DeliveryPlan.Copy<SpecificRecord> c) {
          driver.send(c.event());
        } else {
          now = driver.now();
          keepChangelogs(app, driver, changelogs);
          driver.close();
          driver = open(app, now, changelogs);
        }
        drainOutputs(app, driver, outputs);
      }
      return new Outcome(storeContents(app, driver), outputs);
    } finally {
      driver.close();
    }
  }

  /** A driver at {@code start} whose stores hold what {@code changelogs} hold. */
  private static Driver open(App app, Instant start, Map<String, Map<Bytes, byte[]>> changelogs) {
    Driver driver = new Driver(app.topology().get(), app.dlqRoutes(), Map.of(), start);
    changelogs.forEach(
        (store, entries) -> {
          String topic = changelog(driver, store);
          Class<? extends SpecificRecord> type = app.stores().get(store);
          KeyValueStore<String, Object> target = driver.store(store);
          entries.forEach(
              (key, value) -> {
                if (value != null) {
                  target.put(
                      Driver.SERDES.key().deserializer().deserialize(topic, key.get()),
                      Driver.SERDES.value(type).deserializer().deserialize(topic, value));
                }
              });
        });
    return driver;
  }

  /** Adds what the driver wrote to its changelogs (the latest value per key wins). */
  private static void keepChangelogs(
      App app, Driver driver, Map<String, Map<Bytes, byte[]>> changelogs) {
    for (String store : app.stores().keySet()) {
      driver
          .rawOutput(changelog(driver, store))
          .readRecordsToList()
          .forEach(r -> changelogs.get(store).put(Bytes.wrap(r.key()), r.value()));
    }
  }

  private static String changelog(Driver driver, String store) {
    return driver.applicationId() + "-" + store + "-changelog";
  }

  private static void drainOutputs(App app, Driver driver, List<String> outputs) {
    for (Class<? extends SpecificRecord> type : app.outputs()) {
      driver
          .output(type)
          .readKeyValuesToList()
          .forEach(kv -> outputs.add(type.getSimpleName() + " " + kv.key + " " + kv.value));
    }
  }

  private static Map<String, Map<String, Object>> storeContents(App app, Driver driver) {
    Map<String, Map<String, Object>> all = new TreeMap<>();
    for (String store : app.stores().keySet()) {
      Map<String, Object> entries = new TreeMap<>(Comparator.naturalOrder());
      try (KeyValueIterator<String, Object> it = driver.<Object>store(store).all()) {
        while (it.hasNext()) {
          KeyValue<String, Object> next = it.next();
          entries.put(next.key, next.value);
        }
      }
      all.put(store, entries);
    }
    return all;
  }
}
