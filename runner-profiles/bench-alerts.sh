#!/usr/bin/env bash
# Alert benchmark: generated data (seeds 1, 2, 3; 28 days each) judged with the bounded job's own
# anomaly detection over the hourly brand funnel, in a JVM of its own. Prints the false alerts per
# brand-week of the 20 busiest brands without injections, per seed and volume (50K to 30M events a
# month), then the recall over a matrix of injected anomalies (views, carts, purchases; factors 0, 0.3,
# 3, 5; 1 to 4 hours; busy and quiet hours; brands of every popularity tier; at 4M and 30M events a
# month) by the usual events of that type an hour. 6 to 8 minutes on 2 cores. docs/anomalies.md has
# the measured tables.
#
#   runner-profiles/bench-alerts.sh
#   SEEDS=1 VOLUMES=4000000 MATRIX=4000000 runner-profiles/bench-alerts.sh    # one seed, one volume
#   BUDGET=0.01 PRINT=true runner-profiles/bench-alerts.sh                    # a stricter budget, every false alert
#
#   SEEDS, VOLUMES (events per 30 days, comma-separated), MATRIX (volumes of the injected data sets,
#   empty: no matrix), DAYS (28), BUDGET (--anomalyFalseAlertsPerBrandWeek, 0.05), PRINT, HEAP (3g).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

if [ -z "${SKIP_BUILD:-}" ]; then # SKIP_BUILD=1: the jar and target/classpath.txt are already built
  mvn -q -B -DskipTests package dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
fi
cp="pipelines/target/funnelpulse-pipelines-0.1.0-SNAPSHOT.jar:$(cat pipelines/target/classpath.txt)"
java -Xmx"${HEAP:-3g}" -XX:+UseParallelGC -cp "$cp" io.funnelpulse.bench.AlertBenchmark \
  --seeds="${SEEDS:-1,2,3}" --monthlyVolumes="${VOLUMES:-50000,500000,4000000,30000000}" \
  --matrixMonthlyVolumes="${MATRIX-4000000,30000000}" --days="${DAYS:-28}" \
  --falseAlertsPerBrandWeek="${BUDGET:-0.05}" --printFalseAlerts="${PRINT:-false}"
