package ai.ringrift.registry.compat;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Turns the JSON pointer Avro's checker reports ({@code /fields/0/type/fields/3}) into the dotted
 * field path a person recognises ({@code header.trace_id}).
 */
final class FieldPath {
  private FieldPath() {}

  static String of(Schema reader, String location) {
    List<String> names = new ArrayList<>();
    Schema current = reader;
    String[] steps = location == null ? new String[0] : location.split("/");
    for (int i = 0; i < steps.length && current != null; i++) {
      String step = steps[i];
      if (step.equals("fields") && i + 1 < steps.length && isIndex(steps[i + 1])) {
        int position = Integer.parseInt(steps[++i]);
        if (current.getType() != Schema.Type.RECORD || position >= current.getFields().size()) {
          break;
        }
        Schema.Field field = current.getFields().get(position);
        names.add(field.name());
        current = field.schema();
      } else if (step.equals("items") && current.getType() == Schema.Type.ARRAY) {
        current = current.getElementType();
      } else if (step.equals("values") && current.getType() == Schema.Type.MAP) {
        current = current.getValueType();
      } else if (isIndex(step) && current.getType() == Schema.Type.UNION) {
        int branch = Integer.parseInt(step);
        current = branch < current.getTypes().size() ? current.getTypes().get(branch) : null;
      }
    }
    return names.isEmpty() ? "<" + reader.getName() + ">" : String.join(".", names);
  }

  private static boolean isIndex(String step) {
    return !step.isEmpty() && step.chars().allMatch(Character::isDigit);
  }
}
