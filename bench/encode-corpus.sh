#!/usr/bin/env bash
# Encoding speed: O'Neill's and all three folk corpora through a latent model, then PCA and t-SNE
# of the codes (target: a whole folk corpus encoded in under 30 s on 2 cores).
# Run by hand:  bench/encode-corpus.sh [--model FILE] [--tsne-iterations N] [--out DIR]
# FILE is any model LatentModels.load reads (the recurrent VAE's, or LinearLatentModel.save's);
# without it the linear PCA baseline is fitted on O'Neill's and used.
set -euo pipefail
cd "$(dirname "$0")/.."
export TUNESMITH_CORPORA="${TUNESMITH_CORPORA:-$(cd .. && pwd)/shared/corpora}"
./scripts/tunesmith help > /dev/null   # builds the library if needed
OMP_NUM_THREADS=1 java -cp "dsl/target/tunesmith-dsl.jar:$(cat dsl/target/classpath.txt)" bench/EncodeCorpusBench.java "$@"
