#!/usr/bin/env bash
# Kernel start-up latency: time to kernel_info (ready) and to the result of a first DSL cell
# (load the starter corpus, show a tune), 5 runs, medians. Installs the kernel into a private
# Jupyter folder (bench/runs/jupyter). Usage: bench/kernel-startup.sh [RUNS]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
root="$PWD"
runs="${1:-5}"
build="$root/bench/runs/jupyter"
rm -rf "$build"
export JUPYTER_DATA_DIR="$build/data" JUPYTER_RUNTIME_DIR="$build/runtime" JUPYTER_CONFIG_DIR="$build/config"
JUPYTER=/usr/bin/jupyter "$root/scripts/tunesmith" kernel install --user --name tunesmith-bench >/dev/null
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc --all) cores"
/usr/bin/python3 "$root/bench/kernel_startup.py" tunesmith-bench "$runs" 2> "$build/kernel-stderr.log"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
