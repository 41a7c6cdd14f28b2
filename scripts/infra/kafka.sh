#!/usr/bin/env bash
# Single-node Apache Kafka in KRaft mode on loopback, built from Maven Central jars (no tarball,
# no Docker). Usage: kafka.sh {install|start|stop|kill|status}
#   install  download the broker jars once into ~/.cache/koppel/kafka-<version>/libs
#   start    install if needed, format storage if needed, start the broker, wait until it answers
#   stop     stop the broker started by start (SIGTERM, then SIGKILL after 30 s)
#   kill     kill -9 the broker started by start (a crash: the next start recovers its logs)
#   status   exit 0 and print "running" when the broker answers, else print "stopped" and exit 3
# Env: KOPPEL_CACHE_DIR (default ~/.cache/koppel), KOPPEL_KAFKA_PORT (default 19092),
#      KOPPEL_KAFKA_CONTROLLER_PORT (default 19093), KOPPEL_KAFKA_READY_TIMEOUT (seconds, default 180),
#      KOPPEL_KAFKA_DISPOSABLE_DATA=1: a cold start begins with an empty data dir. The test suite
#      sets it: every test makes its own topics, so a broker restarted after many runs would
#      otherwise load every partition those runs left (12,000 took longer than the ready timeout).
#      A broker already running is reused as it is.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
source "${SCRIPT_DIR}/lib.sh"

# 3.9.x: kafkajs 2.2.4 predates KIP-896, which removed old protocol versions in Kafka 4.0.
KAFKA_VERSION="3.9.1"
SCALA_VERSION="2.13"
SLF4J_VERSION="1.7.36"
KAFKA_HOST="127.0.0.1"
KAFKA_PORT="${KOPPEL_KAFKA_PORT:-19092}"
CONTROLLER_PORT="${KOPPEL_KAFKA_CONTROLLER_PORT:-19093}"
READY_TIMEOUT="${KOPPEL_KAFKA_READY_TIMEOUT:-180}"

INSTALL_DIR="${KOPPEL_CACHE_DIR}/kafka-${KAFKA_VERSION}"
LIBS_DIR="${INSTALL_DIR}/libs"
INSTALLED_MARKER="${INSTALL_DIR}/.installed"
DATA_DIR="${KOPPEL_CACHE_DIR}/kafka-data"
# Kept next to (not inside) the data dir so wiping the data re-formats with the same id.
CLUSTER_ID_FILE="${KOPPEL_CACHE_DIR}/kafka-cluster-id"
CONFIG_DIR="${KOPPEL_CACHE_DIR}/kafka-config"
SERVER_PROPERTIES="${CONFIG_DIR}/server.properties"
LOG4J_PROPERTIES="${CONFIG_DIR}/log4j.properties"
LOG_DIR="${KOPPEL_CACHE_DIR}/kafka-logs"
PID_FILE="${KOPPEL_CACHE_DIR}/kafka.pid"
# Holds the pid of the broker once it answered, so `start` on a running broker is instant.
READY_FILE="${KOPPEL_CACHE_DIR}/kafka.ready"
BOOTSTRAP="${KAFKA_HOST}:${KAFKA_PORT}"

# CLI tools log to stderr only at WARN so their stdout stays parseable. C1-only JIT and the
# serial GC roughly halve a short-lived tool's start-up on a 2-core machine.
TOOL_JAVA_OPTS=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xms64m -Xmx256m -Djava.awt.headless=true)
kafka_tool() {
  java "${TOOL_JAVA_OPTS[@]}" \
    -Dlog4j.configuration="file:${CONFIG_DIR}/tools-log4j.properties" \
    -cp "${LIBS_DIR}/*" "$@"
}

do_install() {
  if [[ -f "${INSTALLED_MARKER}" ]]; then
    log "kafka ${KAFKA_VERSION}: already installed in ${INSTALL_DIR}"
    return 0
  fi
  command -v java >/dev/null || die "java not found: install a JDK 17 (apt-get install -y openjdk-17-jdk-headless)"
  command -v mvn >/dev/null || die "mvn not found: install Maven (apt-get install -y maven)"
  log "kafka ${KAFKA_VERSION}: resolving broker jars from Maven Central (first run takes a few minutes)"
  local build_dir
  build_dir="$(mktemp -d "${KOPPEL_CACHE_DIR}/kafka-build.XXXXXX")"
  # Throwaway POM: the broker artifact brings clients/server/raft/storage but no logging
  # backend, hence slf4j-reload4j; kafka-tools brings TopicCommand for the readiness check.
  cat >"${build_dir}/pom.xml" <<POM
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>dev.koppel.infra</groupId>
  <artifactId>kafka-runtime</artifactId>
  <version>${KAFKA_VERSION}</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>org.apache.kafka</groupId>
      <artifactId>kafka_${SCALA_VERSION}</artifactId>
      <version>${KAFKA_VERSION}</version>
    </dependency>
    <dependency>
      <groupId>org.apache.kafka</groupId>
      <artifactId>kafka-tools</artifactId>
      <version>${KAFKA_VERSION}</version>
    </dependency>
    <dependency>
      <groupId>org.slf4j</groupId>
      <artifactId>slf4j-reload4j</artifactId>
      <version>${SLF4J_VERSION}</version>
    </dependency>
  </dependencies>
  <build>
    <plugins>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-dependency-plugin</artifactId>
        <version>3.8.1</version>
        <executions>
          <execution>
            <id>copy-libs</id>
            <phase>package</phase>
            <goals><goal>copy-dependencies</goal></goals>
            <configuration>
              <outputDirectory>\${project.basedir}/libs</outputDirectory>
              <includeScope>runtime</includeScope>
            </configuration>
          </execution>
        </executions>
      </plugin>
    </plugins>
  </build>
</project>
POM
  if ! (cd "${build_dir}" && mvn -q -B package >"${build_dir}/mvn.log" 2>&1); then
    tail -n 40 "${build_dir}/mvn.log" >&2
    die "maven could not resolve the kafka jars (log above, full log in ${build_dir}/mvn.log)"
  fi
  rm -rf "${INSTALL_DIR}"
  mkdir -p "${INSTALL_DIR}"
  mv "${build_dir}/libs" "${LIBS_DIR}"
  cp "${build_dir}/pom.xml" "${INSTALL_DIR}/pom.xml"
  rm -rf "${build_dir}"
  date -u +%FT%TZ >"${INSTALLED_MARKER}"
  log "kafka ${KAFKA_VERSION}: installed $(find "${LIBS_DIR}" -name '*.jar' | wc -l) jars in ${LIBS_DIR}"
}

write_config() {
  mkdir -p "${CONFIG_DIR}" "${LOG_DIR}" "${DATA_DIR}"
  cat >"${SERVER_PROPERTIES}" <<PROPS
# Written by scripts/infra/kafka.sh on every start; edit the script, not this file.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@${KAFKA_HOST}:${CONTROLLER_PORT}
listeners=PLAINTEXT://${KAFKA_HOST}:${KAFKA_PORT},CONTROLLER://${KAFKA_HOST}:${CONTROLLER_PORT}
advertised.listeners=PLAINTEXT://${KAFKA_HOST}:${KAFKA_PORT}
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=${DATA_DIR}
# The project creates its own topics; a typo must fail, not silently create a topic.
auto.create.topics.enable=false
delete.topic.enable=true
num.partitions=1
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=1
group.initial.rebalance.delay.ms=0
log.retention.hours=24
PROPS
  cat >"${LOG4J_PROPERTIES}" <<'PROPS'
log4j.rootLogger=INFO, file
log4j.appender.file=org.apache.log4j.RollingFileAppender
log4j.appender.file.File=${kafka.logs.dir}/server.log
log4j.appender.file.MaxFileSize=20MB
log4j.appender.file.MaxBackupIndex=2
log4j.appender.file.layout=org.apache.log4j.PatternLayout
log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka=INFO
log4j.logger.org.apache.kafka=INFO
log4j.logger.state.change.logger=WARN
log4j.logger.kafka.request.logger=WARN
PROPS
  cat >"${CONFIG_DIR}/tools-log4j.properties" <<'PROPS'
log4j.rootLogger=WARN, stderr
log4j.appender.stderr=org.apache.log4j.ConsoleAppender
log4j.appender.stderr.Target=System.err
log4j.appender.stderr.layout=org.apache.log4j.PatternLayout
log4j.appender.stderr.layout.ConversionPattern=[%d] %p %m (%c)%n
PROPS
}

cluster_id() {
  if [[ ! -s "${CLUSTER_ID_FILE}" ]]; then
    local existing=""
    # Data survived but the id file did not: keep the id the data was formatted with.
    if [[ -f "${DATA_DIR}/meta.properties" ]]; then
      existing="$(sed -n 's/^cluster.id=//p' "${DATA_DIR}/meta.properties")"
    fi
    if [[ -z "${existing}" ]]; then
      # Same shape as `StorageTool random-uuid` (Uuid.toString: 16 random bytes, URL-safe
      # base64, no padding) without paying for a JVM start.
      existing="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
    fi
    printf '%s\n' "${existing}" >"${CLUSTER_ID_FILE}"
  fi
  tr -d '[:space:]' <"${CLUSTER_ID_FILE}"
}

# Prints the broker's pid when the process we started is alive.
broker_pid() {
  [[ -f "${PID_FILE}" ]] || return 1
  local pid
  pid="$(cat "${PID_FILE}")"
  [[ -n "${pid}" ]] && kill -0 "${pid}" 2>/dev/null || return 1
  # Guard against pid reuse: the process must be our broker with our config.
  tr '\0' ' ' <"/proc/${pid}/cmdline" 2>/dev/null | grep -q -- "${SERVER_PROPERTIES}" || return 1
  printf '%s\n' "${pid}"
}

broker_answers() {
  port_open "${KAFKA_HOST}" "${KAFKA_PORT}" &&
    timeout 30 java "${TOOL_JAVA_OPTS[@]}" \
      -Dlog4j.configuration="file:${CONFIG_DIR}/tools-log4j.properties" -cp "${LIBS_DIR}/*" \
      org.apache.kafka.tools.TopicCommand --bootstrap-server "${BOOTSTRAP}" --list >/dev/null 2>&1
}

wait_ready() {
  local pid="$1" deadline=$((SECONDS + READY_TIMEOUT))
  while ((SECONDS < deadline)); do
    kill -0 "${pid}" 2>/dev/null || {
      tail -n 40 "${LOG_DIR}/server.log" "${LOG_DIR}/stdout.log" >&2 2>/dev/null || true
      die "kafka exited during startup (logs above, full logs in ${LOG_DIR})"
    }
    # The listener opens late in start-up, so a cheap port probe gates the JVM-based check.
    if port_open "${KAFKA_HOST}" "${KAFKA_PORT}" && broker_answers; then
      printf '%s\n' "${pid}" >"${READY_FILE}"
      return 0
    fi
    sleep 0.5
  done
  tail -n 40 "${LOG_DIR}/server.log" >&2 2>/dev/null || true
  die "kafka did not answer on ${BOOTSTRAP} within ${READY_TIMEOUT}s (logs in ${LOG_DIR})"
}

do_start() {
  local pid
  if pid="$(broker_pid)"; then
    if [[ "$(cat "${READY_FILE}" 2>/dev/null)" == "${pid}" ]] && port_open "${KAFKA_HOST}" "${KAFKA_PORT}"; then
      log "kafka: already running (pid ${pid}) on ${BOOTSTRAP}"
      return 0
    fi
    log "kafka: pid ${pid} is alive but not answering yet; waiting"
    wait_ready "${pid}"
    log "kafka: ready on ${BOOTSTRAP}"
    return 0
  fi
  if port_open "${KAFKA_HOST}" "${KAFKA_PORT}" || port_open "${KAFKA_HOST}" "${CONTROLLER_PORT}"; then
    die "port ${KAFKA_PORT} or ${CONTROLLER_PORT} on ${KAFKA_HOST} is taken by a process this script did not start; stop it or set KOPPEL_KAFKA_PORT/KOPPEL_KAFKA_CONTROLLER_PORT"
  fi
  do_install
  write_config
  local id
  id="$(cluster_id)"
  if [[ "${KOPPEL_KAFKA_DISPOSABLE_DATA:-0}" == 1 && -d "${DATA_DIR}" ]]; then
    log "kafka: disposable data: emptying ${DATA_DIR} ($(find "${DATA_DIR}" -mindepth 1 -maxdepth 1 -type d | wc -l) partition dirs) before start"
    rm -rf "${DATA_DIR}"
    mkdir -p "${DATA_DIR}"
  fi
  if [[ ! -f "${DATA_DIR}/meta.properties" ]]; then
    # --ignore-formatted: belt and braces for a data dir formatted by a concurrent caller.
    kafka_tool kafka.tools.StorageTool format -t "${id}" -c "${SERVER_PROPERTIES}" --ignore-formatted >&2
  fi
  log "kafka: starting on ${BOOTSTRAP} (controller ${KAFKA_HOST}:${CONTROLLER_PORT}, data ${DATA_DIR})"
  local started=${SECONDS}
  # 9>&-: the broker must not inherit the lock fd, or it would hold the lock for its lifetime.
  # setsid + nohup: the broker outlives the shell (and the test run) that started it.
  setsid nohup java -Xms256m -Xmx512m -XX:+UseG1GC -Djava.awt.headless=true \
    -Dkafka.logs.dir="${LOG_DIR}" -Dlog4j.configuration="file:${LOG4J_PROPERTIES}" \
    -cp "${LIBS_DIR}/*" kafka.Kafka "${SERVER_PROPERTIES}" >>"${LOG_DIR}/stdout.log" 2>&1 </dev/null 9>&- &
  pid=$!
  printf '%s\n' "${pid}" >"${PID_FILE}"
  rm -f "${READY_FILE}"
  wait_ready "${pid}"
  log "kafka: ready on ${BOOTSTRAP} (pid ${pid}, $((SECONDS - started))s)"
}

do_stop() {
  local pid
  if ! pid="$(broker_pid)"; then
    log "kafka: not running"
    rm -f "${PID_FILE}"
    return 0
  fi
  log "kafka: stopping pid ${pid}"
  kill -TERM "${pid}"
  local deadline=$((SECONDS + 30))
  while kill -0 "${pid}" 2>/dev/null && ((SECONDS < deadline)); do
    sleep 0.5
  done
  if kill -0 "${pid}" 2>/dev/null; then
    log "kafka: still alive after 30s, sending SIGKILL"
    kill -KILL "${pid}" 2>/dev/null || true
  fi
  rm -f "${PID_FILE}" "${READY_FILE}"
  log "kafka: stopped"
}

do_kill() {
  local pid
  if ! pid="$(broker_pid)"; then
    log "kafka: not running"
    rm -f "${PID_FILE}"
    return 0
  fi
  log "kafka: kill -9 pid ${pid}"
  kill -KILL "${pid}"
  while kill -0 "${pid}" 2>/dev/null; do
    sleep 0.1
  done
  rm -f "${PID_FILE}" "${READY_FILE}"
  log "kafka: killed"
}

do_status() {
  local pid
  if pid="$(broker_pid)" && broker_answers; then
    echo "running pid=${pid} bootstrap=${BOOTSTRAP}"
    return 0
  fi
  echo "stopped"
  return 3
}

case "${1:-}" in
  install) with_lock kafka do_install ;;
  start) with_lock kafka do_start ;;
  stop) with_lock kafka do_stop ;;
  kill) with_lock kafka do_kill ;;
  status) do_status ;;
  *)
    echo "usage: $0 {install|start|stop|kill|status}" >&2
    exit 2
    ;;
esac
