#!/usr/bin/env bash
# Streaming benchmark: generated events (default 4,000,000 over 30 days, seed 42) landed as small files
# in a watched directory and read by the FunnelPulse job on Spark streaming local[2] (--source=WATCH,
# checkpointing under the bench directory), or with RUNNER=flink on Flink in an embedded cluster
# (parallelism 2, RocksDB checkpoints retained under the bench directory), in a JVM of its own. Prints sustained events/s, the
# partials that pre-aggregation sends to grouping and state, peak heap, peak checkpoint size, and
# with ARRIVAL set, the freshness of each window's first pane; then the process's peak resident memory.
#
#   MAX_FILES=40 READ_MS=700 runner-profiles/bench-streaming.sh        # a month, as fast as the job takes it
#   ARRIVAL=5000 EVENTS=300000 DAYS=2 BATCH_MS=2000 EXTRA_ARGS=--earlyFiringDelaySeconds=1 runner-profiles/bench-streaming.sh
#   EVENTS=200000 DAYS=2 EXTRA_ARGS=--preAggregate=false runner-profiles/bench-streaming.sh   # no pre-aggregation
#
#   EVENTS, DAYS, PER_FILE (events per file, 5000), ARRIVAL (events/s, 0 = all landed first),
#   MAX_FILES (files per directory poll, 8), BATCH_MS (micro-batch interval, 1000), READ_MS (the Spark
#   runner's minimum read time per micro-batch, its default 200 when unset), HEAP (1g), EXTRA_ARGS,
#   SPARK_MASTER (local[2]), RUNNER (spark or flink; BATCH_MS, MAX_FILES and READ_MS are Spark's, CHECKPOINT_MS (5000) and PARALLELISM (2) Flink's).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="${BENCH_DIR:-${TMPDIR:-/tmp}/funnelpulse-stream-bench}"
cd "$root"

if [ -z "${SKIP_BUILD:-}" ]; then # SKIP_BUILD=1: the jar and target/classpath.txt are already built
  mvn -q -B -DskipTests package dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=test
fi
cp="pipelines/target/funnelpulse-pipelines-0.1.0-SNAPSHOT.jar:$(cat pipelines/target/classpath.txt)"
opens="$(grep -o -- '--add-opens=[^ ]*' .mvn/jvm.config | tr '\n' ' ')"
mkdir -p "$work"
if [ "${RUNNER:-spark}" = flink ]; then
  runner_args=(--runner=FlinkRunner "--flinkMaster=[local]" "--parallelism=${PARALLELISM:-2}" "--checkpointingInterval=${CHECKPOINT_MS:-5000}")
else
  runner_args=(--runner=SparkRunner "--sparkMaster=${SPARK_MASTER:-local[2]}" --streaming=true "--batchIntervalMillis=${BATCH_MS:-1000}"
    "--maxFilesPerPoll=${MAX_FILES:-8}" ${READ_MS:+"--minReadTimeMillis=$READ_MS"})
fi
stats="$work/time.txt"
# shellcheck disable=SC2086
/usr/bin/time -f '%e %M' -o "$stats" java $opens ${JVM_ARGS:-} -Xmx"${HEAP:-1g}" -XX:+UseParallelGC -Dspark.ui.enabled=false \
  -cp "$cp" io.funnelpulse.bench.StreamingBenchmark \
  "${runner_args[@]}" \
  --sampleEvents="${EVENTS:-4000000}" --sampleDays="${DAYS:-30}" --eventsPerFile="${PER_FILE:-5000}" \
  --arrivalEventsPerSecond="${ARRIVAL:-0}" --benchDir="$work" ${EXTRA_ARGS:-}
read -r wall rss_kb < "$stats"
awk -v w="$wall" -v k="$rss_kb" 'BEGIN {
  printf "BENCH whole process %.1f s wall, peak RSS %.0f MiB\n", w, k / 1024 }'
