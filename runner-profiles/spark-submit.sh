#!/usr/bin/env bash
# Runs the FunnelPulse job on a Spark 3.5 cluster with the shaded jar (Spark itself is not inside it).
#
#   mvn -q -DskipTests package                      # builds pipelines/target/*-shaded.jar
#   runner-profiles/spark-submit.sh --input=hdfs:///events/2019-*.csv.gz --output=hdfs:///funnel
#
# Environment: SPARK_MASTER (default yarn), DEPLOY_MODE (default cluster), EXECUTOR_MEMORY (2g),
# NUM_EXECUTORS (4). Extra arguments are FunnelPulse options (see README), e.g. --windowSizeMinutes=60.
# Reading hdfs:// or s3a:// paths needs Beam's Hadoop file system module on the classpath
# (beam-sdks-java-io-hadoop-file-system), which the cluster's Hadoop configuration then drives.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="$(ls "$here"/../pipelines/target/funnelpulse-pipelines-*-shaded.jar | head -n 1)"
mapfile -t profile < <(grep -v '^\s*#' "$here/spark-cluster.options" | grep -v '^\s*$')
exec spark-submit \
  --class io.funnelpulse.pipelines.FunnelPulse \
  --master "${SPARK_MASTER:-yarn}" \
  --deploy-mode "${DEPLOY_MODE:-cluster}" \
  --executor-memory "${EXECUTOR_MEMORY:-2g}" \
  --num-executors "${NUM_EXECUTORS:-4}" \
  "$jar" run "${profile[@]}" "$@"
