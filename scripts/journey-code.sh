#!/usr/bin/env bash
# Prints how much of the WebAssembly each default life event runs from its start page to its
# confirmation, and how much it never runs (tests/measure/journey-code.spec.ts): code bytes, raw
# and brotli. It builds the app whole with its functions' names (TELL_ONCE_WHOLE_WASM=1), walks
# each journey with the demo agencies in Chromium, prints the code each ran by crate
# (scripts/code-by-crate.mjs --ran), then builds the app again as usual. Not part
# of scripts/test.sh; about three minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
build_server
# The journeys walked, then the code each ran by crate, from the same build. (Run after `||` in
# measure_whole_wasm, where set -e does not stop it: each step returns its own failure.)
walk_and_group() {
    rm -f "$ROOT/target/journey-code.json"
    "$ROOT/node_modules/.bin/playwright" test --config playwright.measure.config.ts "$@" || return
    node scripts/code-by-crate.mjs --ran "$ROOT/target/journey-code.json"
}
measure_whole_wasm walk_and_group "$@"
