#!/usr/bin/env bash
# The LSTM speed bar: training tokens/s of the default 2x256 next-token LSTM (sequence 64, one-hot
# vocabulary of the synthetic folk-token set, ~140) with DL4J's LSTM layer and with our fused one,
# batch 32 and 128, OpenBLAS 1 and 2 threads, next to the PyTorch reference (bench/pytorch/folk_lstm.py,
# 1 and 2 threads) in the same run; then stateful sampling (rnnTimeStep) tokens/s at batch 1 and 16.
# One configuration at a time, each in its own JVM / Python process, OMP_NUM_THREADS=1 throughout
# (two OpenMP threads made DL4J 2.7x slower). Prints a table with ratios to PyTorch and the load
# average of each result. Run by hand on a machine as idle as you can get, never in CI:
#
#   bench/lstm-speed.sh [SECONDS per configuration, default 30]
set -euo pipefail
secs="${1:-30}"
export OMP_NUM_THREADS=1
source "$(dirname "$0")/lib.sh"
data="$(mktemp -d)"
trap 'rm -rf "$data"' EXIT
/usr/bin/python3 bench/pytorch/make_synthetic.py "$data" > /dev/null
vocab=$(wc -l < "$data/vocab.txt")
echo "vocabulary $vocab, sequence 64, 2x256, $secs s per configuration, $(getconf _NPROCESSORS_ONLN) cores"
results="$(mktemp)"
torch() {  # threads batch
  local out; out=$(mktemp)
  /usr/bin/python3 bench/pytorch/folk_lstm.py "$data" --layers 2 --units 256 --seq-len 64 --threads "$1" --batch "$2" \
      --seconds "$secs" --out "$out" > /dev/null 2>&1
  /usr/bin/python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print(f'train pytorch batch {sys.argv[3]} threads {sys.argv[2]}: {r[\"tokens_per_s\"]:.0f} tokens/s (load {open(\"/proc/loadavg\").read().split()[0]})')" "$out" "$1" "$2"
  rm -f "$out"
}
dl4j() { bench_java bench/LstmSpeed.java "$@" 2>/dev/null | grep tokens/s; }
for b in 32 128; do
  for t in 1 2; do torch "$t" "$b" | tee -a "$results"; done
  for impl in stock fused; do
    for t in 1 2; do dl4j train "$impl" "$b" "$secs" "$t" "$vocab" | tee -a "$results"; done
  done
done
for b in 1 16; do
  for impl in stock fused; do dl4j sample "$impl" "$b" "$secs" 1 "$vocab" | tee -a "$results"; done
done
echo
echo "| batch | configuration | tokens/s | vs PyTorch 1 thread | vs PyTorch 2 threads | load |"
echo "|---|---|---|---|---|---|"
/usr/bin/python3 - "$results" <<'EOF'
import re, sys
rows = [re.match(r"train (\w+) batch (\d+) (?:threads|blas) (\d+): (\d+) tokens/s \(load ([\d.]+)\)", l) for l in open(sys.argv[1])]
rows = [r.groups() for r in rows if r]
torch = {(b, t): float(v) for impl, b, t, v, _ in rows if impl == "pytorch"}
for impl, b, t, v, load in rows:
    name = {"pytorch": "PyTorch", "stock": "DL4J LSTM", "fused": "fused LSTM"}[impl]
    what = f"{name}, {t} thread{'s' if t != '1' else ''}" + ("" if impl == "pytorch" else " (OpenBLAS)")
    r1 = f"{float(v) / torch[(b, '1')]:.2f}" if (b, "1") in torch else "-"
    r2 = f"{float(v) / torch[(b, '2')]:.2f}" if (b, "2") in torch else "-"
    print(f"| {b} | {what} | {int(v):,} | {r1} | {r2} | {load} |")
EOF
echo
grep '^sample' "$results"
rm -f "$results"
