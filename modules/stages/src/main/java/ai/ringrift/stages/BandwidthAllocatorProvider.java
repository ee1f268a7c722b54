package ai.ringrift.stages;

import ai.ringrift.stages.bandwidth.BandwidthAllocatorService;
import ai.ringrift.stages.host.StageProvider;

/**
 * Finds the bandwidth allocator as the daemon {@value BandwidthAllocatorService#NAME} ({@code
 * META-INF/services}). It shares nothing with the stage services, so it is made from the context
 * either way. It lives here rather than beside the allocator because the host framework's shared
 * parts hold the allocator's client: the bandwidth package stays below the framework.
 */
public final class BandwidthAllocatorProvider extends StageProvider {
  public BandwidthAllocatorProvider() {
    super(
        BandwidthAllocatorService.NAME,
        BandwidthAllocatorService::create,
        shared -> BandwidthAllocatorService.create(shared.context()));
  }
}
