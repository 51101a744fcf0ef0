#!/usr/bin/env bash
# The prior of a trained 2-bar MusicVAE scored beside its posterior: test-split reconstructions with the
# "always hold" / "repeat the previous step" baselines beside the accuracies, and N prior samples
# (z ~ N(0, I), temperature 1, seed 1 unless given) against the training excerpts: abc2midi's strict
# share, notes per bar, pitch-class / interval / note-length TV.
# Run by hand:  bench/musicvae-prior.sh MODEL.tsm [N] [TEMPERATURE|greedy] [SEED]      (N default 100)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
[ $# -ge 1 ] || { echo "usage: bench/musicvae-prior.sh MODEL.tsm [N] [TEMPERATURE|greedy] [SEED]" >&2; exit 2; }
MALLOC_ARENA_MAX=2 bench_java -Xmx2g bench/MusicVaePrior.java "$@"
