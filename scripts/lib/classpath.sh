# Sourced by the scripts that run Java from this checkout: sets $ringrift_classpath to the admin
# module's classes plus its runtime classpath (which holds every module and Kafka's tools), building
# first when it was never built or a source changed since. RINGRIFT_NO_BUILD=1 never builds (tests
# that run inside a Maven build, where building again would recurse). RINGRIFT_CLASSPATH, when set,
# is used as it is (the Docker image sets it to its jars).
if [ -n "${RINGRIFT_CLASSPATH:-}" ]; then
  ringrift_classpath="$RINGRIFT_CLASSPATH"
  return 0
fi
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
target="$root/modules/admin/target"
stamp="$target/runtime-classpath.txt"

stale() {
  [ ! -f "$stamp" ] && return 0
  [ -n "$(find "$root/pom.xml" "$root/modules" "$root/schemas" "$root/config" -newer "$stamp" \
      -not -path '*/target/*' \( -name '*.java' -o -name '*.avsc' -o -name '*.yaml' -o -name '*.xml' \) \
      -print -quit)" ]
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

ringrift_classpath="$target/classes:$(cat "$stamp")"
