package ai.ringrift.stages.action.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A process and everything it started, so that all of it can be stopped. Trainers fork data loaders
 * and shells fork their commands: killing only the direct child would leave those running (holding
 * the GPU or the output pipe). Once a parent dies its children are re-parented and no longer show
 * up as its descendants, so the tree is remembered while the root lives ({@link #refresh()}, called
 * while waiting) and listed again right before anything is signalled.
 */
final class ProcessTree {
  private static final Logger LOGGER = LoggerFactory.getLogger(ProcessTree.class);
  private static final Duration FORCED_EXIT_WAIT = Duration.ofSeconds(5);

  private final ProcessHandle root;
  private final Set<ProcessHandle> descendants = new LinkedHashSet<>();

  ProcessTree(ProcessHandle root) {
    this.root = root;
  }

  /** Remembers the root's current descendants. */
  void refresh() {
    root.descendants().forEach(descendants::add);
  }

  /** SIGTERM to the whole tree, then SIGKILL to whatever is left after {@code grace}. */
  void kill(Duration grace) {
    refresh();
    List<ProcessHandle> tree = new ArrayList<>();
    tree.add(root);
    tree.addAll(descendants);
    terminate(tree, grace);
  }

  /** Stops what the (exited) root left running, e.g. a child still holding its output pipe. */
  void killLeftovers(Duration grace) {
    refresh();
    terminate(descendants.stream().filter(ProcessHandle::isAlive).toList(), grace);
  }

  private static void terminate(List<ProcessHandle> tree, Duration grace) {
    tree.forEach(ProcessHandle::destroy);
    awaitExit(tree, grace);
    for (ProcessHandle handle : tree) {
      if (handle.isAlive()) {
        LOGGER.info("pid={} still alive {} after SIGTERM; sending SIGKILL", handle.pid(), grace);
        handle.destroyForcibly();
      }
    }
    awaitExit(tree, FORCED_EXIT_WAIT);
  }

  private static void awaitExit(List<ProcessHandle> handles, Duration limit) {
    CompletableFuture<?>[] exits =
        handles.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
    try {
      CompletableFuture.allOf(exits).get(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      LOGGER.debug("processes still alive after {}", limit);
    } catch (InterruptedException e) {
      // the stage is stopping: escalate at once, and keep the interrupt for the caller
      Thread.currentThread().interrupt();
    }
  }
}
