package ai.ringrift.runtime.daemon;

import ai.ringrift.runtime.ServiceContext;

/** Makes a fresh {@link Daemon} for each start, from the service's context. */
@FunctionalInterface
public interface DaemonFactory {
  Daemon create(ServiceContext context) throws Exception;
}
