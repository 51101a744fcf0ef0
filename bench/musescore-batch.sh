#!/usr/bin/env bash
# MuseScore's start-up against its work: the starter tunes' MusicXML (tunesmith convert --to musicxml)
# turned into MIDI by Debian's musescore3, one run per file, then all files in one run through its
# job file (-j), as MuseScoreTest runs it. Prints wall-clock and processor seconds of each way.
# Run by hand:  nice -n 19 bench/musescore-batch.sh   (needs musescore3 on the PATH)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
./scripts/tunesmith convert corpora/starter.abc --to musicxml --out "$work/xml" > /dev/null
# headless, with a HOME and XDG folders of its own
export QT_QPA_PLATFORM=offscreen HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_DATA_HOME="$work/home/.local/share" \
  XDG_CACHE_HOME="$work/home/.cache" XDG_RUNTIME_DIR="$work/runtime"
mkdir -p "$HOME" "$XDG_RUNTIME_DIR" "$work/each" "$work/all"
chmod 700 "$XDG_RUNTIME_DIR"
files=("$work"/xml/*.musicxml)
musescore3 -o "$work/warm.mid" "${files[0]}" 2> /dev/null   # first start: settings and caches made once
TIMEFORMAT='%R %U %S'
each=$( { time for f in "${files[@]}"; do
  b="$(basename "$f" .musicxml)"; musescore3 -o "$work/each/$b.mid" "$f" 2> /dev/null; done; } 2>&1 )
{ printf '['; sep=''
  for f in "${files[@]}"; do printf '%s{"in":"%s","out":"%s"}' "$sep" "$f" "$work/all/$(basename "$f" .musicxml).mid"; sep=','; done
  printf ']\n'; } > "$work/jobs.json"
all=$( { time musescore3 -j "$work/jobs.json" 2> /dev/null; } 2>&1 )
read -r w1 u1 s1 <<< "$each"
read -r w2 u2 s2 <<< "$all"
echo "musescore3 $(dpkg-query -W -f '${Version}' musescore3 2>/dev/null || echo '?'), ${#files[@]} starter tunes to MIDI"
awk -v w="$w1" -v u="$u1" -v s="$s1" 'BEGIN { printf "one run per file: %.1f s wall, %.1f s processor\n", w, u + s }'
awk -v w="$w2" -v u="$u2" -v s="$s2" 'BEGIN { printf "one run for all:  %.1f s wall, %.1f s processor\n", w, u + s }'
