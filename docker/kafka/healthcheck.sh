#!/bin/bash
# Healthy when this broker answers an authenticated request on its internal listener.
set -euo pipefail
conf=$(mktemp)
trap 'rm -f "$conf"' EXIT
cat > "$conf" <<PROPS
security.protocol=SASL_PLAINTEXT
sasl.mechanism=PLAIN
sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="broker" password="${RINGRIFT_BROKER_PASSWORD}";
PROPS
/opt/kafka/bin/kafka-broker-api-versions.sh --bootstrap-server localhost:19092 \
  --command-config "$conf" >/dev/null
