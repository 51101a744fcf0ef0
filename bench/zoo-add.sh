#!/usr/bin/env bash
# Takes a trained model into the zoo:   bench/zoo-add.sh NAME RUN_DIR
#
# RUN_DIR is what bench/pretrain.sh NAME wrote (model.tsm, card.json, test.json). Writes the
# weights without optimizer state to models/NAME.tsm and its card (corpus, split, configuration,
# command, training time, machine, test metrics, size, sha256) into models/catalogue.json,
# replacing an entry of the same name. Refuses a file over 25 MB or a models/ over 60 MB.
# Then commit models/NAME.tsm and models/catalogue.json.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
[[ $# -eq 2 ]] || { echo "usage: bench/zoo-add.sh NAME RUN_DIR   (e.g. bench/zoo-add.sh folk-lstm bench/runs/pretrain-folk-lstm)" >&2; exit 1; }
bench_java tunesmith.zoo.ZooAdd "$1" "$2" models
