#!/usr/bin/env bash
# FunnelPulse against a native Spark SQL job (io.funnelpulse.bench.NativeSparkSqlJob) computing the same
# tables from the same CSV files (default 4,000,000 events over 30 days in 8 files, seed 42), both on
# Spark local[2], each run in a JVM of its own with the same heap and JVM flags. Each round runs four,
# alternating: native funnel only, FunnelPulse funnel only, native default tables, FunnelPulse default
# tables (without anomalies, which the native job does not compute). Prints each run's whole-process
# wall time and peak RSS (from /usr/bin/time), then per table set the medians of each side and the
# ratios native/FunnelPulse as BENCH lines (a wall ratio above 1 means FunnelPulse is faster, a peak
# RSS ratio above 1 that it uses less memory).
#
#   runner-profiles/bench-compare.sh    # EVENTS=4000000 FILES=8 DAYS=30 ROUNDS=3 HEAP=1g
#   EVENTS=200000 ROUNDS=1 runner-profiles/bench-compare.sh
#   JVM_OPTS defaults to the flags of .mvn/jvm.config but its heap (-XX:+UseParallelGC);
#   MVN_FLAGS=-o builds offline.
#   TABLES=funnel (or default) runs one table set; WITH_MVN=1 adds, per set and round, FunnelPulse as a
#   user starts it: mvn -Pspark compile exec:java (Maven's JVM, .mvn/jvm.config's heap).
#   For a Spark run's phases, add JVM_OPTS='... -Dspark.extraListeners=io.funnelpulse.bench.SparkPhaseTimes'
#   (PHASE lines at the end of each run's log).
#   Each run's output is kept in $BENCH_DIR/compare/<side>-<tables>-<round>.log.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
events="${EVENTS:-4000000}"
files="${FILES:-8}"
days="${DAYS:-30}"
rounds="${ROUNDS:-3}"
heap="${HEAP:-1g}"
# The JVM flags of .mvn/jvm.config (what Maven's JVM runs a job with) but its heap, unless JVM_OPTS is set.
jvm_opts="${JVM_OPTS:-$(tr ' ' '\n' < .mvn/jvm.config | grep -v -e '^--add-opens' -e '^-Xmx' | tr '\n' ' ')}"
work="${BENCH_DIR:-${TMPDIR:-/tmp}/funnelpulse-bench}"
cd "$root"

# shellcheck disable=SC2086
mvn -q -B ${MVN_FLAGS:-} -DskipTests package dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=test
cp="pipelines/target/funnelpulse-pipelines-0.1.0-SNAPSHOT.jar:$(cat pipelines/target/classpath.txt)"
opens="$(grep -o -- '--add-opens=[^ ]*' .mvn/jvm.config | tr '\n' ' ')"

input="$work/input-$events-$days-$files"
mkdir -p "$work"
if [ ! -d "$input" ]; then
  java -cp "$cp" io.funnelpulse.cli.FunnelPulse generate \
    --events="$events" --days="$days" --files="$files" --output="$input"
fi
runs="$work/compare"
rm -rf "$runs"
mkdir -p "$runs"
results="$runs/results.txt"
: > "$results"

# timed <side> <tables> <round> <command...>: runs the command with its output in the run's log, records
# its wall time and peak RSS, and prints them; stops the benchmark if it fails.
timed() {
  local side="$1" tables="$2" round="$3" wall rss_kb
  shift 3
  local log="$runs/$side-$tables-$round.log"
  if ! /usr/bin/time -f '%e %M' -o "$runs/time.txt" "$@" > "$log" 2>&1; then
    echo "round $round $side $tables failed; the end of $log:" >&2
    tail -n 20 "$log" >&2
    exit 1
  fi
  read -r wall rss_kb < <(tail -n 1 "$runs/time.txt")
  echo "$tables $side $wall $rss_kb" >> "$results"
  awk -v r="$round" -v s="$side" -v t="$tables" -v w="$wall" -v k="$rss_kb" 'BEGIN {
    printf "round %d %-15s %-7s %7.1f s wall, peak RSS %5.0f MiB\n", r, s, t, w, k / 1024 }'
}

# run <side> <tables> <round> <main class> <args...>: one run in a JVM of its own, timed.
run() {
  local side="$1" tables="$2" round="$3"
  shift 3
  local out="$runs/out-$side-$tables"
  rm -rf "$out"
  # The runner profile is read by FunnelPulse only; the native job takes its settings from its arguments.
  # shellcheck disable=SC2086
  timed "$side" "$tables" "$round" java $opens -Xmx"$heap" $jvm_opts -Dspark.ui.enabled=false \
    -Dfunnelpulse.runnerProfile="$root/runner-profiles/spark-local.options" -cp "$cp" \
    "$@" --input="$input/*.csv" --output="$out"
}

native=(io.funnelpulse.bench.NativeSparkSqlJob --master='local[2]')
funnelpulse=(io.funnelpulse.cli.FunnelPulse run --runner=SparkRunner --sparkMaster='local[2]')
funnel_only=(--clickstreamTables=false --anomalies=false --sessionTables=false --slidingConversionHours=0)
# run_mvn <tables> <round> <args...>: FunnelPulse as a user starts it, mvn -Pspark compile exec:java (Maven's
# JVM runs the job, with .mvn/jvm.config's heap), timed as a whole.
run_mvn() {
  local tables="$1" round="$2"
  shift 2
  local out="$runs/out-mvn-$tables"
  rm -rf "$out"
  # shellcheck disable=SC2086
  timed funnelpulse-mvn "$tables" "$round" mvn -q -B ${MVN_FLAGS:-} -Pspark compile exec:java \
    -Dexec.args="--sparkMaster=local[2] --input=$input/*.csv --output=$out $*"
}

table_sets="${TABLES:-funnel default}"
for round in $(seq 1 "$rounds"); do
  for tables in $table_sets; do
    if [ "$tables" = funnel ]; then
      run native funnel "$round" "${native[@]}" --tables=funnel
      run funnelpulse funnel "$round" "${funnelpulse[@]}" "${funnel_only[@]}"
      [ -z "${WITH_MVN:-}" ] || run_mvn funnel "$round" "${funnel_only[@]}"
    else
      run native default "$round" "${native[@]}" --tables=default
      run funnelpulse default "$round" "${funnelpulse[@]}" --anomalies=false
      [ -z "${WITH_MVN:-}" ] || run_mvn default "$round" --anomalies=false
    fi
  done
done

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
echo "BENCH $events events, $files files, $days days; Spark local[2], heap $heap, $jvm_opts; medians of $rounds round(s)"
for tables in $table_sets; do
  nw="$(awk -v t="$tables" '$1 == t && $2 == "native" { print $3 }' "$results" | median)"
  nr="$(awk -v t="$tables" '$1 == t && $2 == "native" { print $4 }' "$results" | median)"
  fw="$(awk -v t="$tables" '$1 == t && $2 == "funnelpulse" { print $3 }' "$results" | median)"
  fr="$(awk -v t="$tables" '$1 == t && $2 == "funnelpulse" { print $4 }' "$results" | median)"
  awk -v t="$tables" -v nw="$nw" -v nr="$nr" -v fw="$fw" -v fr="$fr" 'BEGIN {
    printf "BENCH %-7s native Spark SQL %.1f s, %.0f MiB | FunnelPulse %.1f s, %.0f MiB | native/FunnelPulse wall %.2f, peak RSS %.2f\n",
      t, nw, nr / 1024, fw, fr / 1024, nw / fw, nr / fr }'
  if [ -n "${WITH_MVN:-}" ]; then
    mw="$(awk -v t="$tables" '$1 == t && $2 == "funnelpulse-mvn" { print $3 }' "$results" | median)"
    mr="$(awk -v t="$tables" '$1 == t && $2 == "funnelpulse-mvn" { print $4 }' "$results" | median)"
    awk -v t="$tables" -v nw="$nw" -v mw="$mw" -v mr="$mr" 'BEGIN {
      printf "BENCH %-7s FunnelPulse by mvn -Pspark compile exec:java %.1f s, %.0f MiB | native/FunnelPulse wall %.2f\n",
        t, mw, mr / 1024, nw / mw }'
  fi
done
