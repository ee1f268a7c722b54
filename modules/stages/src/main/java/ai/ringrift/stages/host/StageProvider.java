package ai.ringrift.stages.host;

import ai.ringrift.runtime.ServiceContext;
import ai.ringrift.runtime.daemon.Daemon;

/**
 * Makes one of the stages module's daemons under the name {@code config/daemons.yaml} gives it,
 * either on parts of its own or on the parts the stages of one process share. An implementation
 * registers itself in {@code META-INF/services/ai.ringrift.stages.host.StageProvider}, so the
 * stages' bundle finds every one with {@link java.util.ServiceLoader} instead of a hand-written
 * list naming them.
 */
public interface StageProvider {
  /** The daemon's name in {@code config/daemons.yaml}. */
  String name();

  /**
   * A fresh daemon for each start ({@code ringrift launch}): its settings from {@code context}'s
   * config, its state tables and clients its own, closed with it.
   */
  Daemon create(ServiceContext context) throws Exception;

  /**
   * A fresh daemon for each start on the parts the stages of one process share (the embedded run),
   * with the settings and actions in {@code shared}; it does not close them.
   */
  Daemon create(SharedStageParts shared) throws Exception;
}
