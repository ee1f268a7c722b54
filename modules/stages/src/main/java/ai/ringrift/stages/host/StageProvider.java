package ai.ringrift.stages.host;

import ai.ringrift.runtime.ServiceContext;
import ai.ringrift.runtime.daemon.Daemon;
import ai.ringrift.runtime.daemon.DaemonFactory;

/**
 * Makes one of the stages module's daemons under the name {@code config/daemons.yaml} gives it,
 * either on parts of its own or on the parts the stages of one process share. A subclass (with a
 * no-argument constructor naming the two factories) registers itself in {@code
 * META-INF/services/ai.ringrift.stages.host.StageProvider}, so the stages' bundle finds every one
 * with {@link java.util.ServiceLoader} instead of a hand-written list naming them.
 */
public abstract class StageProvider {
  /** Makes a daemon on the parts the stages of one process share. */
  @FunctionalInterface
  public interface SharedFactory {
    Daemon create(SharedStageParts shared) throws Exception;
  }

  private final String name;
  private final DaemonFactory own;
  private final SharedFactory shared;

  /**
   * A provider of daemon {@code name}, made by {@code own} on parts of its own and by {@code
   * shared} on shared parts.
   */
  protected StageProvider(String name, DaemonFactory own, SharedFactory shared) {
    this.name = name;
    this.own = own;
    this.shared = shared;
  }

  /** The daemon's name in {@code config/daemons.yaml}. */
  public final String name() {
    return name;
  }

  /**
   * A fresh daemon for each start ({@code ringrift launch}): its settings from {@code context}'s
   * config, its state tables and clients its own, closed with it.
   */
  public final Daemon create(ServiceContext context) throws Exception {
    return own.create(context);
  }

  /**
   * A fresh daemon for each start on the parts the stages of one process share (the embedded run),
   * with the settings and actions in {@code shared}; it does not close them.
   */
  public final Daemon create(SharedStageParts parts) throws Exception {
    return shared.create(parts);
  }
}
