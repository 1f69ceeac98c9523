#!/usr/bin/env bash
# Soak test of a watched-directory stream on Spark streaming local[2] with a fixed --checkpointDir:
# generated events (0.5% malformed) are replayed into a landing directory at a pace, 2% of them held
# back 60 minutes (late) and 0.2% four hours (too late); meanwhile the job is killed with SIGKILL KILLS
# times at random moments (10-40 s apart, seeded) and started again with the same arguments each time.
# The replay then lands the end marker, the job finishes by itself, and verify checks its output
# against DuckDB over every landed line (final view, no window missing, no pane duplicated,
# conservation), leaving out the lines the stream dead-lettered as too late.
#
#   runner-profiles/soak.sh                    # KILLS=20 EVENTS=200000 SEED=1
#   KILLS=3 EVENTS=50000 runner-profiles/soak.sh
#
# Prints one line per kill and a SOAK line: kills survived, restarts that failed, and verify's result.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
kills="${KILLS:-20}"
events="${EVENTS:-200000}"
seed="${SEED:-1}"
work="${SOAK_DIR:-${TMPDIR:-/tmp}/funnelpulse-soak}"
cd "$root"

mvn -q -B -DskipTests package dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=test
cp="pipelines/target/funnelpulse-pipelines-0.1.0-SNAPSHOT.jar:$(cat pipelines/target/classpath.txt)"
opens="$(grep -o -- '--add-opens=[^ ]*' .mvn/jvm.config | tr '\n' ' ')"
funnelpulse() {
  # shellcheck disable=SC2086
  java $opens -Xmx2g -Dspark.ui.enabled=false -cp "$cp" io.funnelpulse.pipelines.FunnelPulse "$@"
}

rm -rf "$work"
mkdir -p "$work/landing"
funnelpulse generate --events="$events" --days=2 --files=1 --seed="$seed" --malformedFraction=0.005 \
  --output="$work/events" > "$work/generate.log"

# The replay lasts about as long as the kills take (25 s apart on average).
events_per_file=500
files=$(( (events + events_per_file - 1) / events_per_file ))
files_per_second="$(awk -v f="$files" -v k="$kills" 'BEGIN { d = (k + 2) * 25; printf "%.3f", f / d }')"
funnelpulse replay --to="$work/landing" --input="$work/events/*.csv" --eventsPerFile="$events_per_file" \
  --filesPerSecond="$files_per_second" --lateFraction=0.02 --lateMinutes=60 --tooLateFraction=0.002 \
  --lateSeed="$seed" > "$work/replay.log" 2>&1 &
replay=$!

job=""
start_job() {
  # shellcheck disable=SC2086
  java $opens -Xmx2g -Dspark.ui.enabled=false -cp "$cp" io.funnelpulse.pipelines.FunnelPulse \
    run --runner=SparkRunner --sparkMaster='local[2]' --streaming=true \
    --checkpointDir="$work/checkpoint" --batchIntervalMillis=2000 --source=WATCH \
    --input="$work/landing" --output="$work/out" >> "$work/job.log" 2>&1 &
  job=$!
}
stop_all() {
  [ -n "$job" ] && kill -9 "$job" 2>/dev/null || true
  kill "$replay" 2>/dev/null || true
}
trap stop_all EXIT

RANDOM="$seed"
start_job
survived=0
failed_restarts=0
for k in $(seq 1 "$kills"); do
  sleep $(( 10 + RANDOM % 31 ))
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
done

wait "$replay" || true
echo "replay done: $(tail -n 1 "$work/replay.log")"
# With its input complete (the replay's _DONE) the job closes every window and exits by itself.
deadline=$(( $(date +%s) + 900 ))
while kill -0 "$job" 2>/dev/null && [ "$(date +%s)" -lt "$deadline" ]; do sleep 5; done
if kill -0 "$job" 2>/dev/null; then
  echo "the job did not finish within 15 minutes of the end marker"
  job_status=timeout
else
  wait "$job" && job_status=0 || job_status=$?
fi
echo "last run of the job ended with status $job_status: $(grep -E 'FunnelPulse stream(ing)? ' "$work/job.log" | tail -n 1)"

set +e
# Against the files the stream read (the replay's, late and too-late lines included where they landed):
# verify leaves out the lines the stream dead-lettered as too late, by file and line, as the job did.
funnelpulse verify --input="$work/landing/*.csv" --output="$work/out" > "$work/verify.log" 2>&1
verify_status=$?
set -e
cat "$work/verify.log"
verdict=$([ "$verify_status" -eq 0 ] && echo passed || echo FAILED)
echo "SOAK watched directory: $events events, $kills kills, $survived survived, $failed_restarts failed restarts, job status $job_status, verify $verdict"
[ "$verify_status" -eq 0 ] && [ "$failed_restarts" -eq 0 ]
