# The attacks of docs/security.md "Attacks tried", and a SCRAM password rotation, against the
# running compose cluster. Sourced by scripts/cluster-test (uses its compose, project, step, fail,
# container, started_at, await_service, acknowledged). Every attack runs from one container of the
# tools service inside the cluster's network (the attacker), is refused, is logged by the side that
# refused it, and writes nothing: topic end offsets, the attack's own event ids and the registry's
# subjects are read before and after.

attacker="$project-attacker"
ca=/var/lib/ringrift/tls/ca.crt
registry_url=https://schema-registry:8081
attack_id=a77ac000-0000-4000-8000-00000000000

# A command in the attacker as ROLE (its secret), or with the environment changes given:
#   as ROLE ringrift ...            as_env VAR=VALUE... -u VAR... -- ringrift ...
as() { local role=$1; shift; docker exec "$attacker" env "RINGRIFT_KAFKA_USERNAME=$role" "RINGRIFT_CLUSTER_AUTH_TOKEN_FILE=/run/secrets/$role" "$@"; }
as_env() {
  local unset=() set=()
  while [ "$1" != -- ]; do
    if [ "$1" = -u ]; then unset+=(-u "$2"); shift 2; else set+=("$1"); shift; fi
  done
  shift
  docker exec -i "$attacker" env "${unset[@]}" "${set[@]}" "$@"
}

# Sum of the end offsets of a topic's partitions (as admin).
end_offsets() { as admin ringrift topics describe "$1" | awk '$1 ~ /^[0-9]+$/ { sum += $NF } END { print sum + 0 }'; }

# The lines the brokers logged since $1 (RFC 3339) that match the pattern $2.
broker_log() {
  local broker
  for broker in kafka-1 kafka-2 kafka-3; do
    docker logs --since "$1" "$(container "$broker")" 2>&1 | grep -iE "$2" || true
  done
}

# A JSON event of the attack number $2 and type $1 (an event id of its own, found later if written).
attack_event() {
  case "$1" in
    ModelPromoted)
      printf '{"header":{"event_id":"%s%s","source":"attacker"},"config":"square8_2p","model_id":"attack-%s","model_path":"/tmp/attack.pth","evaluation_event_id":"attack","previous_model_id":null,"previous_model_path":null,"elo_before":1500,"elo_after":3000,"reason":"attack","vs_random":null,"vs_heuristic":null}\n' "$attack_id" "$2" "$2" ;;
    ModelRolledBack)
      printf '{"header":{"event_id":"%s%s","source":"attacker"},"config":"square8_2p","from_model_id":"attack-%s","to_model_id":"attack","to_model_path":"/tmp/attack.pth","reason":"attack","regression_event_id":null}\n' "$attack_id" "$2" "$2" ;;
  esac
}

# One Kafka attack: publish event $3 (type $2) with the environment $4..., expecting a refusal whose
# output matches $1. Prints "refused ..." or what happened instead. A client that could not reach
# the cluster within the CLI's 10 s (a cold JVM on a busy machine) tries again, up to 3 times,
# unless not reaching it is the refusal expected.
kafka_attack() {
  local expect=$1 type=$2 n=$3 out code attempt
  shift 3
  for attempt in 1 2 3; do
    code=0
    out=$(attack_event "$type" "$n" | as_env RINGRIFT_JAVA_OPTS="$attack_java" "$@" -- ringrift events publish "$type" --json - 2>&1) || code=$?
    if [ "$code" -eq 0 ] || echo "$out" | grep -qiE "$expect" || ! echo "$out" | grep -q 'cannot reach Kafka'; then
      break
    fi
  done
  if [ "$code" -eq 0 ]; then
    echo "WRITTEN (exit 0): $(echo "$out" | tail -1)"
  elif echo "$out" | grep -qiE "$expect"; then
    echo "refused (exit $code): $(echo "$out" | grep -iE "$expect" | head -1 | cut -c1-220)"
  else
    echo "refused otherwise (exit $code): $(echo "$out" | tail -2 | tr '\n' ' ' | cut -c1-300)"
  fi
}

attack_java="-Xmx192m -XX:TieredStopAtLevel=1 -Dlog4j2.configurationFile=log4j2.xml -Dringrift.console.level=ERROR"

# The attacks on the registry and the status endpoints (curl in the attacker), results into $1/6..8.
registry_and_status() {
  local dir=$1
  # the registry: HTTPS, basic auth, only admins write (curl shows the status and the answer)
  local schema='{"schema":"{\"type\":\"record\",\"name\":\"Attack\",\"fields\":[{\"name\":\"x\",\"type\":\"string\"}]}"}'
  registry_call() { # USER|- METHOD PATH [BODY]: "STATUS BODY"
    local auth=() 
    [ "$1" = - ] || auth=(-u "$1:\$(cat /run/secrets/$1)")
    docker exec "$attacker" sh -c "curl -sS --cacert $ca ${auth[*]} -X $2 -H 'Content-Type: application/vnd.schemaregistry.v1+json' ${4:+-d '$4'} -w ' %{http_code}' $registry_url$3" 2>&1
  }
  echo "$(registry_call - POST /subjects/ringrift.attack-value/versions "$schema")" >"$dir/6"
  echo "$(registry_call selfplay POST /subjects/ringrift.model.promoted-value/versions "$schema")" >"$dir/7"
  echo "$(registry_call selfplay PUT /config '{"compatibility":"NONE"}')" >"$dir/7b"
  # a client that refuses the registry's chain: curl with the system's CAs only
  docker exec "$attacker" sh -c "curl -sS -o /dev/null $registry_url/subjects" >"$dir/6b" 2>&1 || echo "exit $?" >>"$dir/6b"
  # the status endpoints: without credentials, and the read-only metrics user
  status_call() { # URL [USER]: the HTTP status
    local auth=""
    [ -z "${2:-}" ] || auth="-u $2:\$(cat /run/secrets/$2)"
    docker exec "$attacker" sh -c "curl -s -o /dev/null -w '%{http_code}' $auth $1"
  }
  {
    echo "status $(status_call http://promotion-controller:8080/status)"
    echo "status/join $(status_call http://promotion-controller:8080/status/join)"
    echo "metrics $(status_call http://export:8080/metrics)"
    echo "dashboard $(status_call http://dashboard:8080/dashboard/)"
    echo "metrics-as-metrics $(status_call http://export:8080/metrics metrics)"
    echo "status-as-metrics $(status_call http://promotion-controller:8080/status metrics)"
    echo "status-as-selfplay $(status_call http://promotion-controller:8080/status selfplay)"
  } >"$dir/8"
}

attacks() {
  local since rolled_before rolled_after promoted_ids subjects_before subjects_after out dir n
  step "attacks: starting the attacker (the tools image inside the cluster's network)"
  "${compose[@]}" run -d --no-deps --name "$attacker" --entrypoint sleep tools infinity >/dev/null
  dir="/tmp/$project-attacks"
  mkdir -p "$dir"
  # a trust store of another CA: the client that refuses our chain
  docker exec "$attacker" sh -c 'cd /tmp && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout other.key -out other.crt -days 2 -subj "/CN=Another CA" 2>/dev/null && keytool -importcert -noprompt -keystore other.p12 -storetype PKCS12 -alias other -file other.crt -storepass other-ca >/dev/null 2>&1'
  rolled_before=$(end_offsets ringrift.model.rolled-back)
  subjects_before=$(docker exec "$attacker" sh -c "curl -fsS --cacert $ca -u admin:\$(cat /run/secrets/admin) $registry_url/subjects")
  since=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  step "attacks: five on Kafka in two waves (ringrift.model.rolled-back end offsets $rolled_before), the registry and the status endpoints meanwhile"
  # no credentials: TLS, no SASL login. Its refusal is the client's timeout, so a client that did
  # not even finish its TLS handshake within the CLI's 10 s (a busy machine) would look the same:
  # tried again until a broker logged the request it refused
  (
    for _ in 1 2 3; do
      kafka_attack 'cannot reach Kafka|timed out|disconnected' ModelRolledBack 1 \
        -u RINGRIFT_KAFKA_USERNAME -u RINGRIFT_CLUSTER_AUTH_TOKEN_FILE RINGRIFT_KAFKA_SECURITY_PROTOCOL=SSL >"$dir/1"
      [ "$(broker_log "$since" 'Unexpected Kafka request of type .* during SASL handshake' | wc -l)" -eq 0 ] || break
    done
  ) &
  # only these jobs are waited for: the script may have started dockerd in the background itself
  local wave=($!)
  # a wrong password
  kafka_attack 'authentication|credentials' ModelRolledBack 2 \
    -u RINGRIFT_CLUSTER_AUTH_TOKEN_FILE RINGRIFT_KAFKA_USERNAME=selfplay RINGRIFT_CLUSTER_AUTH_TOKEN=not-the-password >"$dir/2" &
  wave+=($!)
  # a valid user (trainer) writing a topic outside its role
  kafka_attack 'may not write|not authorized|authorization' ModelRolledBack 3 \
    RINGRIFT_KAFKA_USERNAME=trainer RINGRIFT_CLUSTER_AUTH_TOKEN_FILE=/run/secrets/trainer >"$dir/3" &
  wave+=($!)
  # the registry and the status endpoints (below) meanwhile; then the second wave
  registry_and_status "$dir" &
  wave+=($!)
  wait "${wave[@]}" || true # each attack's outcome is in its file, judged below
  # the selfplay principal publishing a ModelPromoted
  kafka_attack 'may not write|not authorized|authorization' ModelPromoted 4 \
    RINGRIFT_KAFKA_USERNAME=selfplay RINGRIFT_CLUSTER_AUTH_TOKEN_FILE=/run/secrets/selfplay >"$dir/4" &
  wave=($!)
  # a client whose trust store does not hold our CA: it refuses the brokers' certificate chain
  kafka_attack 'PKIX|certificat|SSL|handshake|cannot reach Kafka' ModelRolledBack 5 \
    RINGRIFT_KAFKA_USERNAME=selfplay RINGRIFT_CLUSTER_AUTH_TOKEN_FILE=/run/secrets/selfplay \
    RINGRIFT_KAFKA_SSL_TRUSTSTORE_LOCATION=/tmp/other.p12 -u RINGRIFT_KAFKA_SSL_TRUSTSTORE_PASSWORD_FILE \
    RINGRIFT_KAFKA_SSL_TRUSTSTORE_PASSWORD=other-ca >"$dir/5" &
  wave+=($!)
  wait "${wave[@]}" || true # each attack's outcome is in its file, judged below
  # --- what was written, what was logged
  rolled_after=$(end_offsets ringrift.model.rolled-back)
  out=$(as admin ringrift events recent ModelPromoted -n 1000 -o json) || fail "attacks: could not read ringrift.model.promoted"
  promoted_ids=$(echo "$out" | grep -c "$attack_id" || true)
  subjects_after=$(docker exec "$attacker" sh -c "curl -fsS --cacert $ca -u admin:\$(cat /run/secrets/admin) $registry_url/subjects")
  sleep 2 # the brokers' log lines of the last refusals
  local no_sasl bad_password denied tls_failed registry_refused status_refused
  no_sasl=$(broker_log "$since" 'Unexpected Kafka request of type .* during SASL handshake' | wc -l)
  bad_password=$(broker_log "$since" 'Failed authentication.*invalid credentials' | wc -l)
  tls_failed=$(broker_log "$since" 'Failed authentication.*SSL handshake failed' | wc -l)
  denied=$(broker_log "$since" 'Principal = User:(trainer|selfplay) is Denied operation = (WRITE|DESCRIBE) .*Topic:LITERAL:ringrift\.model\.(rolled-back|promoted) ' | wc -l)
  registry_refused=$(for r in schema-registry-1 schema-registry-2; do docker logs --since "$since" "$(container "$r")" 2>&1; done | grep -c 'http request refused' || true)
  status_refused=$(for svc in promotion-controller export dashboard; do docker logs --since "$since" "$(container "$svc")" 2>&1; done | grep -c 'http request refused' || true)

  local bad=0
  report() { step "  $1 -> $2"; case "$2" in *WRITTEN*|*"refused otherwise"*|*UNEXPECTED*) bad=1 ;; esac; }
  report "no credentials (TLS, no SASL)" "$(cat "$dir/1")"
  report "a wrong password (selfplay)" "$(cat "$dir/2")"
  report "trainer writes ringrift.model.rolled-back (outside its role)" "$(cat "$dir/3")"
  report "selfplay publishes a ModelPromoted" "$(cat "$dir/4")"
  report "a client trusting another CA (Kafka)" "$(cat "$dir/5")"
  expect_http() { case "$2" in *" $1") echo "$2" ;; *) echo "UNEXPECTED: $2" ;; esac; }
  report "registry write without credentials" "$(expect_http 401 "$(cat "$dir/6")")"
  report "a client trusting the system CAs only (registry)" "$(grep -q 'certificate' "$dir/6b" && echo "refused: $(head -1 "$dir/6b" | cut -c1-160)" || echo "UNEXPECTED: $(cat "$dir/6b")")"
  report "schema change by a non-admin (selfplay, new version)" "$(expect_http 403 "$(cat "$dir/7")")"
  report "config change by a non-admin (selfplay, PUT /config)" "$(expect_http 403 "$(cat "$dir/7b")")"
  while read -r what code; do
    case "$what" in
      metrics-as-metrics|status-as-selfplay) want=200 ;;
      status-as-metrics) want=403 ;;
      *) want=401 ;;
    esac
    report "HTTP $what" "$([ "$code" = "$want" ] && echo "$code" || echo "UNEXPECTED: $code, wanted $want")"
  done <"$dir/8"
  step "  written: ringrift.model.rolled-back end offsets $rolled_before -> $rolled_after; attack events on ringrift.model.promoted: $promoted_ids; registry subjects $(echo "$subjects_before" | tr ',' '\n' | wc -l) -> $(echo "$subjects_after" | tr ',' '\n' | wc -l)"
  step "  logged by the brokers: $no_sasl clients without SASL, $bad_password failed SASL logins, $tls_failed failed TLS handshakes, $denied denied writes/describes of the attacked topics; by the registry: $registry_refused refusals; by the status endpoints: $status_refused refusals"
  [ "$rolled_before" = "$rolled_after" ] || bad=1
  [ "$promoted_ids" = 0 ] || bad=1
  [ "$subjects_before" = "$subjects_after" ] || bad=1
  [ "$no_sasl" -ge 1 ] && [ "$bad_password" -ge 1 ] && [ "$tls_failed" -ge 1 ] && [ "$denied" -ge 2 ] || bad=1
  [ "$registry_refused" -ge 3 ] && [ "$status_refused" -ge 5 ] || bad=1
  [ "$bad" = 0 ] || fail "an attack was not refused, not logged, or wrote something (lines above)"
  step "attacks: every one refused, logged, nothing written"
}

# Rotates the selfplay role's SCRAM password while the loop runs (docs/security.md "Rotating a
# SCRAM password without downtime"): new secret file, `ringrift acls users --role selfplay` as admin
# (SCRAM, and the users file the registry and the status endpoints read again at once), then the
# selfplay hosts restarted one at a time; batches keep being acknowledged throughout, each host
# publishes with the new password, and the old one is refused afterwards.
host_acknowledged() { docker exec "$(container "$1")" sh -c 'wc -l < /data/acknowledged.log' 2>/dev/null || echo 0; }

rotate_selfplay_password() {
  local file="$RINGRIFT_SECRETS_DIR/selfplay" old new before after since service was out
  old=$(cat "$file")
  new=$(openssl rand -hex 24)
  before=$(acknowledged)
  step "rotation: a new selfplay password (acknowledged batches so far: $before)"
  # in place: the containers see the file they mounted change
  chmod 644 "$file" && printf '%s\n' "$new" >"$file" && chmod 444 "$file"
  as admin ringrift acls users --role selfplay --registry-password-file /var/lib/ringrift-registry-auth/passwords >/dev/null ||
    fail "rotation: acls users failed"
  step "rotation: SCRAM credentials and the users file updated; restarting the selfplay hosts one at a time"
  for service in selfplay-1 selfplay-2; do
    was=$(started_at "$service")
    docker restart -t 20 "$(container "$service")" >/dev/null
    await_service "$service" 300 "$was"
    step "  $service restarted with the new password, healthy"
  done
  after=$(acknowledged)
  [ "$after" -gt "$before" ] || fail "rotation: no batch acknowledged during the rotation ($before -> $after)"
  # each restarted host logs in with the new password: it gets a batch acknowledged again
  local host count deadline
  for host in selfplay-1 selfplay-2; do
    count=$(host_acknowledged "$host")
    deadline=$(($(date +%s) + 180))
    until [ "$(host_acknowledged "$host")" -gt "$count" ]; do
      [ "$(date +%s)" -lt "$deadline" ] || fail "rotation: $host got no batch acknowledged within 180 s with the new password"
      sleep 3
    done
  done
  since=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  out=$(attack_event ModelRolledBack 6 | as_env RINGRIFT_JAVA_OPTS="$attack_java" -u RINGRIFT_CLUSTER_AUTH_TOKEN_FILE \
    RINGRIFT_KAFKA_USERNAME=selfplay "RINGRIFT_CLUSTER_AUTH_TOKEN=$old" -- ringrift events publish ModelRolledBack --json - 2>&1) &&
    fail "rotation: the old selfplay password still logs in"
  echo "$out" | grep -qiE 'authentication|credentials' || fail "rotation: the old password failed otherwise: $out"
  step "rotation: acknowledged batches $before -> $after meanwhile, both hosts publishing with the new password; the old password is refused: $(echo "$out" | grep -iE 'authentication|credentials' | head -1 | cut -c1-160)"
}
