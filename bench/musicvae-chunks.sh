#!/usr/bin/env bash
# The 2-bar MusicVAE bar in chunks: several processes, each training CHUNK seconds and saving, the
# next resuming the saved model exactly (weights, Adam's moments, batch count); the last chunk
# evaluates the test split. Written when SameDiff training leaked ~70 MB of native memory per batch;
# the engine that replaced it (VaeNet) holds its memory flat, so one bench/musicvae.sh run does now.
# Run by hand:  bench/musicvae-chunks.sh CHUNKS CHUNK_SECONDS [bench/musicvae.sh arguments after SECONDS]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
chunks="${1:-4}"; chunk="${2:-400}"; shift 2 || true
model=bench/runs/musicvae/model.tsm
for ((i = 1; i <= chunks; i++)); do
  echo "== chunk $i of $chunks, $(date -u +%H:%M:%S), load $(cut -d' ' -f1-3 /proc/loadavg)"
  eval_flag=0; [[ $i -eq $chunks ]] && eval_flag=1
  if [[ $i -eq 1 ]]; then MUSICVAE_EVAL=$eval_flag MUSICVAE_RESUME= bench/musicvae.sh "$chunk" "$@"
  else MUSICVAE_EVAL=$eval_flag MUSICVAE_RESUME="$model" bench/musicvae.sh "$chunk"; fi
done
