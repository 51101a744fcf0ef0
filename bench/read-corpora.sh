#!/usr/bin/env bash
# Benchmark: read all ~12,600 tunes of the four ABC corpora on one core (target: under 3 s after warm-up).
#
#   bench/read-corpora.sh [corpora-folder] [warmup-passes] [timed-passes]
#
# The corpora folder defaults to $TUNESMITH_CORPORA, else ../shared/corpora next to the checkout.
# Builds the dsl module first when its classes are missing or older than the sources.
# Extra JVM flags go in JAVA_OPTS, e.g. a flight recording:
#   JAVA_OPTS="-XX:StartFlightRecording=filename=/tmp/read.jfr,settings=profile" bench/read-corpora.sh
set -euo pipefail
source "$(dirname "$0")/lib.sh"
corpora="${1:-$TUNESMITH_CORPORA}"
shift || true

pin=()
if command -v taskset > /dev/null; then pin=(taskset -c 0); fi
# shellcheck disable=SC2086
exec "${pin[@]}" java -XX:ActiveProcessorCount=1 -Xms1g -Xmx1g ${JAVA_OPTS:-} -cp "$BENCH_CP" bench/ReadCorpora.java "$corpora" "$@"
