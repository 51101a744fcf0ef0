#!/usr/bin/env bash
# The latent laws on a trained MusicVAE: interpolation endpoints (codes decoded back, on training and
# held-out excerpts) and the note-density attribute at scales 0, 1, 2 on 50 held-out excerpts.
# Run by hand:  bench/latent-laws.sh MODEL [CORPORA, default oneills+ryans+nottingham]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bench_java -Xmx3g bench/LatentLaws.java "$@" 2>/dev/null
