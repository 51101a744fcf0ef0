#!/usr/bin/env bash
# MusicVAE training speed and native memory, default config, folk corpora: the engine (VaeNet) over
# ENGINE_BATCHES one-length batches (then mixed-length ones) against the SameDiff graph it replaced
# over SAMEDIFF_BATCHES batches (tunesmith.vae.VaeSpeed, in the test sources beside that graph).
# Run by hand:  bench/musicvae-speed.sh [ENGINE_BATCHES] [SAMEDIFF_BATCHES]   (default 1000 20)
set -euo pipefail
cd "$(dirname "$0")/.."
export TUNESMITH_CORPORA="${TUNESMITH_CORPORA:-$(cd .. && pwd)/shared/corpora}"
./scripts/tunesmith help > /dev/null   # builds the library (and classpath.txt) if needed
mvn -o -q -pl dsl test-compile
MALLOC_ARENA_MAX=2 OMP_NUM_THREADS=1 java -Xmx2g -cp "dsl/target/test-classes:dsl/target/classes:$(cat dsl/target/classpath.txt)" tunesmith.vae.VaeSpeed "$@"
