#!/usr/bin/env bash
# Counterpoint (soprano in; alto, tenor, bass out) on the JSB chorales' standard split: the
# encoder-decoder trained (early stopping on valid), then the test-split table: per-voice NLL and
# accuracy per step and on onsets beside the trivial baselines; voice leading of its settings
# (beam, greedy, sampled; each with and without rules) beside the interval baseline and Bach.
# Run by hand:  bench/counterpoint.sh [SECONDS] [UNITS] [LAYERS] [RATE]   (default 600 192 2 0.002)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bench_java bench/CounterpointBench.java "${1:-600}" "${2:-192}" "${3:-2}" "${4:-0.002}"
