package ai.ringrift.stages;

import ai.ringrift.runtime.ServiceContext;
import ai.ringrift.runtime.daemon.Daemon;
import ai.ringrift.stages.bandwidth.BandwidthAllocatorService;
import ai.ringrift.stages.host.SharedStageParts;
import ai.ringrift.stages.host.StageProvider;

/**
 * Finds the bandwidth allocator as the daemon {@value BandwidthAllocatorService#NAME} ({@code
 * META-INF/services}). It shares nothing with the stage services, so it is made from the context
 * either way. It lives here rather than beside the allocator because the host framework's shared
 * parts hold the allocator's client: the bandwidth package stays below the framework.
 */
public final class BandwidthAllocatorProvider implements StageProvider {
  @Override
  public String name() {
    return BandwidthAllocatorService.NAME;
  }

  @Override
  public Daemon create(ServiceContext context) {
    return BandwidthAllocatorService.create(context);
  }

  @Override
  public Daemon create(SharedStageParts shared) {
    return BandwidthAllocatorService.create(shared.context());
  }
}
