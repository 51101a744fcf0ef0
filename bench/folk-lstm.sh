#!/usr/bin/env bash
# The folk-model bar: Tunesmith's default ABC-token LSTM (Deeplearning4j, fused layer) against a
# PyTorch reference of the same architecture, each trained for the same wall-clock time on this
# machine, on O'Neill's + Ryan's + Nottingham with a fixed seeded split (5% test, 5% valid). Run by
# hand, not in CI:
#
#   bench/folk-lstm.sh [SECONDS] [sequential|side-by-side] [THREADS]    (default 600 s, sequential, all cores)
#
# sequential: DL4J, then PyTorch, each alone on the machine with the same cores (taskset 0..THREADS-1)
#   and thread count: DL4J's trainer gives OpenBLAS a thread per core it may use
#   (BlasThreads.training()), PyTorch gets --threads THREADS. The fair comparison.
# side-by-side: both at once, each pinned to its own core with one thread (taskset), so both see
#   the same machine over the same minutes; it fits long runs in a working session, but each side's
#   speed then depends on what the other does with the memory bus and caches: not for speed claims.
# Both modes match the optimisation: PyTorch clips per layer (DL4J's ClipL2PerLayer, 5) a gradient
# at DL4J's scale (the loss summed over the real targets, divided by the batch) with one bias per
# gate (--clip-mode layer --loss-scale batch --single-bias 1; see bench/pytorch/folk_lstm.py).
# Afterwards: per side, the best validation NLL and when it was reached, epochs, tokens/s and the
# test NLL of the best weights. bench/folk-quality.sh MINUTES runs the sequential mode.
#
# Writes bench/runs/folk-dl4j/ (model, history, loss.png, test.json), exports the very same split
# to bench/runs/folk-tokens/ and runs bench/pytorch/folk_lstm.py on it (bench/pytorch/setup.sh
# installs python3-torch and OpenBLAS from Debian).
set -euo pipefail
seconds="${1:-600}"
mode="${2:-sequential}"
threads="${3:-$(getconf _NPROCESSORS_ONLN)}"
source "$(dirname "$0")/lib.sh"   # builds first, so the clock starts with training
mkdir -p bench/runs
matched=(--clip-mode layer --loss-scale batch --single-bias 1)
dl4j() {  # PREFIX EXPORT_DIR
  OMP_NUM_THREADS=1 $1 ./scripts/tunesmith train --corpus oneills+ryans+nottingham --model lstm --seconds "$seconds" --epochs 1000 \
      --patience 1000 --test 0.05 --valid 0.05 --seed 42 --export-tokens "$2" --out bench/runs/folk-dl4j --force
}
torch() {  # PREFIX THREADS
  torch_env $1 /usr/bin/python3 bench/pytorch/folk_lstm.py bench/runs/folk-tokens --seconds "$seconds" --threads "$2" "${matched[@]}" \
      --out bench/runs/folk-pytorch.json
}
case "$mode" in
  sequential)
    cores="taskset -c 0-$((threads - 1))"
    echo "DL4J: $seconds s on $threads core(s)"
    dl4j "$cores" bench/runs/folk-tokens > bench/runs/folk-dl4j.log 2>&1
    echo "PyTorch: $seconds s on $threads core(s), $threads thread(s)"
    torch "$cores" "$threads" > bench/runs/folk-pytorch.log 2>&1 ;;
  side-by-side)
    # the export is deterministic (seeded split); make it once so PyTorch can start at once
    [[ -f bench/runs/folk-tokens/train.txt ]] || { echo "run once sequentially first to export the split" >&2; exit 1; }
    # DL4J exports its split beside the one PyTorch reads, and the two must be the same
    dl4j "taskset -c 0" bench/runs/folk-tokens-again > bench/runs/folk-dl4j.log 2>&1 &
    OMP_NUM_THREADS=1 torch "taskset -c 1" 1 > bench/runs/folk-pytorch.log 2>&1 &
    wait
    for f in vocab train valid test; do
      cmp -s "bench/runs/folk-tokens/$f.txt" "bench/runs/folk-tokens-again/$f.txt" || { echo "split differs: $f.txt" >&2; exit 1; }
    done ;;
  *) echo "mode: sequential or side-by-side, not $mode" >&2; exit 1 ;;
esac
/usr/bin/python3 - bench/runs/folk-dl4j bench/runs/folk-pytorch.json bench/runs/folk-tokens/train.txt "$seconds" <<'EOF'
import csv, json, sys
dl4j, torch, budget = sys.argv[1], json.load(open(sys.argv[2])), sys.argv[4]
targets = sum(len(l.split()) - 1 for l in open(sys.argv[3]) if l.strip())  # target tokens of an epoch
rows = list(csv.DictReader(open(dl4j + "/history.csv")))
test, elapsed, tokens = json.load(open(dl4j + "/test.json")), 0.0, 0.0
for r in rows:  # per epoch: seconds (evaluation included) and tokens/s over them; the clock is their running sum
    elapsed += float(r["seconds"])
    tokens += float(r["tokens_per_second"]) * float(r["seconds"])
    r["elapsed"] = elapsed
jb = min(rows, key=lambda r: float(r["valid_loss"]))
pb = min(torch["history"], key=lambda r: r["valid_nll"])
print("| side | budget s | epochs | tokens/s (evaluation included) | best valid NLL (epoch, at s) | last valid NLL | test NLL (best weights) |")
print("|---|---|---|---|---|---|---|")
print(f"| fused DL4J | {budget} | {tokens / targets:.2f} | {tokens / elapsed:,.0f} | {float(jb['valid_loss']):.4f} ({jb['epoch']}, {jb['elapsed']:.0f}) "
      f"| {float(rows[-1]['valid_loss']):.4f} | {test['test_nll_nats']:.4f} |")
print(f"| PyTorch | {budget} | {torch['epochs_done']:.2f} | {torch['train_tokens_seen'] / torch['seconds_total']:,.0f} "
      f"| {pb['valid_nll']:.4f} ({pb['epoch']}, {pb['elapsed']:.0f}) | {torch['history'][-1]['valid_nll']:.4f} | {torch['test_nll_nats']:.4f} |")
EOF
