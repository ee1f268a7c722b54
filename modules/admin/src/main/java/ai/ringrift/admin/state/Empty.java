package ai.ringrift.admin.state;

/** What a state command says when its table is empty. */
final class Empty {
  private Empty() {}

  static String message(String what, String config, String app) {
    return "no "
        + what
        + (config == null ? "" : " for " + config)
        + " yet: "
        + app
        + " writes one once events arrive (is it running? `ringrift cluster status` lists its consumer group)";
  }
}
