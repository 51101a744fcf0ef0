#!/bin/sh
# Installs the PyTorch reference's only dependencies from Debian (bookworm: torch 1.13.1).
# libopenblas0-openmp makes /usr/lib/.../libblas.so.3 (which Debian's torch links against,
# BLAS_INFO=generic) point at OpenBLAS built with OpenMP, instead of the slow reference BLAS,
# and OpenMP matches torch's own parallel backend, so one thread count governs both.
# Run as root; use /usr/bin/python3 afterwards (a pyenv python will not see Debian's torch).
set -e
apt-get update
apt-get install -y python3-torch libopenblas0-openmp
