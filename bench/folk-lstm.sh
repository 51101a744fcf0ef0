#!/usr/bin/env bash
# The folk-model bar: Tunesmith's default ABC-token LSTM (Deeplearning4j) against a PyTorch
# reference of the same architecture, each trained for the same wall-clock time on this machine,
# on O'Neill's + Ryan's + Nottingham with a fixed seeded split (5% test). Run by hand, not in CI,
# on an otherwise idle machine:
#
#   bench/folk-lstm.sh [SECONDS]        (default 600 each)
#
# Writes bench/runs/folk-dl4j/ (model, history, loss.png, test.json), exports the very same split
# to bench/runs/folk-tokens/ and runs bench/pytorch/folk_lstm.py on it (bench/pytorch/setup.sh
# installs python3-torch and OpenBLAS from Debian).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-600}"
export TUNESMITH_CORPORA="${TUNESMITH_CORPORA:-$(cd .. && pwd)/shared/corpora}"
export OMP_NUM_THREADS=1   # measured best for DL4J on 2 cores (see DESIGN notes)
./scripts/tunesmith train --corpus oneills+ryans+nottingham --model lstm --seconds "$seconds" --epochs 1000 \
    --patience 1000 --test 0.05 --valid 0.05 --seed 42 --export-tokens bench/runs/folk-tokens --out bench/runs/folk-dl4j
unset OMP_NUM_THREADS
# same thread count as DL4J, one run after the other, on an idle machine (2 threads on a busy machine is far slower)
OMP_NUM_THREADS=1 /usr/bin/python3 bench/pytorch/folk_lstm.py bench/runs/folk-tokens --seconds "$seconds" --threads 1 --out bench/runs/folk-pytorch.json
echo "DL4J:    $(grep -E '"test_nll_nats"' bench/runs/folk-dl4j/test.json)"
echo "PyTorch: $(/usr/bin/python3 -c 'import json;print(json.load(open("bench/runs/folk-pytorch.json"))["test_nll_nats"])' 2>/dev/null || cat bench/runs/folk-pytorch.json)"
