# Sourced by the bench scripts: the repository root as working folder, the corpora
# ($TUNESMITH_CORPORA, else ../shared/corpora), one OpenMP thread (two made libnd4j 2.7x slower
# on 2 cores), the library built when needed, bench_java to run a benchmark against it, and
# bench_internal for the benchmarks in bench/src that need a package's internals.
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export TUNESMITH_CORPORA="${TUNESMITH_CORPORA:-$(cd .. && pwd)/shared/corpora}"
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
source scripts/openblas-core.sh   # OpenBLAS's AVX-512 kernels on AMD processors that have them
# torch_env COMMAND...: runs a PyTorch reference with the OpenBLAS core its own OpenBLAS picks
# (Debian's 0.3.21 knows these processors), not the one chosen above for ND4J's 0.3.19; or with
# TORCH_CORETYPE when that is set (to compare both sides on the same kernels).
torch_env() {
  if [[ -n "${TORCH_CORETYPE:-}" ]]; then OPENBLAS_CORETYPE="$TORCH_CORETYPE" "$@"; else env -u OPENBLAS_CORETYPE "$@"; fi
}
./scripts/tunesmith help > /dev/null   # builds the library (and dsl/target/classpath.txt) if needed
BENCH_CP="dsl/target/tunesmith-dsl.jar:$(cat dsl/target/classpath.txt)"

# bench_java [JAVA OPTIONS] bench/X.java|CLASS [ARGS]: java with the library and its dependencies on the class path
bench_java() { java -cp "$BENCH_CP" "$@"; }

# bench_internal [JAVA OPTIONS] CLASS [ARGS]: a benchmark of bench/src (compiled with the tests, in
# the package whose package-private parts it times: dsl/pom.xml, execution bench-compile)
bench_internal() {
  mvn -o -q -pl dsl test-compile
  java -cp "dsl/target/test-classes:dsl/target/classes:$(cat dsl/target/classpath.txt)" "$@"
}
