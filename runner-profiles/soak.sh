#!/usr/bin/env bash
# Soak test of a stream on Spark streaming local[2] with a fixed --checkpointDir, reading a watched
# landing directory (SOURCE=WATCH, the default) or a 3-partition topic of a real Kafka broker started
# here (SOURCE=KAFKA). Generated events (0.5% malformed) are replayed at a pace, 2% of them held back
# 60 minutes (late) and, into the landing directory, 0.2% four hours (too late); meanwhile the job is
# killed with SIGKILL KILLS times at random moments (KILL_MIN_SECONDS plus up to KILL_SPAN_SECONDS,
# seeded) and started again with the same arguments each time; in the Kafka run the broker is also
# stopped and started again once, half-way.
# Then: a watched directory gets the end marker and the job finishes by itself; a Kafka job is given
# until verify passes and is then stopped with SIGTERM. verify checks the output against DuckDB over
# every replayed line (final view, no window missing, no pane duplicated, conservation), leaving out
# the lines the stream dead-lettered as too late.
#
#   runner-profiles/soak.sh                          # SOURCE=WATCH KILLS=20 EVENTS=200000 SEED=1
#   SOURCE=KAFKA runner-profiles/soak.sh
#   KILLS=3 EVENTS=20000 KILL_MIN_SECONDS=8 KILL_SPAN_SECONDS=8 runner-profiles/soak.sh
#
# SOAK_DIR is the scratch directory; SOAK_CLASSPATH skips the build and runs with that class path
# (the project's classes, test classes and test-scope dependencies).
# Prints one line per kill and a SOAK line: kills survived, restarts that failed, verify's result.
# Exits 0 only if every restart resumed and verify passed.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source_kind="$(echo "${SOURCE:-WATCH}" | tr '[:lower:]' '[:upper:]')"
kills="${KILLS:-20}"
events="${EVENTS:-200000}"
seed="${SEED:-1}"
kill_min="${KILL_MIN_SECONDS:-10}"
kill_span="${KILL_SPAN_SECONDS:-30}"
work="${SOAK_DIR:-${TMPDIR:-/tmp}/funnelpulse-soak-$(echo "$source_kind" | tr '[:upper:]' '[:lower:]')}"
case "$source_kind" in
  WATCH|KAFKA) ;;
  *) echo "SOURCE must be WATCH or KAFKA, not $source_kind" >&2; exit 2 ;;
esac
cd "$root"

if [ -n "${SOAK_CLASSPATH:-}" ]; then
  cp="$SOAK_CLASSPATH"
else
  mvn -q -B -DskipTests package dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=test
  cp="pipelines/target/classes:pipelines/target/test-classes:$(cat pipelines/target/classpath.txt)"
fi
opens="$(grep -o -- '--add-opens=[^ ]*' .mvn/jvm.config | tr '\n' ' ')"
funnelpulse() {
  # shellcheck disable=SC2086
  java $opens -Xmx2g -Dspark.ui.enabled=false -cp "$cp" io.funnelpulse.cli.FunnelPulse "$@"
}
free_port() {
  local port
  while :; do
    port=$(( 20000 + RANDOM % 20000 ))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}
await_line() { # file, pattern, count before, seconds
  local deadline=$(( $(date +%s) + $4 ))
  while [ "$(grep -c -- "$2" "$1" 2>/dev/null || true)" -le "$3" ]; do
    [ "$(date +%s)" -lt "$deadline" ] || { echo "no '$2' in $1 within $4 s" >&2; return 1; }
    sleep 1
  done
}

rm -rf "$work"
mkdir -p "$work/landing"
: > "$work/job.log"
funnelpulse generate --events="$events" --days=2 --files=1 --seed="$seed" --malformedFraction=0.005 \
  --output="$work/events" > "$work/generate.log"

broker=""
if [ "$source_kind" = KAFKA ]; then
  RANDOM="$seed"
  broker_port="$(free_port)"
  controller_port="$(free_port)"
  bootstrap="localhost:$broker_port"
  : > "$work/broker.log"
  start_broker() {
    local before
    before="$(grep -c '^ready' "$work/broker.log" || true)"
    java -Xmx512m -cp "$cp" io.funnelpulse.io.kafka.EmbeddedKafkaBroker "$work/broker" "$broker_port" \
      "$controller_port" events 3 >> "$work/broker.log" 2>&1 &
    broker=$!
    await_line "$work/broker.log" '^ready' "$before" 90
  }
  start_broker
  target="kafka://$bootstrap/events"
  # verify leaves too-late records out by file and line, which a Kafka record does not have.
  too_late=0
  # A topic never ends, so its last window is never closed: early panes show it.
  job_source=(--source=KAFKA "--bootstrapServers=$bootstrap" --topic=events --valueFormat=CSV
    --earlyFiringDelaySeconds=5)
else
  target="$work/landing"
  too_late=0.002
  job_source=(--source=WATCH "--input=$work/landing")
fi

# The replay lasts about as long as the kills take.
events_per_file=500
files=$(( (events + events_per_file - 1) / events_per_file ))
files_per_second="$(awk -v f="$files" -v k="$kills" -v m="$kill_min" -v s="$kill_span" \
  'BEGIN { d = (k + 2) * (m + s / 2); printf "%.3f", f / d }')"
funnelpulse replay --to="$target" --input="$work/events/*.csv" --eventsPerFile="$events_per_file" \
  --valueFormat=CSV --filesPerSecond="$files_per_second" --lateFraction=0.02 --lateMinutes=60 \
  --tooLateFraction="$too_late" --lateSeed="$seed" > "$work/replay.log" 2>&1 &
replay=$!

job=""
start_job() {
  # shellcheck disable=SC2086
  java $opens -Xmx2g -Dspark.ui.enabled=false -cp "$cp" io.funnelpulse.cli.FunnelPulse \
    run --runner=SparkRunner --sparkMaster='local[2]' --streaming=true \
    --checkpointDir="$work/checkpoint" --batchIntervalMillis=2000 "${job_source[@]}" \
    --output="$work/out" >> "$work/job.log" 2>&1 &
  job=$!
}
stop_all() {
  [ -n "$job" ] && kill -9 "$job" 2>/dev/null || true
  kill "$replay" 2>/dev/null || true
  [ -n "$broker" ] && kill "$broker" 2>/dev/null && wait "$broker" 2>/dev/null || true
}
trap stop_all EXIT

RANDOM="$seed"
start_job
survived=0
failed_restarts=0
for k in $(seq 1 "$kills"); do
  sleep $(( kill_min + RANDOM % (kill_span + 1) ))
  if ! kill -0 "$job" 2>/dev/null; then
    failed_restarts=$((failed_restarts + 1))
    echo "kill $k: the job had already ended: $(grep -E 'Exception|Error|requirement' "$work/job.log" | tail -n 1)"
    start_job
    continue
  fi
  kill -9 "$job"; wait "$job" 2>/dev/null || true
  echo "kill $k at $(date +%T): killed after $(grep -c 'FunnelPulse streaming: SparkRunner reading' "$work/job.log") start(s); starting again"
  survived=$((survived + 1))
  start_job
  if [ -n "$broker" ] && [ "$k" -eq $(( (kills + 1) / 2 )) ]; then
    kill "$broker"; wait "$broker" 2>/dev/null || true
    start_broker
    echo "broker stopped and started again at $(date +%T)"
  fi
done

wait "$replay" || true
echo "replay done: $(tail -n 1 "$work/replay.log")"

run_verify() {
  # Against every replayed line (late and too-late lines included where they landed): verify leaves
  # out the lines the stream dead-lettered as too late, by file and line, as the job did.
  local input="$work/landing/*.csv"
  [ "$source_kind" = KAFKA ] && input="$work/events/*.csv"
  funnelpulse verify --input="$input" --output="$work/out" > "$work/verify.log" 2>&1
}
deadline=$(( $(date +%s) + 900 ))
if [ "$source_kind" = WATCH ]; then
  # With its input complete (the replay's _DONE) the job closes every window and exits by itself.
  while kill -0 "$job" 2>/dev/null && [ "$(date +%s)" -lt "$deadline" ]; do sleep 5; done
else
  # A topic has no end: the job runs until its output passes verify, then is stopped with SIGTERM.
  until run_verify || [ "$(date +%s)" -ge "$deadline" ] || ! kill -0 "$job" 2>/dev/null; do sleep 15; done
  kill -TERM "$job" 2>/dev/null || true
  stop_deadline=$(( $(date +%s) + 120 ))
  while kill -0 "$job" 2>/dev/null && [ "$(date +%s)" -lt "$stop_deadline" ]; do sleep 1; done
fi
if kill -0 "$job" 2>/dev/null; then
  echo "the job did not finish in time"
  job_status=timeout
else
  wait "$job" && job_status=0 || job_status=$?
fi
echo "last run of the job ended with status $job_status: $(grep -E 'FunnelPulse stream(ing)? ' "$work/job.log" | tail -n 1)"

set +e
run_verify
verify_status=$?
set -e
cat "$work/verify.log"
verdict=$([ "$verify_status" -eq 0 ] && echo passed || echo FAILED)
echo "SOAK $source_kind: $events events, $kills kills, $survived survived, $failed_restarts failed restarts, job status $job_status, verify $verdict"
[ "$verify_status" -eq 0 ] && [ "$failed_restarts" -eq 0 ] && [ "$job_status" = 0 ]
