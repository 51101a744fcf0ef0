# Sourced by the launchers (scripts/tunesmith, bench/lib.sh). OpenBLAS 0.3.19, the one ND4J
# 1.0.0-M2.1 bundles, predates AMD's AVX-512 processors (Zen 4 on) and runs them on its AVX2 "Zen"
# kernels; its AVX-512 "SkylakeX" kernels (which need F, CD, BW, DQ and VL, all there) trained the
# 2x256 LSTM 7-8% faster (docs/measurements.md), and newer OpenBLAS picks AVX-512 kernels on these
# processors itself. OpenBLAS reads the variable once, when it loads, so it is set before the JVM
# starts; a core the user chose is kept. Intel's AVX-512 processors 0.3.19 already recognises.
if [[ -z "${OPENBLAS_CORETYPE:-}" ]] && grep -qm1 AuthenticAMD /proc/cpuinfo 2>/dev/null; then
  _flags=" $(grep -m1 '^flags' /proc/cpuinfo) "
  if [[ $_flags == *" avx512f "* && $_flags == *" avx512cd "* && $_flags == *" avx512bw "* \
        && $_flags == *" avx512dq "* && $_flags == *" avx512vl "* ]]; then
    export OPENBLAS_CORETYPE=SkylakeX
  fi
  unset _flags
fi
