#!/usr/bin/env bash
# Trains one model of the zoo (models/), seeded, with the settings it was published with:
#
#   bench/pretrain.sh NAME          NAME: folk-lstm | folk-musicvae | bach-satb
#
# Writes bench/runs/pretrain-NAME/ (model.tsm with the optimizer state, checkpoints/, history,
# test.json with the test-split figures, card.json with what the model card says of its origin).
# Interrupted (Ctrl-C, a reboot)? Run the same command again: it resumes from
# bench/runs/pretrain-NAME/checkpoints/last.tsm (weights, optimizer state, history); early
# stopping starts counting afresh. When done, a human checks test.json and takes the model in:
#
#   bench/zoo-add.sh NAME bench/runs/pretrain-NAME     (weights only to models/NAME.tsm, catalogue updated)
#
# Long: hours on 2 cores. Not run by CI. The settings are the variables below; change them here,
# so the command on the model card stays the one that made it.
set -euo pipefail
name="${1:-}"
export OMP_NUM_THREADS=1   # Deeplearning4j on 2 cores: one OpenMP thread measured 2.7x faster than two
source "$(dirname "$0")/lib.sh"

# ---- folk-lstm: an ABC-token LSTM (folk-rnn style) on O'Neill's + Ryan's + Nottingham, keys normalised to C
LSTM_CORPUS="oneills+ryans+nottingham"
LSTM_ENCODING="abc-in-c"
LSTM_LAYERS=2
LSTM_UNITS=512
LSTM_DROPOUT=0.5
LSTM_EPOCHS=200
LSTM_PATIENCE=4
LSTM_TBPTT=64            # truncated backpropagation in 64-token segments, the state carried across (whole tunes: 95 updates an epoch, too few)
LSTM_DECAY=0.9           # learning rate x0.9 per epoch: anneals before the 3k-tune corpus is overfitted
LSTM_TEST=0.05
LSTM_VALID=0.05
LSTM_SEED=42
LSTM_REGULAR_BARS=true   # train only on tunes whose bars abc2midi accepts (held-out tunes all kept)
LSTM_WHAT="Irish and English folk dance tunes (O'Neill's, Ryan's, Nottingham) as ABC tokens in C, one token at a time."

# ---- folk-musicvae: the 2-bar MusicVAE on the same corpora (split by tune: 90/5/5, seeded)
VAE_SECONDS=7200         # wall-clock training budget for one invocation (the published model: one invocation)
VAE_PATIENCE=10          # epochs without a better validation objective before it stops
VAE_LATENT=64
VAE_ENCODER=128          # the musicVae() defaults (VaeConfig.DEFAULTS)
VAE_DECODER=256
VAE_BATCH=64
VAE_SEED=42
VAE_WHAT="Two-bar excerpts of Irish and English folk tunes on the 16th-note grid, encoded to a 64-dimensional latent space and back."

# ---- bach-satb: the counterpoint encoder-decoder on the JSB chorales' standard split (229 train, 76 valid, 77 test)
SATB_SECONDS=7800        # wall-clock budget for one invocation; early stopping usually ends it first
SATB_PATIENCE=6
SATB_UNITS=192           # CounterpointConfig.DEFAULTS: 2 layers, heads of 96, dropout 0.3, batch 8, transpositions up to 5-6 semitones
SATB_LAYERS=2
SATB_RATE=0.002
SATB_WHAT="Bach's alto, tenor and bass under a soprano (JSB chorales, 16th grid): a bidirectional LSTM encoder and an LSTM decoder writing the three voices together."

resume_into() {  # resume_into VARIABLE RUN SECONDS: a run's last checkpoint (copied: the run rewrites checkpoints/) in VARIABLE
  local var="$1" out="$2" seconds="$3"
  if [[ -f "$out/checkpoints/last.tsm" ]]; then
    cp "$out/checkpoints/last.tsm" "$out/resume-from.tsm"
    export "$var=$out/resume-from.tsm"
    echo "pretrain: resuming from $out/checkpoints/last.tsm (another $seconds s at most)" >&2
  fi
}

machine() {
  echo "$(nproc --all) cores, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $(free -g | awk '/Mem:/{print $2}') GB, $(uname -sm)"
}

card() {  # card.json: what the model card says of the model's origin (bench/zoo-add.sh reads it)
  local out="$1" what="$2" corpus="$3" train="$4" valid="$5" seed="$6" training="" duplicates="${8:-grouped}"
  [[ -n "${7:-}" ]] && training=", \"training\": \"$7\", \"regular_training\": true"
  cat > "$out/card.json" <<JSON
{
  "what": "$what",
  "corpus": "$corpus",
  "split": {"train": $train, "valid": $valid, "seed": $seed, "duplicates": "$duplicates"$training},
  "command": "bench/pretrain.sh $name",
  "machine": "$(machine)"
}
JSON
}

case "$name" in
  folk-lstm)
    out=bench/runs/pretrain-folk-lstm
    mkdir -p "$out"
    resume=()
    if [[ -f "$out/checkpoints/last.tsm" ]]; then
      cp "$out/checkpoints/last.tsm" "$out/resume-from.tsm"   # the run rewrites checkpoints/ as it goes
      resume=(--resume "$out/resume-from.tsm")
      echo "pretrain: resuming from $out/checkpoints/last.tsm" >&2
    fi
    card "$out" "$LSTM_WHAT" "$LSTM_CORPUS" "$(awk "BEGIN{print 1-$LSTM_TEST-$LSTM_VALID}")" "$LSTM_VALID" "$LSTM_SEED" \
        "$([[ $LSTM_REGULAR_BARS == true ]] && echo "tunes with regular bars only")"
    ./scripts/tunesmith train --corpus "$LSTM_CORPUS" --model lstm --encoding "$LSTM_ENCODING" \
        --layers "$LSTM_LAYERS" --units "$LSTM_UNITS" --dropout "$LSTM_DROPOUT" --tbptt "$LSTM_TBPTT" --decay "$LSTM_DECAY" --epochs "$LSTM_EPOCHS" --patience "$LSTM_PATIENCE" \
        --test "$LSTM_TEST" --valid "$LSTM_VALID" --seed "$LSTM_SEED" --regular-bars "$LSTM_REGULAR_BARS" "${resume[@]}" --out "$out" 2>&1 | tee -a "$out/train.log"
    ;;
  folk-musicvae)
    out=bench/runs/pretrain-folk-musicvae
    mkdir -p "$out"
    resume_into MUSICVAE_RESUME "$out" "$VAE_SECONDS"
    card "$out" "$VAE_WHAT" "oneills+ryans+nottingham" 0.9 0.05 "$VAE_SEED"
    MUSICVAE_OUT="$out" MUSICVAE_SEED="$VAE_SEED" MUSICVAE_PATIENCE="$VAE_PATIENCE" bench/musicvae.sh "$VAE_SECONDS" "$VAE_LATENT" "$VAE_ENCODER" "$VAE_DECODER" "$VAE_BATCH" \
        2>&1 | tee -a "$out/train.log"
    ;;
  bach-satb)
    out=bench/runs/pretrain-bach-satb
    mkdir -p "$out"
    resume_into COUNTERPOINT_RESUME "$out" "$SATB_SECONDS"
    card "$out" "$SATB_WHAT" "jsb" 0.60 0.20 1 "" "the standard JSB split; 18 of its 77 test chorales set a melody of the training split (Chorales.unseenTest holds the other 59)"
    COUNTERPOINT_OUT="$out" COUNTERPOINT_PATIENCE="$SATB_PATIENCE" bench/counterpoint.sh "$SATB_SECONDS" "$SATB_UNITS" "$SATB_LAYERS" "$SATB_RATE" \
        2>&1 | tee -a "$out/train.log"
    ;;
  *)
    echo "usage: bench/pretrain.sh NAME   (NAME: folk-lstm, folk-musicvae or bach-satb)" >&2
    exit 1 ;;
esac
echo "pretrain: $out/model.tsm written; check $out/test.json, then: bench/zoo-add.sh $name $out"
