package ai.ringrift.architecture;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayDeque;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The modules in their order, the one statement of it besides the poms: each module names the
 * modules it builds on; what those build on comes with them. A module found on the class path but
 * not named here fails the rules, so a new module states its place.
 */
final class Modules {

  /** Each module and the modules directly below it. */
  static final Map<String, Set<String>> BUILDS_ON =
      Map.ofEntries(
          Map.entry("events", Set.of()),
          Map.entry("registry", Set.of("events")),
          Map.entry("client", Set.of("events")),
          Map.entry("testkit", Set.of("registry")),
          Map.entry("runtime", Set.of("client")),
          Map.entry("streams", Set.of("runtime")),
          Map.entry("stages", Set.of("runtime")),
          Map.entry("dashboard", Set.of("streams")),
          Map.entry("simulation", Set.of("stages", "streams")),
          Map.entry("admin", Set.of("registry", "dashboard", "simulation")),
          Map.entry("benchmarks", Set.of("admin", "testkit")));

  /**
   * Top-level packages that do not carry their module's name: the config loader and the HTTP
   * helpers every server shares sit at the bottom, in events.
   */
  static final Map<String, String> PACKAGE_OWNERS = Map.of("config", "events", "http", "events");

  private static final Pattern IN_REACTOR = Pattern.compile("/modules/([a-z]+)/target/");
  private static final Pattern AS_JAR = Pattern.compile("/ringrift-([a-z]+)-\\d[^/]*\\.jar");

  private Modules() {}

  /** The module a class was compiled in, from where its class file was read. */
  static String of(JavaClass javaClass) {
    String uri =
        javaClass
            .getSource()
            .map(source -> source.getUri().toString())
            .orElseThrow(
                () -> new IllegalStateException("no class file for " + javaClass.getName()));
    for (Pattern pattern : new Pattern[] {IN_REACTOR, AS_JAR}) {
      Matcher matcher = pattern.matcher(uri);
      if (matcher.find()) {
        return matcher.group(1);
      }
    }
    throw new IllegalStateException(
        "cannot tell the module of " + javaClass.getName() + " from " + uri);
  }

  /** The module a top-level package {@code ai.ringrift.<name>} belongs to. */
  static String ownerOf(String packageName) {
    String rest = packageName.substring("ai.ringrift.".length());
    String top = rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest;
    return PACKAGE_OWNERS.getOrDefault(top, top);
  }

  /** Every module below {@code module}: those it builds on and theirs, to the bottom. */
  static Set<String> below(String module) {
    Set<String> named = BUILDS_ON.get(module);
    if (named == null) {
      throw new IllegalStateException(
          "module " + module + " has no place in Modules.BUILDS_ON: add it there");
    }
    Set<String> below = new LinkedHashSet<>();
    ArrayDeque<String> todo = new ArrayDeque<>(named);
    while (!todo.isEmpty()) {
      String next = todo.pop();
      if (below.add(next)) {
        todo.addAll(BUILDS_ON.getOrDefault(next, Set.of()));
      }
    }
    return below;
  }

  /** Classes use only their own module and the modules below it. */
  static ArchCondition<JavaClass> useOnlyTheirOwnModuleAndThoseBelow() {
    return new ArchCondition<>("use only their own module and the modules below it") {
      @Override
      public void check(JavaClass item, ConditionEvents events) {
        String from = of(item);
        Set<String> allowed = below(from);
        for (Dependency dependency : item.getDirectDependenciesFromSelf()) {
          JavaClass target = dependency.getTargetClass().getBaseComponentType();
          if (!target.getPackageName().startsWith("ai.ringrift.")) {
            continue;
          }
          String to = of(target);
          if (!to.equals(from) && !allowed.contains(to)) {
            events.add(
                SimpleConditionEvent.violated(
                    dependency,
                    from
                        + " uses "
                        + to
                        + ", which is not below it: "
                        + dependency.getDescription()));
          }
        }
      }
    };
  }

  /** Classes sit in the module their top-level package names. */
  static ArchCondition<JavaClass> liveInTheModuleTheirPackageNames() {
    return new ArchCondition<>("live in the module their top-level package names") {
      @Override
      public void check(JavaClass item, ConditionEvents events) {
        String module = of(item);
        String owner = ownerOf(item.getPackageName());
        if (!module.equals(owner)) {
          events.add(
              SimpleConditionEvent.violated(
                  item,
                  item.getName() + " is in module " + module + " but its package names " + owner));
        }
      }
    };
  }
}
