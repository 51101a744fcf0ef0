#!/usr/bin/env bash
# Encoding speed: O'Neill's and all three folk corpora through a latent model, then PCA and t-SNE
# of the codes (target: a whole folk corpus encoded in under 30 s on 2 cores).
# Run by hand:  bench/encode-corpus.sh [--model FILE] [--tsne-iterations N] [--out DIR]
# FILE is any model LatentModels.load reads (the recurrent VAE's, or LinearLatentModel.save's);
# without it the linear PCA baseline is fitted on O'Neill's and used.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bench_java bench/EncodeCorpusBench.java "$@"
