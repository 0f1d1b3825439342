#!/bin/sh
# Fuzzes one target with libFuzzer for a given time, starting from the committed seed corpus.
#   Fuzz/run.sh lesson 600      # parse → validate → render of a lesson
#   Fuzz/run.sh answers 600     # the answers file: reading, checking, `learn answer`
#   Fuzz/run.sh data 600        # claims, progress, course.yaml, cached results, IDX/gzip, numeric
#                               # answers, result blocks of an export (the first byte picks, DataFuzz.swift)
# New inputs go to .build-fuzz/corpus/TARGET (the committed seeds stay as they are); a crash, leak
# or timeout is written to .build-fuzz/crash-*, leak-* or timeout-* and can be replayed without libFuzzer:
#   swift run LessonFuzz .build-fuzz/crash-…
# Besides the committed seeds, libFuzzer starts from the long and deep seeds that Fuzz/long-seeds.py
# writes into .build-fuzz/long-seeds (each reader's limits, reached and passed by one).
# The longest input is, by default, past the largest limit the target's readers enforce, so the
# limits themselves are fuzzed: 2,200,000 bytes for lessons (a lesson may be 2 MB), 1,100,000 for
# answers and data (an answers or progress file may be 1 MB). Extra arguments go to libFuzzer and
# come last, so they override it (e.g. -max_len=20000000 for huge lines, -max_len=4096 for speed).
# An input taking longer than 10 seconds is a timeout, 30 for lessons: LessonFuzz parses a lesson
# five times, runs and draws it twice and exports it four times, which for a 2 MB lesson under
# AddressSanitizer takes about 9 s of CPU (linear: 2.3 s at 0.5 MB, 4.5 s at 1 MB), more when loaded.
set -eu
cd "$(dirname "$0")/.."
target=${1:?usage: Fuzz/run.sh lesson|answers|data SECONDS [libFuzzer options]}
seconds=${2:?usage: Fuzz/run.sh lesson|answers|data SECONDS [libFuzzer options]}
shift 2
case $target in
    lesson) product=LessonFuzz max_len=2200000 timeout=30 ;;
    answers) product=AnswersFuzz max_len=1100000 timeout=10 ;;
    data) product=DataFuzz max_len=1100000 timeout=10 ;;
    *) echo "unknown target '$target': lesson, answers or data" >&2; exit 2 ;;
esac
scratch=${FUZZ_SCRATCH:-.build-fuzz}
swift build -c release --product "$product" --scratch-path "$scratch" \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING
mkdir -p "$scratch/corpus/$target" "$scratch/run-$target"
python3 Fuzz/long-seeds.py "$scratch/long-seeds"
root=$(pwd)
# With -jobs, libFuzzer runs the job in a child process that logs to ./fuzz-0.log: run in a folder
# of the target's own (so that both targets can run at once), and keep the log as fuzz-TARGET.log.
cd "$scratch/run-$target"
# Leaks are checked after each input that allocated more than it freed, and at exit. Fuzz/lsan.supp
# names the one thing LeakSanitizer reports wrongly (a global's enum boxes; the file says why).
export LSAN_OPTIONS="suppressions=$root/Fuzz/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
status=0
"../release/$product" "../corpus/$target" "$root/Fuzz/corpus/$target" "../long-seeds/$target" \
    -max_total_time="$seconds" -jobs=1 -timeout="$timeout" -rss_limit_mb=4096 -max_len="$max_len" \
    -artifact_prefix=../ -detect_leaks=1 -print_final_stats=1 "$@" || status=$?
if [ -f fuzz-0.log ]; then
    mv fuzz-0.log "../fuzz-$target.log"
    grep -E "^#[0-9]+.*(pulse|DONE)|^stat::|ERROR|^SUMMARY" "../fuzz-$target.log" | tail -20
    echo "full log: $scratch/fuzz-$target.log"
fi
exit $status
