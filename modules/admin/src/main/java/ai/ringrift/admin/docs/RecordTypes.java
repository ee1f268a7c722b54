package ai.ringrift.admin.docs;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The Java type a key is loaded into: the path below a section walked through the record's
 * components (a map's key is any name; its values are typed by the map).
 */
final class RecordTypes {
  private RecordTypes() {}

  /** The type at {@code path} (dotted, relative to {@code root}), if the records say. */
  static Optional<Type> at(Class<?> root, List<String> path) {
    Type type = root;
    for (String name : path) {
      if (isMapOfPlainValues(type)) {
        // a key may hold dots (Kafka properties such as commit.interval.ms): all of it is the key
        return Optional.of(((ParameterizedType) type).getActualTypeArguments()[1]);
      }
      Optional<Type> next = child(type, name);
      if (next.isEmpty()) {
        return Optional.empty();
      }
      type = next.get();
    }
    return Optional.of(type);
  }

  private static boolean isMapOfPlainValues(Type type) {
    if (type instanceof ParameterizedType p && p.getRawType() == Map.class) {
      Type value = p.getActualTypeArguments()[1];
      return !(value instanceof ParameterizedType)
          && !(value instanceof Class<?> c && c.isRecord());
    }
    return false;
  }

  private static Optional<Type> child(Type type, String name) {
    if (type instanceof ParameterizedType p && p.getRawType() == Map.class) {
      return Optional.of(p.getActualTypeArguments()[1]);
    }
    if (type instanceof Class<?> c && c.isRecord()) {
      return Arrays.stream(c.getRecordComponents())
          .filter(rc -> rc.getName().equals(name))
          .map(RecordComponent::getGenericType)
          .findFirst();
    }
    return Optional.empty();
  }

  /** {@code Map<String, Floors>}, {@code List<String>}, {@code int}: short names. */
  static String name(Type type) {
    if (type instanceof ParameterizedType p) {
      return name(p.getRawType())
          + Arrays.stream(p.getActualTypeArguments())
              .map(RecordTypes::name)
              .collect(Collectors.joining(", ", "<", ">"));
    }
    if (type instanceof Class<?> c && c.isEnum()) {
      return c.getSimpleName()
          + Arrays.stream(c.getEnumConstants())
              .map(String::valueOf)
              .collect(Collectors.joining(" | ", " (", ")"));
    }
    if (type instanceof Class<?> c) {
      return c.getSimpleName();
    }
    return type.getTypeName();
  }
}
