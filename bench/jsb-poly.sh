#!/usr/bin/env bash
# JSB chorales (quarter-note grid, standard split): frame-level test NLL of Tunesmith's polyphonic
# LSTM (Deeplearning4j) next to the PyTorch reference (bench/pytorch/jsb_poly.py), same units,
# same wall-clock budget. Run by hand on an idle machine:  bench/jsb-poly.sh [SECONDS] [UNITS] [LAYERS]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
seconds="${1:-300}"; units="${2:-128}"; layers="${3:-1}"
json="$TUNESMITH_CORPORA/jsb-chorales/jsb-chorales-quarter.json"
echo "== Deeplearning4j"
bench_java bench/JsbPoly.java "$json" "$seconds" "$units" "$layers"
echo "== PyTorch"
/usr/bin/python3 bench/pytorch/jsb_poly.py "$json" --seconds "$seconds" --units "$units" --layers "$layers" --dropout 0 --lr 0.003 --batch 16 --patience 10
