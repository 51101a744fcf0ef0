#!/usr/bin/env bash
# Sample quality of a trained melody model: 100 samples at temperature 1.0, valid-ABC and
# bar-length shares, plagiarism. Usage: bench/sample-quality.sh MODEL.tsm [CORPUS]
set -euo pipefail
cd "$(dirname "$0")/.."
export TUNESMITH_CORPORA="${TUNESMITH_CORPORA:-$(cd .. && pwd)/shared/corpora}"
./scripts/tunesmith help > /dev/null   # builds the library if needed
OMP_NUM_THREADS=1 java -cp "dsl/target/tunesmith-dsl.jar:$(cat dsl/target/classpath.txt)" bench/SampleQuality.java "$@"
