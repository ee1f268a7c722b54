package ai.ringrift.stages.daemon;

import ai.ringrift.runtime.ServiceContext;
import ai.ringrift.stages.host.Daemon;

/** Makes a fresh {@link Daemon} for each start, from the service's context. */
@FunctionalInterface
public interface DaemonFactory {
  Daemon create(ServiceContext context) throws Exception;
}
