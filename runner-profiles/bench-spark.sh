#!/usr/bin/env bash
# Batch benchmark: generated events (default 4,000,000 over 30 days in 8 CSV files, seed 42) through
# the FunnelPulse pipeline on Spark local[2], in a JVM of its own. Prints the run summary (records/s of
# the pipeline itself), then the whole process's wall time, events/s and peak resident memory.
#
#   runner-profiles/bench-spark.sh   # EVENTS=4000000 FILES=8 DAYS=30 HEAP=768m
#   JVM_OPTS defaults to '-XX:+UseParallelGC -XX:TieredStopAtLevel=1': on 2 cores the optimising JIT's
#   compiler threads compete with the 2 Spark task threads for most of a ~15 s run; the quick
#   compiler alone finishes sooner. Long-lived cluster executors should keep the JVM's default.
#   EVENTS=1000000 runner-profiles/bench-spark.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
events="${EVENTS:-4000000}"
files="${FILES:-8}"
days="${DAYS:-30}"
heap="${HEAP:-768m}"
jvm_opts="${JVM_OPTS:--XX:+UseParallelGC -XX:TieredStopAtLevel=1}"
work="${BENCH_DIR:-${TMPDIR:-/tmp}/funnelpulse-bench}"
cd "$root"

mvn -q -B -DskipTests package dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=test
cp="pipelines/target/funnelpulse-pipelines-0.1.0-SNAPSHOT.jar:$(cat pipelines/target/classpath.txt)"
opens="$(grep -o -- '--add-opens=[^ ]*' .mvn/jvm.config | tr '\n' ' ')"

input="$work/input-$events-$days-$files"
if [ ! -d "$input" ]; then
  java -cp "$cp" io.funnelpulse.cli.FunnelPulse generate \
    --events="$events" --days="$days" --files="$files" --output="$input"
fi
rm -rf "$work/out"
stats="$work/time.txt"
# shellcheck disable=SC2086
/usr/bin/time -f '%e %M' -o "$stats" java $opens -Xmx"$heap" $jvm_opts -Dspark.ui.enabled=false -cp "$cp" \
  io.funnelpulse.cli.FunnelPulse run --runner=SparkRunner --sparkMaster='local[2]' \
  --storageLevel=MEMORY_AND_DISK_SER --input="$input/*.csv" --output="$work/out" ${EXTRA_ARGS:-}
read -r wall rss_kb < "$stats"
awk -v w="$wall" -v k="$rss_kb" -v n="$events" 'BEGIN {
  printf "BENCH spark local[2]: %d events, whole process %.1f s wall, %.0f events/s, peak RSS %.0f MiB\n",
    n, w, n / w, k / 1024 }'
