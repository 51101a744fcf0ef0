#!/usr/bin/env bash
# The free-nats trade-off: trains three 2-bar MusicVAEs (defaults otherwise) at 16, 32 and 64 free nats
# for SECONDS each into bench/runs/musicvae-free-N/, then prints one table: free nats | KL | held-out
# sampled reconstruction accuracy (always-hold / repeat-previous baselines) | prior abc2midi share |
# prior pitch-class TV | interval TV | notes/bar (100 prior samples each, temperature 1, seed 1).
# Run by hand:  bench/musicvae-freenats.sh SECONDS [N]      (e.g. 1200; 20 checks the plumbing in ~5 minutes)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
[ $# -ge 1 ] || { echo "usage: bench/musicvae-freenats.sh SECONDS [N]" >&2; exit 2; }
models=()
for nats in 16 32 64; do
  out="bench/runs/musicvae-free-$nats"
  mkdir -p "$out"
  echo "== $nats free nats: training $1 s into $out (log: $out/train.log)"
  # the defaults (VaeConfig.DEFAULTS) but for the free nats; the test split is evaluated below, with the prior
  MUSICVAE_FREE_NATS="$nats" MUSICVAE_OUT="$out" MUSICVAE_EVAL=0 MALLOC_ARENA_MAX=2 bench_java -Xmx2g bench/MusicVaeBench.java "$1" > "$out/train.log" 2>&1
  tail -n 3 "$out/train.log"
  models+=("$out/model.tsm")
done
MALLOC_ARENA_MAX=2 bench_java -Xmx2g bench/MusicVaePrior.java --tradeoff "${models[@]}" "${2:-100}" | tee bench/runs/musicvae-freenats.txt
