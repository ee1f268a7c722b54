# Sourced by the scripts that run Java from this checkout: sets $ringrift_classpath to the admin
# module's jar plus its runtime classpath (which holds every module and Kafka's tools), building
# first when it was never built or a source changed since, and $ringrift_class_archive to the
# class archive (AppCDS) made for that classpath, when there is one. RINGRIFT_NO_BUILD=1 never
# builds (tests that run inside a Maven build, where building again would recurse).
# RINGRIFT_CLASSPATH, when set, is used as it is (the Docker image sets it to its jars).
ringrift_class_archive=""
if [ -n "${RINGRIFT_CLASSPATH:-}" ]; then
  ringrift_classpath="$RINGRIFT_CLASSPATH"
  return 0
fi
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
target="$root/modules/admin/target"
stamp="$target/runtime-classpath.txt"
archive="$target/ringrift.jsa"

# Any source, schema, config or pom newer than the last build: one walk of the tree that skips
# build output (target/) and .git, so it costs milliseconds however much was built.
stale() {
  [ ! -f "$stamp" ] && return 0
  [ -n "$(find "$root/pom.xml" "$root/modules" "$root/schemas" "$root/config" \
      \( -name target -o -name .git \) -prune -o -newer "$stamp" \
      \( -name '*.java' -o -name '*.avsc' -o -name '*.yaml' -o -name '*.xml' \) -print -quit)" ]
}

if [ "${RINGRIFT_NO_BUILD:-}" = "1" ]; then
  if [ ! -f "$stamp" ]; then
    echo "$(basename "$0"): $stamp is missing; build once with: mvn -q -DskipTests package -pl modules/admin -am" >&2
    exit 1
  fi
elif stale; then
  echo "$(basename "$0"): building (first run, or sources changed) ..." >&2
  log=$(mktemp)
  if ! (cd "$root" && mvn -q -B -DskipTests -Dspotless.check.skip=true package -pl modules/admin -am) >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "$(basename "$0"): the build failed (output above)" >&2
    exit 1
  fi
  rm -f "$log"
  touch "$stamp"
fi

# a jar, not target/classes: the JVM archives classes from jars only
ringrift_classpath="$(ls "$target"/ringrift-admin-*.jar | grep -v -e '-tests.jar$' | head -1):$(cat "$stamp")"

# The class archive: made once per build by a training run (ClassArchiveTraining) that loads what
# short commands load; the JVM checks it against the classpath's jars and ignores a stale one.
if [ ! "$archive" -nt "$stamp" ] && [ "${RINGRIFT_NO_BUILD:-}" != "1" ]; then
  tmp="$archive.$$"
  if java -XX:ArchiveClassesAtExit="$tmp" -Xlog:cds=off -Xlog:cds+dynamic=off \
      -cp "$ringrift_classpath" ai.ringrift.admin.ClassArchiveTraining >/dev/null 2>&1 \
      && [ -f "$tmp" ]; then
    mv -f "$tmp" "$archive"
  else
    rm -f "$tmp"
  fi
fi
[ "$archive" -nt "$stamp" ] && ringrift_class_archive="$archive"
true
