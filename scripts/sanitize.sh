#!/bin/sh
# Runs the test suite under a sanitizer:
#   scripts/sanitize.sh asan     # AddressSanitizer, in .build-asan
#   scripts/sanitize.sh tsan     # ThreadSanitizer (the engine's 2-thread GEMM), in .build-tsan
# Extra arguments go to `swift test` (e.g. --filter EngineTests); SCRATCH=DIR builds in DIR instead.
set -eu
cd "$(dirname "$0")/.."
kind=${1:?usage: scripts/sanitize.sh asan|tsan [swift test options]}
shift
case $kind in
    asan)
        # Leaks are not checked: LeakSanitizer reads Swift enums that keep their case in a pointer's
        # spare bits as lost memory.
        export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=1}
        exec swift test -Xswiftc -sanitize=address --scratch-path "${SCRATCH:-.build-asan}" "$@" ;;
    tsan)
        export TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1}
        # The two speed self-checks expect 50 GFLOPS of the matrix kernel; ThreadSanitizer's
        # instrumentation of every load and store brings it to about 11.
        exec swift test -Xswiftc -sanitize=thread --scratch-path "${SCRATCH:-.build-tsan}" \
            --skip 'testSelfCheckPassesOnThisBuild|testSelfCheckExpectsTheCompiledKernel' "$@" ;;
    *)
        echo "unknown sanitizer '$kind': asan or tsan" >&2
        exit 2 ;;
esac
