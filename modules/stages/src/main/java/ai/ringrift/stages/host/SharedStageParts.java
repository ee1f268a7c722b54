package ai.ringrift.stages.host;

import ai.ringrift.runtime.ServiceContext;
import ai.ringrift.stages.bandwidth.BandwidthClient;

/**
 * What the stage services of one process share (the embedded run): one context, one set of state
 * tables, one bandwidth client, the settings and the actions they run. Whoever opened the parts
 * closes them after the services stopped ({@code StageServices} opens and closes them).
 *
 * @param context the process's service context
 * @param settings the services' settings
 * @param actions makes each service's action from its spec
 * @param support state tables, metrics, instance id and clock
 * @param bandwidth the allocator's client for the sync service's transfers
 */
public record SharedStageParts(
    ServiceContext context,
    StageSections settings,
    Actions actions,
    StageSupport support,
    BandwidthClient bandwidth) {}
