#!/usr/bin/env bash
# Sample quality of a trained melody model: 100 samples at temperature 1.0, valid-ABC and
# bar-length shares, plagiarism. Usage: bench/sample-quality.sh MODEL.tsm [CORPUS]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bench_java bench/SampleQuality.java "$@"
