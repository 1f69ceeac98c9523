#!/usr/bin/env bash
# Cluster benchmark: the job jar over generated events (default the month: 4,000,000 events over 30
# days in 8 CSV files, seed 42), submitted through spark-submit.sh to a Spark 3.5 standalone cluster on
# this machine (a Master and one Worker with 2 cores, from runner-profiles/spark-standalone's jars) and
# to local[2] in one JVM, alternating, ROUNDS times. Prints each run's wall time and the peak RSS of
# every JVM (local: the one JVM; cluster: driver, executor, Worker, Master), then the medians.
#
#   runner-profiles/bench-cluster.sh            # EVENTS=4000000 FILES=8 DAYS=30 ROUNDS=3
#   EVENTS=1000000 ROUNDS=1 runner-profiles/bench-cluster.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
events="${EVENTS:-4000000}"
files="${FILES:-8}"
days="${DAYS:-30}"
rounds="${ROUNDS:-3}"
local_memory="${LOCAL_MEMORY:-3g}"
driver_memory="${DRIVER_MEMORY:-1g}"
executor_memory="${EXECUTOR_MEMORY:-2g}"
work="${BENCH_DIR:-${TMPDIR:-/tmp}/funnelpulse-bench-cluster}"
cd "$root"

mvn -q -B -DskipTests package dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
tools_cp="pipelines/target/funnelpulse-pipelines-0.1.0-SNAPSHOT.jar:$(cat pipelines/target/classpath.txt)"
input="$work/input-$events-$days-$files"
mkdir -p "$work"
if [ ! -d "$input" ]; then
  java -cp "$tools_cp" io.funnelpulse.cli.FunnelPulse generate \
    --events="$events" --days="$days" --files="$files" --output="$input"
fi

export SPARK_HOME="$root/runner-profiles/spark-standalone/target/spark-home"
export SPARK_SCALA_VERSION=2.12 SPARK_LOCAL_IP=127.0.0.1
opens="$(grep -o -- '--add-opens=[^ ]*' .mvn/jvm.config | tr '\n' ' ')"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
master_port="$(free_port)"
cluster="$work/cluster"
rm -rf "$cluster"; mkdir -p "$cluster/work"
pids=()
stop_cluster() {
  for pid in ${pids[@]+"${pids[@]}"}; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop_cluster EXIT
# shellcheck disable=SC2086
java $opens -Xmx512m -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.master.Master --host 127.0.0.1 \
  --port "$master_port" --webui-port "$(free_port)" > "$cluster/master.log" 2>&1 &
master_pid=$!; pids+=("$master_pid")
until grep -qs 'elected leader' "$cluster/master.log"; do sleep 0.2; done
# shellcheck disable=SC2086
java $opens -Xmx512m -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.worker.Worker "spark://127.0.0.1:$master_port" \
  --host 127.0.0.1 --cores 2 --memory 6g --work-dir "$cluster/work" --webui-port "$(free_port)" > "$cluster/worker.log" 2>&1 &
worker_pid=$!; pids+=("$worker_pid")
until grep -qs 'Successfully registered' "$cluster/worker.log"; do sleep 0.2; done

mib() { awk '{ printf "%.0f", $1 / 1024 }'; }
peak_kb() { awk '/VmHWM/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }

results="$work/results.txt"
: > "$results"
for round in $(seq 1 "$rounds"); do
  # local[2]: driver and executor in the one JVM that spark-submit.sh starts.
  rm -rf "$work/out-local"
  /usr/bin/time -f '%e %M' -o "$work/time-local.txt" env SPARK_MASTER='local[2]' DRIVER_MEMORY="$local_memory" \
    runner-profiles/spark-submit.sh --conf spark.ui.enabled=false -- \
    --input="$input/*.csv" --output="$work/out-local" > "$work/local-$round.log" 2>&1
  read -r wall rss_kb < "$work/time-local.txt"
  echo "local $wall $(echo "$rss_kb" | mib)" >> "$results"
  echo "round $round local[2]: ${wall} s wall, peak RSS $(echo "$rss_kb" | mib) MiB"

  # The cluster: the driver in spark-submit's JVM (client mode), the executor launched by the Worker.
  rm -rf "$work/out-cluster"
  executor_peak="$work/executor-peak.txt"; echo 0 > "$executor_peak"
  ( while true; do
      for pid in $(pgrep -f CoarseGrainedExecutorBackend || true); do
        kb="$(peak_kb "$pid")"
        [ "${kb:-0}" -gt "$(cat "$executor_peak")" ] && echo "$kb" > "$executor_peak"
      done
      sleep 0.5
    done ) &
  sampler=$!
  /usr/bin/time -f '%e %M' -o "$work/time-cluster.txt" env SPARK_MASTER="spark://127.0.0.1:$master_port" \
    DRIVER_MEMORY="$driver_memory" runner-profiles/spark-submit.sh --conf spark.ui.enabled=false \
    --conf spark.executor.memory="$executor_memory" -- \
    --input="$input/*.csv" --output="$work/out-cluster" > "$work/cluster-$round.log" 2>&1
  kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true
  read -r wall rss_kb < "$work/time-cluster.txt"
  exec_mib="$(mib < "$executor_peak")"
  worker_mib="$(peak_kb "$worker_pid" | mib)"; master_mib="$(peak_kb "$master_pid" | mib)"
  echo "cluster $wall $(echo "$rss_kb" | mib) $exec_mib $worker_mib $master_mib" >> "$results"
  echo "round $round cluster: ${wall} s wall, peak RSS driver $(echo "$rss_kb" | mib) MiB, executor $exec_mib MiB, Worker $worker_mib MiB, Master $master_mib MiB"
done

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
local_wall="$(awk '$1 == "local" { print $2 }' "$results" | median)"
local_rss="$(awk '$1 == "local" { print $3 }' "$results" | median)"
cluster_wall="$(awk '$1 == "cluster" { print $2 }' "$results" | median)"
driver_rss="$(awk '$1 == "cluster" { print $3 }' "$results" | median)"
executor_rss="$(awk '$1 == "cluster" { print $4 }' "$results" | median)"
awk -v n="$events" -v lw="$local_wall" -v lr="$local_rss" -v cw="$cluster_wall" -v dr="$driver_rss" \
  -v er="$executor_rss" -v r="$rounds" 'BEGIN {
  printf "BENCH %d events, median of %d: local[2] %.1f s (%.0f events/s), peak RSS %d MiB | standalone cluster %.1f s (%.0f events/s), driver %d MiB + executor %d MiB | cluster/local wall %.2f\n",
    n, r, lw, n / lw, lr, cw, n / cw, dr, er, cw / lw }'
