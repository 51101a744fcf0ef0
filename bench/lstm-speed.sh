#!/usr/bin/env bash
# The LSTM speed bar, symmetric: Tunesmith's fused LSTM (bench/FairLstm.java: the network
# tunesmith.model.Networks builds for LstmConfig.DEFAULTS, trained by fit() under BlasThreads.with as
# the trainer runs it) against the PyTorch 1.13 reference (bench/pytorch/fair_lstm.py: the same
# 2x256 model, dropout placement, loss scale, ClipL2PerLayer clipping, Adam and TBPTT), on the SAME
# token batches, exported once from the folk split:
#   windows  4,096 windows of 65 real tokens (64 inputs + shifted targets), no masks, one update a batch
#   padded   whole training tunes batched as Batches.plan batches epoch 1, padded and masked, TBPTT 64
#   sample   batch 1 stateful sampling, argmax fed back (Java: the Stepper; PyTorch: nn.LSTM with its state)
# For every mode x batch (32, 128) x threads (1, 2): R repeats of S seconds a side, each run its own
# process, the sides one after the other (never together), alternating which goes first. Prints a
# table: median tokens/s per side, the spread (min-max) and fused/PyTorch of the medians.
# OMP_NUM_THREADS=1 for Java (OpenBLAS threads via BlasThreads.with); PyTorch sets
# OMP_NUM_THREADS/OPENBLAS_NUM_THREADS and torch.set_num_threads to the thread count.
# Run by hand on a machine as idle as you can get, never in CI:
#
#   bench/lstm-speed.sh [SECONDS per run, default 20] [REPEATS, default 3]
#
# Environment: MODES ("windows padded sample"), BATCHES ("32 128"), THREADS ("1 2"),
# WARMUP (batches before the clock, default 10 for windows, 2 for padded: a padded batch of
# 128 tunes is ~20 updates), RESULTS (keep the raw RESULT lines in this file).
# The folk split comes from bench/runs/folk-tokens (exported by bench/folk-lstm.sh, or here by a
# 1-second `tunesmith train --export-tokens` when missing); the batches go to bench/runs/fair-lstm.
set -euo pipefail
secs="${1:-20}"
repeats="${2:-3}"
modes="${MODES:-windows padded sample}"
batches="${BATCHES:-32 128}"
threads="${THREADS:-1 2}"
export OMP_NUM_THREADS=1
source "$(dirname "$0")/lib.sh"
split=bench/runs/folk-tokens data=bench/runs/fair-lstm
if [[ ! -f $split/train.txt ]]; then
  echo "exporting the folk split to $split (a 1-second training run)" >&2
  ./scripts/tunesmith train --corpus oneills+ryans+nottingham --model lstm --seconds 1 --epochs 1 --test 0.05 --valid 0.05 \
      --seed 42 --export-tokens "$split" --out bench/runs/fair-lstm-export --force > /dev/null
fi
# shellcheck disable=SC2086
bench_java bench/FairLstm.java export "$split" "$data" 4096 $batches 2>/dev/null
results="${RESULTS:-$(mktemp)}"
: > "$results"
echo "$(getconf _NPROCESSORS_ONLN) cores, $secs s x $repeats per configuration and side, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "OpenBLAS core: Java ${OPENBLAS_CORETYPE:-as detected}, PyTorch ${TORCH_CORETYPE:-as its OpenBLAS detects}"

java_run() { bench_java bench/FairLstm.java "$@" fused 2>/dev/null | grep '^RESULT' || echo "failed: java $*" >&2; }
torch_run() { torch_env /usr/bin/python3 bench/pytorch/fair_lstm.py "$@" 2>/dev/null | grep '^RESULT' || echo "failed: pytorch $*" >&2; }
one() {  # MODE BATCH THREADS WARMUP: the repeats, alternating which side goes first
  local kind=$1 what=train b=$2 t=$3 w=$4
  if [[ $kind == sample ]]; then what=sample kind=- b=1; fi
  for ((r = 1; r <= repeats; r++)); do
    if ((r % 2)); then order="java_run torch_run"; else order="torch_run java_run"; fi
    for side in $order; do
      line=$($side "$what" "$kind" "$data" "$b" "$secs" "$t" "$w") || true
      [[ -n $line ]] && echo "$line" | tee -a "$results" | sed 's/^RESULT /  /' >&2
    done
  done
}
for mode in $modes; do
  for t in $threads; do
    case "$mode" in
      windows) for b in $batches; do one windows "$b" "$t" "${WARMUP:-10}"; done ;;
      padded) for b in $batches; do one padded "$b" "$t" "${WARMUP:-2}"; done ;;
      sample) one sample 1 "$t" 200 ;;
      *) echo "MODES: windows, padded, sample; not $mode" >&2; exit 1 ;;
    esac
  done
done
echo
/usr/bin/python3 - "$results" <<'EOF'
import json, statistics, sys
rows = [json.loads(l[len("RESULT "):]) for l in open(sys.argv[1]) if l.startswith("RESULT ")]
keys = sorted({(r["mode"], r["batch"], r["threads"]) for r in rows},
              key=lambda k: (["windows", "padded", "sample"].index(k[0]), k[1], k[2]))
print("| mode | batch | threads | fused tokens/s, median (min-max) | PyTorch tokens/s, median (min-max) | fused / PyTorch | runs | max load |")
print("|---|---|---|---|---|---|---|---|")
for k in keys:
    cell, med = {}, {}
    for side in ("fused", "pytorch"):
        v = [r["tokens_per_s"] for r in rows if (r["mode"], r["batch"], r["threads"]) == k and r["side"] == side]
        if v:
            med[side] = statistics.median(v)
            cell[side] = f"{med[side]:,.0f} ({min(v):,.0f}-{max(v):,.0f})"
    n = sum(1 for r in rows if (r["mode"], r["batch"], r["threads"]) == k)
    load = max(max(float(r["load_before"]), float(r["load_after"])) for r in rows if (r["mode"], r["batch"], r["threads"]) == k)
    ratio = f"{med['fused'] / med['pytorch']:.2f}" if len(med) == 2 else "-"
    print(f"| {k[0]} | {k[1]} | {k[2]} | {cell.get('fused', '-')} | {cell.get('pytorch', '-')} | {ratio} | {n} | {load:.1f} |")
EOF
[[ -n ${RESULTS:-} ]] || rm -f "$results"
