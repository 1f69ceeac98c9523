#!/usr/bin/env bash
# Flink against Spark streaming, side by side in one run on this machine: the month (4,000,000
# generated events over 30 days) through Kafka (3 partitions, broker on this machine) and through a
# watched directory, each on Flink (embedded cluster, parallelism 2) and on Spark streaming (local[2]),
# read as fast as the job takes it; then each again at a paced ARRIVAL (5,000 events/s, FRESH_EVENTS
# 300,000 over 2 days) for the freshness of each window's first row. Runs bench-kafka.sh and
# bench-streaming.sh one after the other (never two at once) in one bench directory (the generated
# events are made once), keeps each run's figures in <bench dir>/<run>.log and prints them as a table.
#
#   runner-profiles/bench-flink-vs-spark.sh
#   EVENTS=1000000 DAYS=7 runner-profiles/bench-flink-vs-spark.sh      # a smaller month
#
#   EVENTS, DAYS, ARRIVAL, FRESH_EVENTS, FRESH_DAYS, EARLY_S (early firing delay of the paced runs, 1).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="${BENCH_DIR:-${TMPDIR:-/tmp}/funnelpulse-flink-vs-spark}"
mkdir -p "$work"
events="${EVENTS:-4000000}"
(cd "$root" && mvn -q -B -DskipTests package dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=test)
days="${DAYS:-30}"

run() { # name, script, runner, extra environment...
  local name="$1" script="$2" runner="$3"
  shift 3
  echo "== $name"
  env "$@" SKIP_BUILD=1 RUNNER="$runner" BENCH_DIR="$work/bench" "$root/runner-profiles/$script" 2>&1 \
    | grep -E '^(BENCH|  +[0-9]+ s  counted)' | tee "$work/$name.log"
}

for runner in flink spark; do
  run "kafka-$runner" bench-kafka.sh "$runner" EVENTS="$events" DAYS="$days"
  run "watch-$runner" bench-streaming.sh "$runner" EVENTS="$events" DAYS="$days"
  run "kafka-$runner-paced" bench-kafka.sh "$runner" EVENTS="${FRESH_EVENTS:-300000}" DAYS="${FRESH_DAYS:-2}" \
    ARRIVAL="${ARRIVAL:-5000}" EXTRA_ARGS="--earlyFiringDelaySeconds=${EARLY_S:-1}"
  run "watch-$runner-paced" bench-streaming.sh "$runner" EVENTS="${FRESH_EVENTS:-300000}" DAYS="${FRESH_DAYS:-2}" \
    ARRIVAL="${ARRIVAL:-5000}" EXTRA_ARGS="--earlyFiringDelaySeconds=${EARLY_S:-1}"
done

figure() { # log, pattern (a sed expression printing the figure)
  sed -nE "$2" "$work/$1.log" | head -1
}
echo
printf '%-7s %-6s %14s %12s %14s %16s %22s\n' source runner 'events/s' 'peak RSS' 'peak heap' 'checkpoint' 'freshness p50 / p95'
for source in kafka watch; do
  for runner in flink spark; do
    printf '%-7s %-6s %14s %12s %14s %16s %22s\n' "$source" "$runner" \
      "$(figure "$source-$runner" 's/^BENCH sustained .*: ([0-9,]+) events\/s/\1/p')" \
      "$(figure "$source-$runner" 's/^BENCH .* peak RSS ([0-9]+ MiB)/\1/p')" \
      "$(figure "$source-$runner" 's/^BENCH peak heap used ([0-9,]+ MiB).*/\1/p')" \
      "$(figure "$source-$runner" 's/^BENCH .*peak checkpoint directory ([0-9,.]+ MiB)/\1/p')" \
      "$(figure "$source-$runner-paced" 's/^BENCH freshness .*median ([0-9.]+ s), p95 ([0-9.]+ s).*/\1 \/ \2/p')"
  done
done
