#!/bin/sh
# Fuzzes one target with libFuzzer for a given time, starting from the committed seed corpus.
#   Fuzz/run.sh lesson 600      # parse → validate → render of a lesson
#   Fuzz/run.sh answers 600     # the answers file: reading, checking, `learn answer`
#   Fuzz/run.sh data 600        # claims, progress, course.yaml, cached results, IDX/gzip (first byte picks)
# New inputs go to .build-fuzz/corpus/TARGET (the committed seeds stay as they are); a crash, leak
# or timeout is written to .build-fuzz/crash-*, leak-* or timeout-* and can be replayed without libFuzzer:
#   swift run LessonFuzz .build-fuzz/crash-…
# Extra arguments go to libFuzzer (e.g. -max_len=20000000 for huge lines).
set -eu
cd "$(dirname "$0")/.."
target=${1:?usage: Fuzz/run.sh lesson|answers|data SECONDS [libFuzzer options]}
seconds=${2:?usage: Fuzz/run.sh lesson|answers|data SECONDS [libFuzzer options]}
shift 2
case $target in
    lesson) product=LessonFuzz ;;
    answers) product=AnswersFuzz ;;
    data) product=DataFuzz ;;
    *) echo "unknown target '$target': lesson, answers or data" >&2; exit 2 ;;
esac
scratch=${FUZZ_SCRATCH:-.build-fuzz}
swift build -c release --product "$product" --scratch-path "$scratch" \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING
mkdir -p "$scratch/corpus/$target" "$scratch/run-$target"
root=$(pwd)
# With -jobs, libFuzzer runs the job in a child process that logs to ./fuzz-0.log: run in a folder
# of the target's own (so that both targets can run at once), and keep the log as fuzz-TARGET.log.
cd "$scratch/run-$target"
# Leaks are checked after each input that allocated more than it freed, and at exit. Fuzz/lsan.supp
# names the one thing LeakSanitizer reports wrongly (a global's enum boxes; the file says why).
export LSAN_OPTIONS="suppressions=$root/Fuzz/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
status=0
"../release/$product" "../corpus/$target" "$root/Fuzz/corpus/$target" \
    -max_total_time="$seconds" -jobs=1 -timeout=10 -rss_limit_mb=4096 \
    -artifact_prefix=../ -detect_leaks=1 -print_final_stats=1 "$@" || status=$?
if [ -f fuzz-0.log ]; then
    mv fuzz-0.log "../fuzz-$target.log"
    grep -E "^#[0-9]+.*(pulse|DONE)|^stat::|ERROR|^SUMMARY" "../fuzz-$target.log" | tail -20
    echo "full log: $scratch/fuzz-$target.log"
fi
exit $status
