#!/bin/sh
# tests/fuzz/run.sh [SECONDS]: builds the libFuzzer targets (clang++, ASan + UBSan) in
# build/fuzz (or $BCSIM_FUZZ_BUILD_DIR) when needed, runs each for SECONDS (default 30) on a seed
# corpus copied from scenarios/ and fixtures/worlds/ (plus what earlier runs found), then runs
# the committed regression corpus (tests/fuzz/corpus/regression) in full through each target.
# Exit status: non-zero on any crash, leak, timeout (10 s) or memory blow-up (2 GiB) in either.
set -eu
seconds=${1:-30}
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${BCSIM_FUZZ_BUILD_DIR:-$root/build/fuzz}
targets="scenario_reader world_loader dispatch"

if [ ! -f "$build/build.ninja" ]; then
  cmake -S "$root" -B "$build" -G Ninja \
    -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DBCSIM_FUZZ=ON -DBCSIM_BUILD_BENCH=OFF \
    -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer"
fi
cmake --build "$build" -j2 --target $(for t in $targets; do printf 'bcsim_fuzz_%s ' "$t"; done)

status=0
for t in $targets; do
  bin="$build/tests/fuzz/bcsim_fuzz_$t"
  corpus="$build/fuzz-corpus/$t"
  artifacts="$build/fuzz-artifacts"
  mkdir -p "$corpus" "$artifacts"
  if [ "$t" = dispatch ]; then
    # Raw HTTP requests: the committed seeds are also its regression corpus.
    regression="$root/tests/fuzz/corpus/dispatch"
    cp "$regression"/* "$corpus/"
  else
    regression="$root/tests/fuzz/corpus/regression"
    # Seeds from the repository, copied at run time (never duplicated in git).
    for f in "$root"/scenarios/*.yaml "$root"/fixtures/worlds/*.yaml \
             "$root"/tests/integration/scenarios/*.yaml; do
      [ -f "$f" ] && cp "$f" "$corpus/seed-$(basename "$f")"
    done
  fi
  echo "== fuzz $t for ${seconds}s"
  if ! "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -print_final_stats=1 -artifact_prefix="$artifacts/$t-" "$corpus"; then
    echo "FAIL: $t crashed while fuzzing; the input is in $artifacts" >&2
    status=1
  fi
  echo "== regression corpus through $t"
  if ! "$bin" -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$artifacts/$t-regression-" \
        "$regression"/*; then
    echo "FAIL: $t crashed on the regression corpus" >&2
    status=1
  fi
done
exit $status
