#!/usr/bin/env bash
# A single-node Kafka (KRaft, broker+controller in one JVM) on 127.0.0.1:9092, for the Dapr tier.
# The jars come from Maven Central through mvn; everything lives in $SHOPMESH_CACHE (~/.cache/shopmesh).
#
#   scripts/provision/kafka.sh install   # idempotent: resolves the jars once
#   scripts/provision/kafka.sh start     # installs if needed, formats storage once, starts in the background
#   scripts/provision/kafka.sh stop
#   scripts/provision/kafka.sh env       # KAFKA_BROKERS=127.0.0.1:9092
set -euo pipefail

KAFKA_VERSION="${KAFKA_VERSION:-4.4.0}"
LOG4J_VERSION="${LOG4J_VERSION:-2.26.1}"
SLF4J_VERSION="${SLF4J_VERSION:-2.0.17}"
CACHE="${SHOPMESH_CACHE:-$HOME/.cache/shopmesh}"
HOME_DIR="$CACHE/kafka/$KAFKA_VERSION"
LIBS="$HOME_DIR/libs"
DATA="$CACHE/kafka/data"
RUN="$CACHE/kafka/run"
PORT="${KAFKA_PORT:-9092}"
CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

log() { printf '[kafka] %s\n' "$*" >&2; }

install() {
  if [[ -f "$LIBS/.complete" ]]; then
    log "kafka $KAFKA_VERSION already installed in $LIBS"
    return 0
  fi
  command -v mvn >/dev/null || { log "mvn is required"; exit 1; }
  local started
  started=$(date +%s)
  mkdir -p "$HOME_DIR"
  # A throwaway pom whose only job is to let maven resolve Kafka's runtime class path.
  cat >"$HOME_DIR/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.shopmesh</groupId>
  <artifactId>kafka-runtime</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_2.13</artifactId><version>$KAFKA_VERSION</version></dependency>
    <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-slf4j2-impl</artifactId><version>$LOG4J_VERSION</version></dependency>
    <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-core</artifactId><version>$LOG4J_VERSION</version></dependency>
    <!-- Maven's nearest-wins would otherwise pick a 1.7 slf4j-api, which cannot see the slf4j2 binding. -->
    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-api</artifactId><version>$SLF4J_VERSION</version></dependency>
  </dependencies>
</project>
EOF
  rm -rf "$LIBS"
  log "resolving org.apache.kafka:kafka_2.13:$KAFKA_VERSION with mvn"
  mvn -q -B -f "$HOME_DIR/pom.xml" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$LIBS" >"$HOME_DIR/mvn.log" 2>&1 ||
    { log "mvn failed; see $HOME_DIR/mvn.log"; tail -20 "$HOME_DIR/mvn.log" >&2; exit 1; }
  touch "$LIBS/.complete"
  log "installed $(ls "$LIBS" | wc -l) jars in $(( $(date +%s) - started ))s"
}

configure() {
  mkdir -p "$DATA" "$RUN"
  cat >"$RUN/server.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:$CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$DATA
num.partitions=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
auto.create.topics.enable=true
group.initial.rebalance.delay.ms=0
log.retention.hours=24
EOF
  cat >"$RUN/log4j2.properties" <<EOF
status = warn
appender.file.type = File
appender.file.name = file
appender.file.fileName = $RUN/server.log
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = info
rootLogger.appenderRef.file.ref = file
logger.kafka.name = kafka
logger.kafka.level = info
logger.state.name = state.change.logger
logger.state.level = warn
EOF
}

jvm_opts() {
  JVM_OPTS=(-Xms256m -Xmx512m -XX:+UseG1GC -Djava.awt.headless=true
    -Dlog4j2.configurationFile="$RUN/log4j2.properties" -cp "$LIBS/*")
}

running() { [[ -f "$RUN/kafka.pid" ]] && kill -0 "$(cat "$RUN/kafka.pid")" 2>/dev/null; }

start() {
  install
  if running; then
    log "kafka already running (pid $(cat "$RUN/kafka.pid"))"
    return 0
  fi
  configure
  jvm_opts
  if [[ ! -f "$DATA/meta.properties" ]]; then
    log "formatting storage in $DATA"
    local cluster_id
    cluster_id=$("$JAVA" "${JVM_OPTS[@]}" kafka.tools.StorageTool random-uuid)
    "$JAVA" "${JVM_OPTS[@]}" kafka.tools.StorageTool format --standalone --ignore-formatted \
      --cluster-id "$cluster_id" --config "$RUN/server.properties" >"$RUN/format.log" 2>&1 ||
      { log "format failed; see $RUN/format.log"; cat "$RUN/format.log" >&2; exit 1; }
  fi
  local started i
  started=$(date +%s)
  : >"$RUN/server.log"
  # Started directly (not through a function) so $! is the JVM's pid and `stop` can signal it.
  "$JAVA" "${JVM_OPTS[@]}" kafka.Kafka "$RUN/server.properties" >"$RUN/stdout.log" 2>&1 &
  echo $! >"$RUN/kafka.pid"
  for i in $(seq 1 120); do
    if grep -q 'Kafka Server started' "$RUN/server.log" 2>/dev/null; then
      log "kafka $KAFKA_VERSION up on 127.0.0.1:$PORT in $(( $(date +%s) - started ))s"
      return 0
    fi
    running || break
    sleep 0.5
  done
  log "kafka did not start; see $RUN/server.log and $RUN/stdout.log"
  tail -20 "$RUN/stdout.log" >&2 || true
  exit 1
}

stop() {
  if running; then
    kill "$(cat "$RUN/kafka.pid")"
    local i
    for i in $(seq 1 60); do running || break; sleep 0.5; done
    log "stopped"
  fi
  rm -f "$RUN/kafka.pid"
}

case "${1:-start}" in
  install) install ;;
  start) start ;;
  stop) stop ;;
  env) echo "KAFKA_BROKERS=127.0.0.1:$PORT" ;;
  *) echo "usage: $0 install|start|stop|env" >&2; exit 2 ;;
esac
