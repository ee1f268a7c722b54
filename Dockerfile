# One image for every runnable of the compose cluster (docs/cluster.md): the `ringrift` CLI and its
# daemons (`ringrift launch --stage NAME`), the one-shot set-up commands, the schema registry
# (`ringrift-service schema-registry`), Kafka's own broker (`kafka-server`, kafka.Kafka from the
# same Kafka 4.3.1 jars), the reference actions (python3 actions/*.py), rsync and sshd for the
# selfplay hosts, and Kafka's tools (`kafka-cli kafka-topics ...`).
#
# The jars are built on the host with Maven before `docker build` (scripts/cluster-images puts them
# in target/image/lib): the project needs Java and Maven anyway, the build reuses the host's Maven
# cache, and the tests' jars and the image's are the same build.
#
# BASE_IMAGE: any Java 17 runtime image. The default is a standard one; scripts/cluster-images makes
# a local Debian one with debootstrap where no image can be pulled.
ARG BASE_IMAGE=eclipse-temurin:17-jre
FROM ${BASE_IMAGE}
LABEL ai.ringrift.image=ringrift

# What the containers run besides Java, installed only when the base lacks it (the local base has
# it all): python3 + numpy (the reference actions), rsync and ssh (data sync between hosts), curl
# (health checks), procps (the action runner's process-tree kill reads /proc; ps for operators).
RUN set -eu; missing=""; \
    command -v python3 >/dev/null 2>&1 && python3 -c 'import numpy' 2>/dev/null || missing="$missing python3 python3-numpy"; \
    command -v rsync >/dev/null 2>&1 || missing="$missing rsync"; \
    command -v ssh >/dev/null 2>&1 || missing="$missing openssh-client"; \
    test -x /usr/sbin/sshd || missing="$missing openssh-server"; \
    command -v curl >/dev/null 2>&1 || missing="$missing curl"; \
    command -v ps >/dev/null 2>&1 || missing="$missing procps"; \
    if [ -n "$missing" ]; then \
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing \
      && rm -rf /var/lib/apt/lists/*; \
    fi; \
    useradd --system --uid 10001 --create-home --home-dir /app --shell /bin/bash ringrift; \
    usermod -p '*' ringrift; \
    mkdir -p /app/var /var/lib/ringrift/streams /var/lib/ringrift/kafka /var/lib/ringrift/ssh \
      /var/lib/ringrift/ssh-host /var/lib/ringrift-registry-auth /data /run/sshd; \
    chown ringrift /app/var /var/lib/ringrift/streams /var/lib/ringrift/kafka /var/lib/ringrift/ssh \
      /var/lib/ringrift/ssh-host /var/lib/ringrift-registry-auth /data; \
    chmod 700 /var/lib/ringrift/ssh /var/lib/ringrift/ssh-host

WORKDIR /app
COPY target/image/lib /app/lib
COPY config /app/config
COPY actions /app/actions
COPY docker /app/docker
COPY scripts /app/scripts
ENV PATH=/app/scripts:/app/docker/bin:$PATH \
    RINGRIFT_CLASSPATH=/app/lib/* \
    RINGRIFT_CONFIG_DIR=/app/config \
    RINGRIFT_HTTP_PORT=8080 \
    PYTHONUNBUFFERED=1
USER ringrift
EXPOSE 8080
ENTRYPOINT ["ringrift"]
CMD ["--help"]
