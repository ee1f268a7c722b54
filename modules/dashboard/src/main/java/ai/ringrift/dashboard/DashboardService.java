package ai.ringrift.dashboard;

import ai.ringrift.runtime.ServiceMain;
import ai.ringrift.runtime.StandaloneService;
import java.util.List;

/** The dashboard as a process of its own: {@code scripts/ringrift-service dashboard}. */
public final class DashboardService implements StandaloneService.Provider {
  /** The service's name. */
  public static final String NAME = "dashboard";

  @Override
  public List<StandaloneService> services() {
    return List.of(
        new StandaloneService(
            NAME,
            "the live dashboard (/dashboard/) of the Streams apps in RINGRIFT_DASHBOARD_STATUS_URLS",
            () -> ServiceMain.run(NAME, Dashboard::start)));
  }
}
