package ai.ringrift.runtime.roles;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/** Samples, as fast as it can, how many of some in-process candidates hold the role at once. */
final class HolderSampler implements AutoCloseable {
  private final List<RoleElectionIT.Candidate> candidates;
  private final AtomicInteger max = new AtomicInteger();
  private final AtomicLong samples = new AtomicLong();
  private final Thread thread;
  private volatile boolean running = true;

  HolderSampler(List<RoleElectionIT.Candidate> candidates) {
    this.candidates = candidates;
    this.thread = new Thread(this::sample, "holder-sampler");
    thread.setDaemon(true);
    thread.start();
  }

  private void sample() {
    while (running) {
      int holders = 0;
      for (RoleElectionIT.Candidate c : candidates) {
        holders += c.election.isHeld() ? 1 : 0;
      }
      max.accumulateAndGet(holders, Math::max);
      samples.incrementAndGet();
      LockSupport.parkNanos(100_000); // pace the sampler, not a wait for a condition
    }
  }

  int maxHolders() {
    return max.get();
  }

  long samples() {
    return samples.get();
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join();
  }
}
