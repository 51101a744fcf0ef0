#!/usr/bin/env bash
# Chords as a conditioning input, on Nottingham (grouped split 90/5/5): trains the chord-conditioned
# grid LSTM, then measures chord tones on strong beats in its samples over the held-out tunes'
# progressions against the corpus's own share, and the chord-suggesting HMM against baselines.
# Run by hand, not in CI:
#
#   bench/chords.sh train [SECONDS] [LAYERS UNITS]   (default 4200 s, 2x256; writes bench/runs/chords/)
#   bench/chords.sh resume [SECONDS]                 (more epochs from bench/runs/chords/checkpoints/last.tsm)
#   bench/chords.sh measure [MODEL] [TEMPERATURES]   (default bench/runs/chords/model.tsm at 1.0,0.8)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
mkdir -p bench/runs
case "${1:-measure}" in
  train)
    # from a copy of the library, so a rebuild during the hour of training cannot change classes under it
    mkdir -p bench/runs/chords && cp dsl/target/tunesmith-dsl.jar bench/runs/chords/library.jar
    nice -n 19 java -cp "bench/runs/chords/library.jar:$(cat dsl/target/classpath.txt)" bench/Chords.java train bench/runs/chords "${2:-4200}" "${3:-2}" "${4:-256}" ;;
  resume)
    mkdir -p bench/runs/chords && cp dsl/target/tunesmith-dsl.jar bench/runs/chords/library.jar
    nice -n 19 java -cp "bench/runs/chords/library.jar:$(cat dsl/target/classpath.txt)" bench/Chords.java resume bench/runs/chords "${2:-1800}" ;;
  measure) nice -n 19 java -cp "$BENCH_CP" bench/Chords.java measure "${2:-bench/runs/chords/model.tsm}" "${3:-1.0,0.8}" ;;
  *) echo "usage: bench/chords.sh train [SECONDS] [LAYERS UNITS] | resume [SECONDS] | measure [MODEL] [TEMPERATURES]" >&2; exit 1 ;;
esac
