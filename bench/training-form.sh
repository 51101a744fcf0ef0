#!/usr/bin/env bash
# The folk corpora as read and in training form, judged by abc2midi -c (Debian abcmidi), and their
# duplicate groups: bench/training-form.sh [CORPUS...]   (default oneills ryans nottingham)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bench_java bench/TrainingForm.java "$@"
