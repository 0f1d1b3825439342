#!/bin/sh
# Kills `learn answer`, `learn hint` (the progress file) and `learn run` (the result cache) with
# SIGKILL at random moments, ROUNDS times in a row each (default 100), checking after every kill
# that the file parses and holds the old or the new content; then runs 4 `learn` at once in one
# folder. The default `swift test` runs the same tests with 4 rounds.
#   scripts/kill-test.sh [ROUNDS]
set -eu
cd "$(dirname "$0")/.."
LEARN_KILL_ROUNDS=${1:-100} swift test --scratch-path "${SCRATCH:-.build-harden}" --filter CrashSafetyTests
