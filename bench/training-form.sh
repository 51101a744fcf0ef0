#!/usr/bin/env bash
# The folk corpora as read and in training form, judged by abc2midi -c (Debian abcmidi), and their
# duplicate groups: bench/training-form.sh [CORPUS...]   (default oneills ryans nottingham)
set -euo pipefail
cd "$(dirname "$0")/.."
export TUNESMITH_CORPORA="${TUNESMITH_CORPORA:-$(cd .. && pwd)/shared/corpora}"
./scripts/tunesmith help > /dev/null   # builds the library if needed
OMP_NUM_THREADS=1 java -cp "dsl/target/tunesmith-dsl.jar:$(cat dsl/target/classpath.txt)" bench/TrainingForm.java "$@"
