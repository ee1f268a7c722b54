package ai.ringrift.registry;

/** Versions of one small record, for evolution tests. */
final class Schemas {
  private Schemas() {}

  static String thing(String name, String... extraFields) {
    StringBuilder fields = new StringBuilder("{\"name\":\"id\",\"type\":\"string\"}");
    for (String field : extraFields) {
      fields.append(',').append(field);
    }
    return "{\"type\":\"record\",\"name\":\""
        + name
        + "\",\"namespace\":\"ai.ringrift.test\",\"fields\":["
        + fields
        + "]}";
  }

  static final String V1 = thing("Thing");
  static final String V2_WITH_DEFAULT =
      thing("Thing", "{\"name\":\"score\",\"type\":\"double\",\"default\":0.0}");
  static final String V2_WITHOUT_DEFAULT =
      thing("Thing", "{\"name\":\"score\",\"type\":\"double\"}");
}
