#!/bin/sh
# Training speed of the folk reference (2x256, seq_len 64) for threads 1/2 x batch 32/64:
# prints tokens/s per setting. Each run trains SECONDS of wall clock on DATA.
#   sh bench/pytorch/speed.sh DATA_DIR [SECONDS]
# The machine must be otherwise idle: with other processes competing for the 2 cores,
# OpenMP's 2-thread runs collapse (threads wait at barriers for a descheduled partner), so the
# load average and CPU pressure are printed with every result.
set -e
data=$1; secs=${2:-60}
here=$(dirname "$0")
for t in 1 2; do
  for b in 32 64; do
    out=$(mktemp)
    /usr/bin/python3 "$here/folk_lstm.py" "$data" --layers 2 --units 256 --seq-len 64 \
      --threads $t --batch $b --seconds "$secs" --out "$out" >/dev/null 2>&1
    /usr/bin/python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print(f'threads {sys.argv[2]} batch {sys.argv[3]}: {r[\"tokens_per_s\"]:.0f} tokens/s')" "$out" $t $b
    rm -f "$out"
    echo "  load $(cut -d' ' -f1-3 /proc/loadavg), cpu pressure $(head -1 /proc/pressure/cpu 2>/dev/null | cut -d' ' -f2-3)"
  done
done
