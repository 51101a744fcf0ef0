#!/usr/bin/env bash
# The folk-model bar: Tunesmith's default ABC-token LSTM (Deeplearning4j) against a PyTorch
# reference of the same architecture, each trained for the same wall-clock time on this machine,
# on O'Neill's + Ryan's + Nottingham with a fixed seeded split (5% test). Run by hand, not in CI:
#
#   bench/folk-lstm.sh [SECONDS] [sequential|side-by-side]     (default 600 s, sequential)
#
# sequential: one after the other on an otherwise idle machine, one thread each.
# side-by-side: both at once, each pinned to its own core with one thread (taskset), so both see
#   the same machine over the same minutes; this is how long runs fit in a working session.
#
# Writes bench/runs/folk-dl4j/ (model, history, loss.png, test.json), exports the very same split
# to bench/runs/folk-tokens/ and runs bench/pytorch/folk_lstm.py on it (bench/pytorch/setup.sh
# installs python3-torch and OpenBLAS from Debian).
set -euo pipefail
seconds="${1:-600}"
mode="${2:-sequential}"
source "$(dirname "$0")/lib.sh"   # builds first, so the clock starts with training
mkdir -p bench/runs
dl4j() {
  OMP_NUM_THREADS=1 $1 ./scripts/tunesmith train --corpus oneills+ryans+nottingham --model lstm --seconds "$seconds" --epochs 1000 \
      --patience 1000 --test 0.05 --valid 0.05 --seed 42 --export-tokens "$2" --out bench/runs/folk-dl4j
}
torch() {
  OMP_NUM_THREADS=1 $1 /usr/bin/python3 bench/pytorch/folk_lstm.py bench/runs/folk-tokens --seconds "$seconds" --threads 1 \
      --out bench/runs/folk-pytorch.json
}
case "$mode" in
  sequential) dl4j "" bench/runs/folk-tokens ; torch "" ;;
  side-by-side)
    # the export is deterministic (seeded split); make it once so PyTorch can start at once
    [[ -f bench/runs/folk-tokens/train.txt ]] || { echo "run once sequentially first to export the split" >&2; exit 1; }
    # DL4J exports its split beside the one PyTorch reads, and the two must be the same
    dl4j "taskset -c 0" bench/runs/folk-tokens-again > bench/runs/folk-dl4j.log 2>&1 &
    torch "taskset -c 1" > bench/runs/folk-pytorch.log 2>&1 &
    wait
    for f in vocab train valid test; do
      cmp -s "bench/runs/folk-tokens/$f.txt" "bench/runs/folk-tokens-again/$f.txt" || { echo "split differs: $f.txt" >&2; exit 1; }
    done ;;
  *) echo "mode: sequential or side-by-side, not $mode" >&2; exit 1 ;;
esac
echo "DL4J:    $(grep -E '"test_nll_nats"' bench/runs/folk-dl4j/test.json)"
echo "PyTorch: $(/usr/bin/python3 -c 'import json;print(json.load(open("bench/runs/folk-pytorch.json"))["test_nll_nats"])' 2>/dev/null || cat bench/runs/folk-pytorch.json)"
