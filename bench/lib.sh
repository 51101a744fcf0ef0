# Sourced by the bench scripts: the repository root as working folder, the corpora
# ($TUNESMITH_CORPORA, else ../shared/corpora), one OpenMP thread (two made libnd4j 2.7x slower
# on 2 cores), the library built when needed, and bench_java to run a benchmark against it.
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export TUNESMITH_CORPORA="${TUNESMITH_CORPORA:-$(cd .. && pwd)/shared/corpora}"
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
./scripts/tunesmith help > /dev/null   # builds the library (and dsl/target/classpath.txt) if needed
BENCH_CP="dsl/target/tunesmith-dsl.jar:$(cat dsl/target/classpath.txt)"

# bench_java [JAVA OPTIONS] bench/X.java|CLASS [ARGS]: java with the library and its dependencies on the class path
bench_java() { java -cp "$BENCH_CP" "$@"; }
