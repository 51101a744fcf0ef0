#!/usr/bin/env bash
# Time to quality: the validation NLL the fused DL4J LSTM and the PyTorch reference reach on the folk
# split in the same number of minutes, run one after the other, each alone with the same cores and
# thread count, optimisation matched (per-layer clipping at DL4J's gradient scale): bench/folk-lstm.sh
# in its sequential mode. Run by hand on an idle machine, never in CI:
#
#   bench/folk-quality.sh [MINUTES, default 30] [THREADS, default all cores]
set -euo pipefail
minutes="${1:-30}"
seconds=$(awk -v m="$minutes" 'BEGIN { s = int(m * 60 + 0.5); if (s < 1) s = 1; print s }')
exec "$(dirname "$0")/folk-lstm.sh" "$seconds" sequential "${2:-$(getconf _NPROCESSORS_ONLN)}"
