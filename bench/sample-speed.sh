#!/usr/bin/env bash
# Sampling speed as users get it: model.sample() one tune at a time (batch 1, temperature 1.0),
# with each rule set, in tokens/s. Complements bench/lstm-speed.sh's network-only step figures.
# Run by hand:  bench/sample-speed.sh MODEL [SECONDS per rule set, default 20]
set -euo pipefail
cd "$(dirname "$0")/.."
export TUNESMITH_CORPORA="${TUNESMITH_CORPORA:-$(cd .. && pwd)/shared/corpora}"
./scripts/tunesmith help > /dev/null   # builds the library if needed
OMP_NUM_THREADS=1 java -cp "dsl/target/tunesmith-dsl.jar:$(cat dsl/target/classpath.txt)" bench/SampleSpeed.java "$@" 2>/dev/null
