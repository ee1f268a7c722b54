package ai.ringrift.stages.host;

import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.contract.Events;
import org.apache.avro.specific.SpecificRecord;

/** A job for one config that reacts to one trigger event and runs once per that event's id. */
public abstract class TriggeredJob implements StageJob {
  /** The config the work is for. */
  protected final ConfigKey config;

  /** The event the work reacts to. */
  protected final SpecificRecord trigger;

  protected TriggeredJob(ConfigKey config, SpecificRecord trigger) {
    this.config = config;
    this.trigger = trigger;
  }

  @Override
  public ConfigKey config() {
    return config;
  }

  /** The trigger event's id. */
  @Override
  public String triggerId() {
    return Events.eventId(trigger).orElseThrow();
  }

  @Override
  public SpecificRecord trigger() {
    return trigger;
  }
}
