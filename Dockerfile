# carepath server image.
#
# Build the jar first, then the image:
#   ./mvnw -B -DskipTests package      # produces target/carepath.jar
#   docker compose build               # or: docker build -t carepath .
#
# The rule book (./rules) and the BPMN journeys (./processes) are not baked in: docker-compose.yml
# mounts them read-only at /app/rules and /app/processes.
FROM eclipse-temurin:17-jre

WORKDIR /app

# Run as an unprivileged user. /app/var is where carepath keeps what it owns on disk
# (carepath.var-dir=./var), so that directory, and only that one, is writable by it.
RUN groupadd --system carepath \
 && useradd --system --gid carepath --home-dir /app --no-create-home --shell /usr/sbin/nologin carepath \
 && mkdir -p /app/var /app/rules /app/processes \
 && chown carepath:carepath /app/var \
 && chmod 700 /app/var

COPY target/carepath.jar /app/carepath.jar

USER carepath

EXPOSE 8080

ENTRYPOINT ["java", "-jar", "/app/carepath.jar"]
