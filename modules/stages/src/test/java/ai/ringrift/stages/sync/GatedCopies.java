package ai.ringrift.stages.sync;

import ai.ringrift.stages.action.Action;
import ai.ringrift.stages.action.ActionPlugin;
import ai.ringrift.stages.action.ActionResult;
import ai.ringrift.stages.action.ResultValues;
import ai.ringrift.stages.action.rsync.RsyncAction;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sync stage's transfers for tests, as {@code sync.transfer: {kind: PLUGIN, plugin:
 * gated-copies}}: a copy of a model (to a host's {@code models}) waits until {@link #models} opens,
 * a copy of games until {@link #games} opens; each counts how many run and have run.
 */
final class GatedCopies implements ActionPlugin {
  static final String NAME = "gated-copies";

  /** One kind of copy. */
  static final class Gate {
    final CountDownLatch open = new CountDownLatch(1);
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger mostAtOnce = new AtomicInteger();
    final AtomicInteger started = new AtomicInteger();
    final Set<String> sources = ConcurrentHashMap.newKeySet();

    void pass(String source) throws InterruptedException {
      started.incrementAndGet();
      sources.add(source);
      mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
      try {
        open.await();
      } finally {
        running.decrementAndGet();
      }
    }
  }

  final Gate models = new Gate();
  final Gate games = new Gate();

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Action create(String key, Set<String> placeholders) {
    return request -> {
      String destination = request.require(RsyncAction.DESTINATION);
      String source = request.require(RsyncAction.SOURCE);
      (destination.contains("/models/") ? models : games).pass(source);
      return ActionResult.succeeded(
          ResultValues.of(Map.of("files_transferred", 1, "bytes_transferred", 0)), Duration.ZERO);
    };
  }

  /** Lets every copy through. */
  void openAll() {
    models.open.countDown();
    games.open.countDown();
  }
}
