#!/usr/bin/env bash
# Runs the FunnelPulse job on a Spark 3.5 cluster with the job jar (Spark, Scala and Hadoop are not in
# it: the cluster provides them). Works under bash 3.2 and later.
#
#   mvn -q -DskipTests package       # builds pipelines/target/funnelpulse-pipelines-*-job.jar
#   SPARK_MASTER=spark://host:7077 runner-profiles/spark-submit.sh --input=hdfs:///events/*.csv.gz --output=hdfs:///funnel
#   SPARK_MASTER=yarn DEPLOY_MODE=cluster runner-profiles/spark-submit.sh --conf spark.executor.memory=4g -- --input=...
#
# Arguments: FunnelPulse options (see the README). To pass spark-submit options too, put them first
# and separate them with '--':  [spark-submit options] -- [FunnelPulse options].
# The options in spark-cluster.options are added unless you give the same option yourself.
#
# Environment:
#   SPARK_MASTER   the master URL (default local[*]): spark://host:port, yarn, k8s://https://host:port
#   DEPLOY_MODE    client (default) or cluster
#   SPARK_HOME     a Spark 3.5.x installation; its bin/spark-submit is used. Without bin/ (jars only, as
#                  runner-profiles/spark-standalone assembles), spark-submit's main class is started with
#                  java directly. Without SPARK_HOME, spark-submit from the PATH.
#   JOB_JAR        the job jar (default: the one built in pipelines/target)
set -eu
here="$(cd "$(dirname "$0")" && pwd)"

master="${SPARK_MASTER:-local[*]}"
deploy_mode="${DEPLOY_MODE:-client}"
case "$deploy_mode" in
  client|cluster) ;;
  *) echo "spark-submit.sh: DEPLOY_MODE must be client or cluster, not '$deploy_mode'" >&2; exit 2 ;;
esac
case "$master" in
  local*)
    if [ "$deploy_mode" = cluster ]; then
      echo "spark-submit.sh: a local master ($master) runs only in client deploy mode; set SPARK_MASTER to a cluster" >&2
      exit 2
    fi ;;
esac

jar="${JOB_JAR:-}"
if [ -z "$jar" ]; then
  for candidate in "$here"/../pipelines/target/funnelpulse-pipelines-*-job.jar; do
    [ -f "$candidate" ] && jar="$candidate"
  done
fi
if [ -z "$jar" ] || [ ! -f "$jar" ]; then
  echo "spark-submit.sh: no job jar${jar:+ at $jar}; build it with: mvn -q -DskipTests package" >&2
  exit 2
fi

# spark-submit options before '--', FunnelPulse options after it (all FunnelPulse options without it).
submit_opts=()
job_opts=()
has_separator=false
for arg in "$@"; do
  [ "$arg" = "--" ] && has_separator=true
done
in_job_opts=true
[ "$has_separator" = true ] && in_job_opts=false
for arg in "$@"; do
  if [ "$in_job_opts" = false ] && [ "$arg" = "--" ]; then
    in_job_opts=true
  elif [ "$in_job_opts" = true ]; then
    job_opts[${#job_opts[@]}]="$arg"
  else
    submit_opts[${#submit_opts[@]}]="$arg"
  fi
done

# The cluster profile's options, unless the user gave the same option.
while IFS= read -r line || [ -n "$line" ]; do
  case "$line" in ''|'#'*) continue ;; esac
  name="${line%%=*}"
  given=false
  for arg in ${job_opts[@]+"${job_opts[@]}"}; do
    [ "${arg%%=*}" = "$name" ] && given=true
  done
  [ "$given" = false ] && job_opts[${#job_opts[@]}]="$line"
done < "$here/spark-cluster.options"

# A standalone master that does not answer fails here at once, not after a minute of retries.
case "$master" in
  spark://*)
    hostport="${master#spark://}"
    hostport="${hostport%%,*}"
    host="${hostport%:*}"
    port="${hostport##*:}"
    if ! (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; then
      echo "spark-submit.sh: cannot reach the Spark master $master (nothing answers on $host:$port); is the cluster up?" >&2
      exit 2
    fi ;;
esac

# What Spark needs on Java 17 (the same list Maven runs use). Executors get it from Spark itself; a
# driver that the cluster launches (cluster deploy mode) does not.
java17_opens=""
for opt in $(cat "$here/../.mvn/jvm.config"); do
  case "$opt" in --add-opens=*) java17_opens="$java17_opens $opt" ;; esac
done
java17_opens="${java17_opens# }"

if [ "$deploy_mode" = cluster ]; then
  # Standalone cluster mode launches the driver with spark.driver.extraJavaOptions only: the opens go
  # in front of the user's own, or make up the whole value.
  merged=false
  i=0
  while [ "$i" -lt "${#submit_opts[@]}" ]; do
    case "${submit_opts[$i]}" in
      spark.driver.extraJavaOptions=*)
        submit_opts[$i]="spark.driver.extraJavaOptions=$java17_opens ${submit_opts[$i]#spark.driver.extraJavaOptions=}"
        merged=true ;;
    esac
    i=$((i + 1))
  done
  if [ "$merged" = false ]; then
    submit_opts[${#submit_opts[@]}]="--conf"
    submit_opts[${#submit_opts[@]}]="spark.driver.extraJavaOptions=$java17_opens"
  fi
  # Standalone cluster mode returns right after submitting unless told to wait.
  submit_opts[${#submit_opts[@]}]="--conf"
  submit_opts[${#submit_opts[@]}]="spark.standalone.submit.waitAppCompletion=true"
fi

if [ -n "${SPARK_HOME:-}" ] && [ -x "$SPARK_HOME/bin/spark-submit" ]; then
  launcher=("$SPARK_HOME/bin/spark-submit")
elif [ -n "${SPARK_HOME:-}" ] && [ -d "$SPARK_HOME/jars" ]; then
  # spark-submit's own main class; on Java 17 its JVM (the driver in client mode) needs the opens.
  java_bin="java"
  [ -n "${JAVA_HOME:-}" ] && java_bin="$JAVA_HOME/bin/java"
  launcher=("$java_bin")
  for opt in $java17_opens; do
    launcher[${#launcher[@]}]="$opt"
  done
  launcher[${#launcher[@]}]="-Xmx${DRIVER_MEMORY:-1g}"
  launcher[${#launcher[@]}]="-cp"
  launcher[${#launcher[@]}]="$SPARK_HOME/jars/*"
  launcher[${#launcher[@]}]="org.apache.spark.deploy.SparkSubmit"
elif command -v spark-submit >/dev/null 2>&1; then
  launcher=("spark-submit")
else
  echo "spark-submit.sh: no spark-submit: set SPARK_HOME to a Spark 3.5.x installation or put spark-submit on the PATH" >&2
  exit 2
fi

submit=("${launcher[@]}"
  --class io.funnelpulse.cli.FunnelPulse
  --master "$master"
  --deploy-mode "$deploy_mode"
  ${submit_opts[@]+"${submit_opts[@]}"}
  "$jar" run ${job_opts[@]+"${job_opts[@]}"})

if [ "$deploy_mode" = client ]; then
  exec "${submit[@]}"
fi
# In cluster mode spark-submit exits 0 even when the driver it waited for failed: read its verdict.
log="$(mktemp "${TMPDIR:-/tmp}/funnelpulse-submit.XXXXXX")"
trap 'rm -f "$log"' EXIT
set +e
"${submit[@]}" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
if [ "$status" -ne 0 ]; then
  exit "$status"
fi
if grep -Eq 'State of (driver )?[^ ]+ is (FAILED|ERROR|KILLED)' "$log"; then
  echo "spark-submit.sh: the driver did not finish: $(grep -Eo 'State of (driver )?[^ ]+ is [A-Z]+' "$log" | tail -n 1)" >&2
  echo "spark-submit.sh: its log is in the Worker's work directory (driver-*/stderr)" >&2
  exit 1
fi
