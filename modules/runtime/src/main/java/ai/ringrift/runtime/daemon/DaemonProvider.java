package ai.ringrift.runtime.daemon;

import ai.ringrift.runtime.ServiceContext;

/**
 * Makes one kind of {@link Daemon} under the name {@code config/daemons.yaml} gives it. An
 * implementation registers itself in {@code
 * META-INF/services/ai.ringrift.runtime.daemon.DaemonProvider}, so a launcher finds every daemon on
 * its classpath with {@link java.util.ServiceLoader} instead of a hand-written list naming them.
 */
public interface DaemonProvider {
  /** The daemon's name in {@code config/daemons.yaml}. */
  String name();

  /** A fresh daemon for each start, from the service's context. */
  Daemon create(ServiceContext context) throws Exception;
}
