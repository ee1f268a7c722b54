package ai.ringrift.testkit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Two ways to deliver the same events to a consumer, for the property "one event counts once": each
 * event once, in order; and each event 1 to 3 times, every copy after a random later event's first
 * delivery (so copies interleave with other events), with restarts of the consumer at random
 * points. The plan without copies restarts after the same first deliveries, so a consumer whose
 * behaviour depends on when it restarts sees the same restarts in both.
 *
 * @param once each event delivered once
 * @param copies each event delivered 1 to 3 times
 * @param <T> the events' type
 */
public record DeliveryPlan<T>(List<Step<T>> once, List<Step<T>> copies) {
  /** One step of a plan. */
  public sealed interface Step<T> permits First, Copy, Restart {}

  /** The first delivery of event {@code index}. */
  public record First<T>(T event, int index) implements Step<T> {}

  /** Another delivery of event {@code index}, delivered before. */
  public record Copy<T>(T event, int index) implements Step<T> {}

  /** The consumer stops and starts again. */
  public record Restart<T>() implements Step<T> {}

  public DeliveryPlan {
    once = List.copyOf(once);
    copies = List.copyOf(copies);
  }

  /** A plan for {@code events}: after any step a restart follows with {@code restartChance}. */
  public static <T> DeliveryPlan<T> of(List<T> events, Random random, double restartChance) {
    int n = events.size();
    List<List<Integer>> copiesAfter = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      copiesAfter.add(new ArrayList<>());
    }
    for (int i = 0; i < n; i++) {
      int more = random.nextInt(3); // 0 to 2 more: 1 to 3 deliveries
      for (int c = 0; c < more; c++) {
        copiesAfter.get(i + random.nextInt(n - i)).add(i);
      }
    }
    List<Step<T>> once = new ArrayList<>();
    List<Step<T>> copies = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      First<T> first = new First<>(events.get(i), i);
      once.add(first);
      copies.add(first);
      List<Integer> after = copiesAfter.get(i);
      Collections.shuffle(after, random);
      for (int copy : after) {
        maybeRestart(random, restartChance, once, copies);
        copies.add(new Copy<>(events.get(copy), copy));
      }
      maybeRestart(random, restartChance, once, copies);
    }
    return new DeliveryPlan<>(once, copies);
  }

  /** How many more deliveries the plan with copies makes. */
  public int extraDeliveries() {
    return (int) copies.stream().filter(s -> s instanceof Copy).count();
  }

  /** How many restarts each plan makes. */
  public int restarts() {
    return (int) copies.stream().filter(s -> s instanceof Restart).count();
  }

  private static <T> void maybeRestart(
      Random random, double chance, List<Step<T>> once, List<Step<T>> copies) {
    if (random.nextDouble() < chance) {
      once.add(new Restart<>()); // after the same first deliveries in both plans
      copies.add(new Restart<>());
    }
  }
}
