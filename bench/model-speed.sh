#!/usr/bin/env bash
# Tunesmith's MusicVAE engine and counterpoint network against PyTorch references of the same
# architecture (bench/pytorch/music_vae.py, counterpoint.py; README there), on the same exported data.
#
#   bench/model-speed.sh [SECONDS] [REPEATS]                  training tokens/s (default 60 3)
#   bench/model-speed.sh loss vae|counterpoint TARGET BUDGET [THREADS]
#                                                             training seconds to a valid NLL per token
#                                                             (vae: reconstruction NLL per token, z = mu;
#                                                             counterpoint: NLL per voice-step), BUDGET s at most
#
# Speed: for each model and thread count (MODELS, THREADS; default "vae counterpoint", "1 2"), REPEATS
# rounds of Java then PyTorch, one after the other, never together; each run a fresh process that
# warms up (vae: 5 batches, counterpoint: 3) then trains SECONDS on the exported batches. Prints the
# median tokens/s of each side, the spread (min-max) and the ratio PyTorch/Java. Java: OpenBLAS at
# THREADS threads (BlasThreads.with), OMP_NUM_THREADS=1; PyTorch: OMP_NUM_THREADS, OPENBLAS_NUM_THREADS
# and torch.set_num_threads at THREADS. Benchmark on an idle machine (uptime, /proc/pressure/cpu).
# The exports (tunesmith.vae.VaeReference / tunesmith.counterpoint.CounterpointReference export) are made
# once into MODEL_SPEED_DIR (default bench/runs/model-speed); every run's output is kept in its logs/.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
PY="${PYTHON:-/usr/bin/python3}"
DIR="${MODEL_SPEED_DIR:-bench/runs/model-speed}"
mvn -B -o -q -pl dsl test-compile   # bench/src (the exporters and Java timers) is compiled with the tests
CP="dsl/target/test-classes:dsl/target/classes:$(cat dsl/target/classpath.txt)"
export MALLOC_ARENA_MAX=2
mkdir -p "$DIR/logs"

java_class() { case "$1" in vae) echo tunesmith.vae.VaeReference ;; counterpoint) echo tunesmith.counterpoint.CounterpointReference ;; esac; }
py_script() { echo "bench/pytorch/$([[ $1 == vae ]] && echo music_vae.py || echo counterpoint.py)"; }

export_if_missing() {
  if [[ ! -f "$DIR/$1/config.json" ]]; then
    echo "exporting $1 to $DIR/$1 ..."
    java -Xmx2g -cp "$CP" "$(java_class "$1")" export "$DIR/$1" > "$DIR/logs/export-$1.txt" 2>&1 || { tail -20 "$DIR/logs/export-$1.txt"; exit 1; }
    grep -i "exported" "$DIR/logs/export-$1.txt"
  fi
}

# result LOG: the RESULT line's tokens_per_s, or fail naming the log
result() {
  local r
  r=$(grep -o 'RESULT tokens_per_s=[0-9.]*' "$1" | cut -d= -f2) || true
  [[ -n "$r" ]] || { echo "no RESULT in $1:" >&2; tail -20 "$1" >&2; exit 1; }
  echo "$r"
}

# stats V...: "median min max" of the values
stats() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {m = NR % 2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2; printf "%.0f %.0f %.0f", m, v[1], v[NR]}'; }

if [[ "${1:-}" == "loss" ]]; then
  model="${2:?loss: give vae or counterpoint}" target="${3:?loss: give the target valid NLL}" budget="${4:?loss: give the budget in seconds}" threads="${5:-1}"
  [[ "$model" == vae || "$model" == counterpoint ]] || { echo "loss: model must be vae or counterpoint, not $model" >&2; exit 1; }
  export_if_missing "$model"
  stamp=$(date -u +%Y%m%dT%H%M%S)
  jlog="$DIR/logs/loss-$model-java-t$threads-$stamp.txt" plog="$DIR/logs/loss-$model-torch-t$threads-$stamp.txt"
  echo "== $model, Java, $threads thread(s): to valid NLL $target, $budget s at most ($jlog)"
  java -Xmx2g -cp "$CP" "$(java_class "$model")" loss "$DIR/$model" "$target" "$budget" "$threads" 2>&1 | tee "$jlog" | grep -E '^(java|EVAL|RESULT)'
  echo "== $model, PyTorch, $threads thread(s) ($plog)"
  torch_env "$PY" "$(py_script "$model")" loss "$DIR/$model" --target "$target" --budget "$budget" --threads "$threads" 2>&1 | tee "$plog" | grep -E '^(torch|EVAL|RESULT)'
  exit 0
fi

seconds="${1:-60}" repeats="${2:-3}"
models="${MODELS:-vae counterpoint}" threads_list="${THREADS:-1 2}"
for m in $models; do export_if_missing "$m"; done
summary=()
for m in $models; do
  for t in $threads_list; do
    j=() p=()
    for ((r = 1; r <= repeats; r++)); do
      jlog="$DIR/logs/speed-$m-java-t$t-r$r.txt" plog="$DIR/logs/speed-$m-torch-t$t-r$r.txt"
      java -Xmx2g -cp "$CP" "$(java_class "$m")" speed "$DIR/$m" "$seconds" "$t" > "$jlog" 2>&1 || true
      j+=("$(result "$jlog")")
      torch_env "$PY" "$(py_script "$m")" speed "$DIR/$m" --seconds "$seconds" --threads "$t" > "$plog" 2>&1 || true
      p+=("$(result "$plog")")
      echo "$m, $t thread(s), round $r: Java ${j[-1]}, PyTorch ${p[-1]} tokens/s (load $(cut -d' ' -f1 /proc/loadavg))"
    done
    read -r jm jlo jhi <<< "$(stats "${j[@]}")"
    read -r pm plo phi <<< "$(stats "${p[@]}")"
    summary+=("$(printf '%-13s %7s %9s %15s %9s %15s %7s' "$m" "$t" "$jm" "$jlo-$jhi" "$pm" "$plo-$phi" "$(awk -v a="$pm" -v b="$jm" 'BEGIN {printf "%.2f", a / b}')")")
  done
done
echo
echo "training tokens/s (vae: meter token + grid steps; counterpoint: voice-steps), median of $repeats runs of $seconds s"
printf '%-13s %7s %9s %15s %9s %15s %7s\n' model threads Java "Java min-max" PyTorch "PyTorch min-max" "PT/Java"
printf '%s\n' "${summary[@]}"
