# One image for every runnable of the platform (docker-compose.yml): the `ringrift` CLI and its
# daemons (`ringrift launch --stage NAME`), the one-shot set-up commands, and Kafka's own tools
# (`kafka-cli kafka-topics ...`), and the services with a main of their own
# (`ringrift-service signal-computer`). Entry points: /app/scripts/ringrift (default),
# /app/scripts/ringrift-service, /app/scripts/kafka-cli.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
COPY .mvn .mvn
COPY schemas schemas
COPY config config
COPY modules modules
# one reactor run: copy-dependencies then finds the sibling modules' freshly packaged jars
RUN mvn -B -q -DskipTests -Dspotless.check.skip=true -pl modules/admin -am \
      package dependency:copy-dependencies \
      -DincludeScope=runtime -DoutputDirectory=/out/lib -Dmdep.prependGroupId=true \
 && cp modules/admin/target/ringrift-admin-*.jar /out/lib/

FROM eclipse-temurin:17-jre
# curl for the health checks of docker-compose.yml
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --create-home --home-dir /app ringrift \
 && mkdir -p /var/lib/ringrift-registry-auth /var/lib/ringrift/streams /app/var \
 && chown ringrift /var/lib/ringrift-registry-auth /var/lib/ringrift/streams /app/var
WORKDIR /app
COPY --from=build /out/lib /app/lib
COPY config /app/config
COPY scripts /app/scripts
ENV PATH=/app/scripts:$PATH \
    RINGRIFT_CLASSPATH=/app/lib/* \
    RINGRIFT_CONFIG_DIR=/app/config \
    RINGRIFT_HTTP_PORT=8080
USER ringrift
EXPOSE 8080
ENTRYPOINT ["ringrift"]
CMD ["--help"]
