#!/usr/bin/env bash
# Kafka benchmark: starts a Kafka broker (KRaft, kafka_2.12 from the project's test class path) on this
# machine in a JVM of its own, produces generated events (default 1,000,000 over 7 days, seed 42) to a
# 3-partition topic as JSON values keyed by session (all before the job starts, or with ARRIVAL at
# that rate while it runs), then runs the FunnelPulse job on Spark streaming local[2], or with
# RUNNER=flink on Flink in an embedded cluster (parallelism 2, RocksDB checkpoints retained), with
# --source=KAFKA until every record is counted. Prints events/s (from job start and
# sustained), the partials kept in state, peak heap and checkpoint size, then the job process's peak
# resident memory; stops the broker.
#
#   runner-profiles/bench-kafka.sh
#   EVENTS=4000000 DAYS=30 READ_MS=700 runner-profiles/bench-kafka.sh
#
#   EVENTS, DAYS, PARTITIONS (3), BATCH_MS (micro-batch interval, 1000), READ_MS (the Spark runner's
#   minimum read time per micro-batch, its default 200 when unset), HEAP (1g), BROKER_HEAP (512m),
#   PORT (first of two free ports, 19092), EXTRA_ARGS, ARRIVAL (events/s, 0 = all produced first),
#   PER_FILE (events per produced batch, 5000), RUNNER (spark or flink; BATCH_MS and READ_MS are
#   Spark's, CHECKPOINT_MS (5000) and PARALLELISM (2) Flink's), PROFILE (a runner profile's options
#   instead of RUNNER's, e.g. flink-small for runner-profiles/flink-small.options).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="${BENCH_DIR:-${TMPDIR:-/tmp}/funnelpulse-kafka-bench}"
port="${PORT:-19092}"
controller=$((port + 1))
cd "$root"

if [ -z "${SKIP_BUILD:-}" ]; then # SKIP_BUILD=1: the jar and target/classpath.txt are already built
  mvn -q -B -DskipTests package dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=test
fi
cp="pipelines/target/funnelpulse-pipelines-0.1.0-SNAPSHOT.jar:$(cat pipelines/target/classpath.txt)"
opens="$(grep -o -- '--add-opens=[^ ]*' .mvn/jvm.config | tr '\n' ' ')"

rm -rf "$work/broker"
mkdir -p "$work/broker/logs"
cat > "$work/broker/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@localhost:$controller
listeners=PLAINTEXT://localhost:$port,CONTROLLER://localhost:$controller
advertised.listeners=PLAINTEXT://localhost:$port
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$work/broker/logs
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
num.partitions=${PARTITIONS:-3}
PROPS
java -cp "$cp" kafka.tools.StorageTool format -t "$(java -cp "$cp" kafka.tools.StorageTool random-uuid)" \
  -c "$work/broker/server.properties" > "$work/broker/format.log"
java -Xmx"${BROKER_HEAP:-512m}" -cp "$cp" kafka.Kafka "$work/broker/server.properties" > "$work/broker/broker.log" 2>&1 &
broker=$!
trap 'kill "$broker" 2>/dev/null; wait "$broker" 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do
  (exec 3<>"/dev/tcp/localhost/$port") 2>/dev/null && break
  sleep 1
done

if [ -n "${PROFILE:-}" ]; then # a shipped runner profile's options, e.g. PROFILE=flink-small
  mapfile -t runner_args < <(grep -v '^[[:space:]]*\(#\|$\)' "runner-profiles/$PROFILE.options" |
    if [ -n "${CHECKPOINT_MS:-}" ]; then grep -v '^--checkpointingInterval='; else cat; fi)
  [ -z "${CHECKPOINT_MS:-}" ] || runner_args+=("--checkpointingInterval=$CHECKPOINT_MS")
elif [ "${RUNNER:-spark}" = flink ]; then
  runner_args=(--runner=FlinkRunner "--flinkMaster=[local]" "--parallelism=${PARALLELISM:-2}" "--checkpointingInterval=${CHECKPOINT_MS:-5000}")
else
  runner_args=(--runner=SparkRunner "--sparkMaster=local[2]" --streaming=true "--batchIntervalMillis=${BATCH_MS:-1000}"
    ${READ_MS:+"--minReadTimeMillis=$READ_MS"})
fi
stats="$work/time.txt"
# shellcheck disable=SC2086
/usr/bin/time -f '%e %M' -o "$stats" java $opens ${JVM_ARGS:-} -Xmx"${HEAP:-1g}" -XX:+UseParallelGC -Dspark.ui.enabled=false \
  -cp "$cp" io.funnelpulse.bench.StreamingBenchmark \
  "${runner_args[@]}" --benchSource=KAFKA \
  --bootstrapServers="localhost:$port" --topic=funnelpulse-bench --topicPartitions="${PARTITIONS:-3}" \
  --sampleEvents="${EVENTS:-1000000}" --sampleDays="${DAYS:-7}" \
  --arrivalEventsPerSecond="${ARRIVAL:-0}" --eventsPerFile="${PER_FILE:-5000}" \
  --benchDir="$work" ${EXTRA_ARGS:-}
read -r wall rss_kb < "$stats"
awk -v w="$wall" -v k="$rss_kb" 'BEGIN {
  printf "BENCH job process %.1f s wall, peak RSS %.0f MiB\n", w, k / 1024 }'
