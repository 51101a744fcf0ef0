#!/usr/bin/env bash
# MusicVAE training speed and native memory, default config, folk corpora: the engine (VaeNet) over
# ENGINE_BATCHES one-length batches (then mixed-length ones) against the SameDiff graph it replaced
# over SAMEDIFF_BATCHES batches (tunesmith.vae.VaeSpeed, in the test sources beside that graph).
# Run by hand:  bench/musicvae-speed.sh [ENGINE_BATCHES] [SAMEDIFF_BATCHES]   (default 1000 20)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
mvn -o -q -pl dsl test-compile   # VaeSpeed reaches into the engine's package-private parts, so it lives with the tests
MALLOC_ARENA_MAX=2 java -Xmx2g -cp "dsl/target/test-classes:dsl/target/classes:$(cat dsl/target/classpath.txt)" tunesmith.vae.VaeSpeed "$@"
