#!/usr/bin/env bash
# The 2-bar MusicVAE bar on the folk corpora (O'Neill's + Ryan's + Nottingham, split by tune):
# held-out teacher-forced and sampled reconstruction accuracy, NLL, KL and tokens/s after SECONDS
# of training. Saves bench/runs/musicvae/model.tsm (bench/runs is not committed).
# MUSICVAE_RESUME=bench/runs/musicvae/model.tsm bench/musicvae.sh SECONDS trains a saved model further.
# Run by hand:  bench/musicvae.sh [SECONDS] [LATENT] [ENCODER] [DECODER] [BATCH] [RATE] [FREE NATS] [BARS] [CONDUCTOR]
#   (default 1200, then the defaults; BARS 8 CONDUCTOR 256: the hierarchical decoder on 8-bar excerpts)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
MALLOC_ARENA_MAX=2 bench_java -Xmx2g bench/MusicVaeBench.java "${1:-1200}" "${@:2}"
