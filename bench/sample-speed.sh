#!/usr/bin/env bash
# Sampling speed as users get it: model.sample() one tune at a time (batch 1, temperature 1.0),
# with each rule set, in tokens/s. Complements bench/lstm-speed.sh's network-only step figures.
# Run by hand:  bench/sample-speed.sh MODEL [SECONDS per rule set, default 20]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bench_java bench/SampleSpeed.java "$@" 2>/dev/null
