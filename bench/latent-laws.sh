#!/usr/bin/env bash
# The latent laws on a trained MusicVAE: interpolation endpoints (codes decoded back, on training and
# held-out excerpts) and the note-density attribute at scales 0, 1, 2 on 50 held-out excerpts.
# Run by hand:  bench/latent-laws.sh MODEL [CORPORA, default oneills+ryans+nottingham]
set -euo pipefail
cd "$(dirname "$0")/.."
export TUNESMITH_CORPORA="${TUNESMITH_CORPORA:-$(cd .. && pwd)/shared/corpora}"
./scripts/tunesmith help > /dev/null   # builds the library if needed
OMP_NUM_THREADS=1 java -Xmx3g -cp "dsl/target/tunesmith-dsl.jar:$(cat dsl/target/classpath.txt)" bench/LatentLaws.java "$@" 2>/dev/null
