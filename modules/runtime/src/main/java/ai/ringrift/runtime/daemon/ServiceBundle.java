package ai.ringrift.runtime.daemon;

/**
 * The daemons one module contributes to every way of running the platform, in the manner of a
 * Dropwizard bundle: {@code ringrift launch}, {@code ringrift up} and the tests assemble the same
 * bundles ({@link ServiceBundles}) and run the daemons they pick under one {@link DaemonLauncher}.
 * Each daemon, when it starts, registers its own health checks (Dropwizard's), metrics and {@code
 * /status} views on the runtime of the context it is made in, and answers the launcher's health
 * checks in the same vocabulary ({@link Daemon#health()}).
 *
 * <p>A module registers its bundle in {@code
 * META-INF/services/ai.ringrift.runtime.daemon.ServiceBundle}, so that whoever runs daemons finds
 * it with {@link java.util.ServiceLoader} instead of a hand-written list; a run that needs a bundle
 * made otherwise (the embedded run's stages share their parts) puts its own in place of the one of
 * the same {@link #name()}.
 */
public interface ServiceBundle {
  /** The bundle's name, e.g. {@code stages}: one bundle of a name per run. */
  String name();

  /** The bundle's daemons by their names in {@code config/daemons.yaml}. */
  DaemonCatalog daemons();
}
