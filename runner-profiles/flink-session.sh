#!/usr/bin/env bash
# Starts a Flink session cluster on this machine (one JobManager and one TaskManager with 2 slots, each a
# JVM of its own, from Maven Central jars: no Flink distribution needed), submits the FunnelPulse batch
# job to it with Beam's Flink runner, checks the output with verify (DuckDB) and stops the cluster.
#
#   runner-profiles/flink-session.sh                        # the fixture: src/fixtures/rees46-*.csv.gz
#   runner-profiles/flink-session.sh --dimension=CATEGORY --windowSizeMinutes=30 --output=/tmp/funnel-flink
#   runner-profiles/flink-session.sh --input='/data/2019-*.csv.gz'    # your files (a glob)
#
# Arguments: FunnelPulse run options (see docs/running.md). Without --input the job reads the fixture,
# without --output it writes to output/ in the work directory. The options in flink-cluster.options are
# added unless you give the same option yourself; --flinkMaster is the script's (its cluster's REST
# address). After the job, 'verify' recomputes the tables from the same input with DuckDB (with your
# --dimension, --windowSizeMinutes and --topN). The script exits 1 if the job or verify fails.
#
# The cluster's class path is Flink's own (flink-runtime, flink-clients, flink-rpc-akka-loader and what
# they need, in the version the Beam runner brings, resolved by Maven into a pom the script writes);
# the job's jars are not on it: the client stages them with the job (--filesToStage), as on a real
# cluster. The client and verify run with the pipelines module's runtime class path, which the script
# gets from Maven after compiling this checkout (mvn -o compile; once online if a jar is missing).
#
# Environment:
#   WORK_DIR         work directory: the cluster's conf/, logs/, tmp/ and the default output/
#                    (default: a new directory /tmp/funnelpulse-flink.XXXXXX, left in place)
#   JM_MEMORY        jobmanager.memory.process.size (default 1g)
#   TM_MEMORY        taskmanager.memory.process.size (default 1536m)
#   REST_PORT        the JobManager's REST port (default: a free port)
#   STARTUP_TIMEOUT  seconds to wait for the cluster's TaskManager and slots (default 120)
#   STAGE            what the client stages with the job: 'job' (default: the class path entries the
#                    cluster does not already have) or 'classpath' (all of it, Beam's default)
#   JAVA_HOME        the JDK to run (default: java from the PATH); Java 17
#
# Logs: logs/jobmanager.log, logs/taskmanager.log, logs/client.log and logs/verify.log in the work
# directory. Both cluster JVMs are stopped when the script ends: normally, on an error, on INT or TERM.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"

java_bin="java"
[ -n "${JAVA_HOME:-}" ] && java_bin="$JAVA_HOME/bin/java"
jm_memory="${JM_MEMORY:-1g}"
tm_memory="${TM_MEMORY:-1536m}"
startup_timeout="${STARTUP_TIMEOUT:-120}"
stage="${STAGE:-job}"
case "$stage" in
  job|classpath) ;;
  *) echo "flink-session.sh: STAGE must be job or classpath, not '$stage'" >&2; exit 2 ;;
esac

for arg in "$@"; do
  case "$arg" in
    --flinkMaster=*|--flinkmaster=*)
      echo "flink-session.sh: --flinkMaster is the script's own cluster; leave it out" >&2; exit 2 ;;
  esac
done

if [ -n "${WORK_DIR:-}" ]; then
  work="$WORK_DIR"
  mkdir -p "$work"
else
  work="$(mktemp -d "${TMPDIR:-/tmp}/funnelpulse-flink.XXXXXX")"
fi
work="$(cd "$work" && pwd)"
mkdir -p "$work/conf" "$work/logs" "$work/tmp" "$work/classpath"
echo "flink-session.sh: work directory $work"

now() { date +%s.%N; }
seconds_since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# Maven offline first; once online if something is missing from the local repository.
mvn_quiet() {
  if ! mvn -B -ntp -o -q "$@" >"$work/logs/maven.log" 2>&1; then
    echo "flink-session.sh: Maven offline failed ($(grep -m1 ERROR "$work/logs/maven.log" || true)); once online" >&2
    if ! mvn -B -ntp -q "$@" >"$work/logs/maven.log" 2>&1; then
      cat "$work/logs/maven.log" >&2
      echo "flink-session.sh: Maven failed: mvn $*" >&2
      exit 1
    fi
  fi
}

# 1. Class paths. The job's: the pipelines module's runtime class path, its classes (and the transforms
# module's) compiled in this checkout.
t0="$(now)"
(cd "$root" && mvn_quiet -pl pipelines -am compile dependency:build-classpath \
  -Dmdep.outputFile="$work/classpath/job.txt" -DincludeScope=runtime)
job_cp="$root/pipelines/target/classes:$(cat "$work/classpath/job.txt")"

# The cluster's: Flink in the version of the Beam runner's flink-runtime, and an SLF4J binding.
flink_version="$(tr ':' '\n' <"$work/classpath/job.txt" | sed -n 's#.*/flink-runtime-\([0-9][0-9.]*\)\.jar$#\1#p' | head -n 1)"
slf4j_simple="$(tr ':' '\n' <"$work/classpath/job.txt" | sed -n 's#.*/slf4j-simple-\([0-9][0-9.]*\)\.jar$#\1#p' | head -n 1)"
if [ -z "$flink_version" ]; then
  echo "flink-session.sh: no flink-runtime on the pipelines class path (is beam-runners-flink a dependency?)" >&2
  exit 1
fi
mkdir -p "$work/classpath/flink"
cat >"$work/classpath/flink/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.funnelpulse</groupId>
  <artifactId>flink-session-classpath</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.apache.flink</groupId><artifactId>flink-runtime</artifactId><version>$flink_version</version></dependency>
    <dependency><groupId>org.apache.flink</groupId><artifactId>flink-clients</artifactId><version>$flink_version</version></dependency>
    <dependency><groupId>org.apache.flink</groupId><artifactId>flink-rpc-akka-loader</artifactId><version>$flink_version</version></dependency>
    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-simple</artifactId><version>${slf4j_simple:-1.7.36}</version></dependency>
  </dependencies>
</project>
EOF
(cd "$work/classpath/flink" && mvn_quiet org.apache.maven.plugins:maven-dependency-plugin:3.6.1:build-classpath \
  -Dmdep.outputFile="$work/classpath/flink.txt" -DincludeScope=runtime)
flink_cp="$(cat "$work/classpath/flink.txt")"
echo "flink-session.sh: class paths ready in $(seconds_since "$t0") s (Flink $flink_version)"

# What the client stages with the job (--filesToStage), uploaded to the cluster's blob server with it
# (Beam zips the classes directories into jars):
#   job        the job's class path entries the cluster does not already have, but DuckDB (verify's,
#              not the job's)
#   classpath  all of the client's class path (Beam's default without --filesToStage)
files_to_stage=""
if [ "$stage" = job ]; then
  staged_bytes=0
  IFS=':' read -r -a job_entries <<<"$job_cp"
  for entry in "${job_entries[@]}"; do
    case ":$flink_cp:" in *":$entry:"*) continue ;; esac
    case "$entry" in */org/duckdb/*) continue ;; esac
    files_to_stage="${files_to_stage:+$files_to_stage,}$entry"
    [ -f "$entry" ] && staged_bytes=$(( staged_bytes + $(wc -c <"$entry") ))
  done
  echo "flink-session.sh: staging $(echo "$files_to_stage" | tr ',' '\n' | wc -l | tr -d ' ') class path entries, $(( staged_bytes / 1048576 )) MB of jars"
fi

# JVM options: the --add-opens list Maven runs use; no -Xmx for the cluster JVMs (Flink sizes them).
cluster_jvm_opts=()
client_jvm_opts=()
for opt in $(cat "$root/.mvn/jvm.config"); do
  client_jvm_opts[${#client_jvm_opts[@]}]="$opt"
  case "$opt" in -Xmx*|-Xms*) ;; *) cluster_jvm_opts[${#cluster_jvm_opts[@]}]="$opt" ;; esac
done
log_opts=(-Dorg.slf4j.simpleLogger.showDateTime=true "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd HH:mm:ss,SSS")

# A free port on the loopback interface: nothing answers on it.
free_port() {
  local port=$(( 20000 + RANDOM % 20000 ))
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || [ "$port" = "${1:-}" ]; do
    port=$(( port + 1 ))
  done
  echo "$port"
}
rest_port="${REST_PORT:-$(free_port)}"
rpc_port="$(free_port "$rest_port")"

# 2. The cluster's configuration.
cat >"$work/conf/flink-conf.yaml" <<EOF
jobmanager.rpc.address: localhost
jobmanager.rpc.port: $rpc_port
jobmanager.bind-host: localhost
jobmanager.memory.process.size: $jm_memory
taskmanager.host: localhost
taskmanager.bind-host: localhost
taskmanager.memory.process.size: $tm_memory
taskmanager.numberOfTaskSlots: 2
parallelism.default: 2
rest.address: localhost
rest.bind-address: localhost
rest.port: $rest_port
io.tmp.dirs: $work/tmp
blob.storage.directory: $work/tmp
web.tmpdir: $work/tmp
EOF

# JVM sizes and the memory settings they imply, as Flink's own start scripts get them.
resource_params() {
  local out
  out="$("$java_bin" -cp "$flink_cp" org.apache.flink.runtime.util.bash.BashJavaUtils "$1" --configDir "$work/conf" 2>&1)" || {
    echo "$out" >&2; echo "flink-session.sh: Flink refused the memory configuration ($1)" >&2; exit 1; }
  echo "$out" | sed -n 's/^BASH_JAVA_UTILS_EXEC_RESULT://p'
}
jm_params="$(resource_params GET_JM_RESOURCE_PARAMS)"
tm_params="$(resource_params GET_TM_RESOURCE_PARAMS)"
jm_jvm="$(echo "$jm_params" | sed -n 1p)"
jm_dynamic="$(echo "$jm_params" | sed -n 2p)"
tm_jvm="$(echo "$tm_params" | sed -n 1p)"
tm_dynamic="$(echo "$tm_params" | sed -n 2p)"

jm_pid=""
tm_pid=""
client_pid=""
stop_cluster() {
  local pid
  if [ -n "$client_pid" ]; then
    kill -TERM "$client_pid" 2>/dev/null || true
    wait "$client_pid" 2>/dev/null || true
    client_pid=""
  fi
  for pid in $tm_pid $jm_pid; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in $tm_pid $jm_pid; do
    local waited=0
    while kill -0 "$pid" 2>/dev/null && [ "$waited" -lt 300 ]; do
      sleep 0.1
      waited=$((waited + 1))
    done
    if kill -0 "$pid" 2>/dev/null; then
      echo "flink-session.sh: JVM $pid did not stop in 30 s; killing it" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
  done
  if [ -n "$tm_pid$jm_pid" ]; then
    echo "flink-session.sh: cluster stopped; logs in $work/logs"
  fi
  tm_pid=""
  jm_pid=""
}
trap 'stop_cluster' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# 3. The JobManager and the TaskManager, each a JVM of its own.
t_start="$(now)"
# shellcheck disable=SC2086 # the JVM sizes and dynamic properties are words Flink gives, meant to be split
"$java_bin" "${cluster_jvm_opts[@]}" $jm_jvm "${log_opts[@]}" -Dlog.file="$work/logs/jobmanager.log" \
  -cp "$flink_cp" org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint \
  --configDir "$work/conf" $jm_dynamic >"$work/logs/jobmanager.log" 2>&1 </dev/null &
jm_pid=$!
# shellcheck disable=SC2086
"$java_bin" "${cluster_jvm_opts[@]}" $tm_jvm "${log_opts[@]}" -Dlog.file="$work/logs/taskmanager.log" \
  -cp "$flink_cp" org.apache.flink.runtime.taskexecutor.TaskManagerRunner \
  --configDir "$work/conf" $tm_dynamic >"$work/logs/taskmanager.log" 2>&1 </dev/null &
tm_pid=$!
echo "flink-session.sh: JobManager pid $jm_pid, TaskManager pid $tm_pid, REST http://localhost:$rest_port"

# Up when the REST API reports 1 TaskManager and 2 slots.
deadline=$(( $(date +%s) + startup_timeout ))
while :; do
  for pid in $jm_pid $tm_pid; do
    if ! kill -0 "$pid" 2>/dev/null; then
      which=JobManager; log=jobmanager.log
      [ "$pid" = "$tm_pid" ] && which=TaskManager && log=taskmanager.log
      echo "flink-session.sh: the $which (pid $pid) exited while the cluster started; last lines of $work/logs/$log:" >&2
      tail -n 30 "$work/logs/$log" >&2
      exit 1
    fi
  done
  overview="$(curl -fsS --max-time 2 "http://localhost:$rest_port/overview" 2>/dev/null || true)"
  taskmanagers="$(echo "$overview" | sed -n 's/.*"taskmanagers":\([0-9]*\).*/\1/p')"
  slots="$(echo "$overview" | sed -n 's/.*"slots-total":\([0-9]*\).*/\1/p')"
  if [ "${taskmanagers:-0}" -ge 1 ] && [ "${slots:-0}" -ge 2 ]; then
    break
  fi
  if [ "$(date +%s)" -ge "$deadline" ]; then
    echo "flink-session.sh: the cluster did not report 1 TaskManager and 2 slots in $startup_timeout s (last /overview: ${overview:-no answer}); logs in $work/logs" >&2
    exit 1
  fi
  sleep 0.5
done
echo "flink-session.sh: cluster up in $(seconds_since "$t_start") s: $overview"

# 4. The job, from a third JVM (the client), with the user's options over the cluster profile's.
has_option() {
  local name="$1" arg
  shift
  for arg in "$@"; do
    [ "${arg%%=*}" = "--$name" ] && return 0
  done
  return 1
}
option_value() {
  local name="$1" arg value=""
  shift
  for arg in "$@"; do
    [ "${arg%%=*}" = "--$name" ] && value="${arg#*=}"
  done
  echo "$value"
}
job_args=("$@")
has_option input "$@" || job_args[${#job_args[@]}]="--input=$root/src/fixtures/rees46-multicategory-2019-Nov-sample.csv.gz"
has_option output "$@" || job_args[${#job_args[@]}]="--output=$work/output"
job_args[${#job_args[@]}]="--flinkMaster=localhost:$rest_port"
if [ -n "$files_to_stage" ]; then
  job_args[${#job_args[@]}]="--filesToStage=$files_to_stage"
fi
input="$(option_value input "${job_args[@]}")"
output="$(option_value output "${job_args[@]}")"

echo "flink-session.sh: submitting the job: input $input, output $output (staging: $stage)"
t_job="$(now)"
# In the background, so that a signal to the script stops it (and the cluster) at once.
"$java_bin" "${client_jvm_opts[@]}" "${log_opts[@]}" -Dfunnelpulse.runnerProfile="$here/flink-cluster.options" \
  -cp "$job_cp" io.funnelpulse.cli.FunnelPulse run "${job_args[@]}" >"$work/logs/client.log" 2>&1 </dev/null &
client_pid=$!
set +e
wait "$client_pid"
job_status=$?
set -e
client_pid=""
job_seconds="$(seconds_since "$t_job")"
if [ "$job_status" -ne 0 ]; then
  echo "flink-session.sh: the job failed (exit $job_status) after $job_seconds s; last lines of $work/logs/client.log:" >&2
  tail -n 40 "$work/logs/client.log" >&2
  exit 1
fi
# The cluster's own account of the job: its id, final state and run time (from scheduling to the end).
jobs="$(curl -fsS --max-time 5 "http://localhost:$rest_port/jobs/overview" 2>/dev/null || true)"
jid="$(echo "$jobs" | sed -n 's/.*"jid":"\([0-9a-f]*\)".*/\1/p')"
state="$(echo "$jobs" | sed -n 's/.*"state":"\([A-Z]*\)".*/\1/p')"
duration="$(echo "$jobs" | sed -n 's/.*"duration":\([0-9]*\).*/\1/p')"
if [ "$state" != FINISHED ]; then
  echo "flink-session.sh: the client exited 0 but the cluster reports the job as '${state:-unknown}': ${jobs:-no answer}" >&2
  exit 1
fi
echo "flink-session.sh: job $jid FINISHED on the cluster in $(awk -v d="$duration" 'BEGIN { printf "%.1f", d / 1000 }') s; client JVM $job_seconds s in all (start, translation, upload of the staged jars, job)"

# 5. The cluster's work is done: stop it before verify, which needs no cluster.
stop_cluster

verify_args=("--input=$input" "--output=$output")
for name in dimension windowSizeMinutes topN; do
  if has_option "$name" "$@"; then
    verify_args[${#verify_args[@]}]="--$name=$(option_value "$name" "$@")"
  fi
done
set +e
"$java_bin" "${client_jvm_opts[@]}" -cp "$job_cp" io.funnelpulse.cli.FunnelPulse verify "${verify_args[@]}" \
  >"$work/logs/verify.log" 2>&1
verify_status=$?
set -e
grep -v '^\[' "$work/logs/verify.log" | tail -n 20
if [ "$verify_status" -ne 0 ]; then
  echo "flink-session.sh: verify FAILED (exit $verify_status); see $work/logs/verify.log" >&2
  exit 1
fi
echo "flink-session.sh: verify passed; output in $output, logs in $work/logs"
