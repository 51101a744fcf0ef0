#!/usr/bin/env bash
# Counterpoint (soprano in; alto, tenor, bass out) on the JSB chorales' standard split: per-voice
# test accuracy and NLL against the trivial baselines, ranges and parallels beside Bach's.
# Run by hand:  bench/counterpoint.sh [SECONDS per voice] [UNITS] [LAYERS] [RATE]   (default 240 64 2 0.005)
set -euo pipefail
cd "$(dirname "$0")/.."
export TUNESMITH_CORPORA="${TUNESMITH_CORPORA:-$(cd .. && pwd)/shared/corpora}"
./scripts/tunesmith help > /dev/null   # builds the library if needed
OMP_NUM_THREADS=1 java -cp "dsl/target/tunesmith-dsl.jar:$(cat dsl/target/classpath.txt)" bench/CounterpointBench.java "${1:-240}" "${2:-64}" "${3:-2}" "${4:-0.005}"
