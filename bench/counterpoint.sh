#!/usr/bin/env bash
# Counterpoint (soprano in; alto, tenor, bass out) on the JSB chorales' standard split: per-voice
# test accuracy and NLL against the trivial baselines, ranges and parallels beside Bach's.
# Run by hand:  bench/counterpoint.sh [SECONDS per voice] [UNITS] [LAYERS] [RATE]   (default 240 64 2 0.005)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bench_java bench/CounterpointBench.java "${1:-240}" "${2:-64}" "${3:-2}" "${4:-0.005}"
