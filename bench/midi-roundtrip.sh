#!/usr/bin/env bash
# MIDI in against abc2midi: COUNT tunes (default 100) of O'Neill's, Ryan's and Nottingham written to MIDI by
# Debian's abc2midi and read back by MidiIn; notes equal (pitch, onset, length) to what the ABC means.
#
#   bench/midi-roundtrip.sh [COUNT]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bench_internal tunesmith.midi.MidiRoundTrip "$@"
