#!/usr/bin/env bash
# MusicVAE training speed and native memory, default config, folk corpora: the engine (VaeNet) over
# ENGINE_BATCHES one-length batches (then mixed-length ones) against the SameDiff graph it replaced
# over SAMEDIFF_BATCHES batches (tunesmith.vae.VaeSpeed, bench/src: it times the engine's package-private parts).
# Run by hand:  bench/musicvae-speed.sh [ENGINE_BATCHES] [SAMEDIFF_BATCHES]   (default 1000 20)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
MALLOC_ARENA_MAX=2 bench_internal -Xmx2g tunesmith.vae.VaeSpeed "$@"
