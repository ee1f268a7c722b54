package ai.ringrift.admin.cli;

/**
 * A command that runs as a service until stopped ({@code launch}): it logs as the services do
 * (warnings on stderr, a log file), not as a command line (nothing but its output).
 */
public interface RunsAsService {}
