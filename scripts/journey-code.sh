#!/usr/bin/env bash
# Prints how much of the WebAssembly each default life event runs from its start page to its
# confirmation, and how much it never runs (tests/measure/journey-code.spec.ts): code bytes, raw
# and brotli. It builds the app whole with its functions' names (TELL_ONCE_WHOLE_WASM=1), walks
# each journey with the demo agencies in Chromium, then builds the app again as usual. Not part
# of scripts/test.sh; about three minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
build_server
measure_whole_wasm "$ROOT/node_modules/.bin/playwright" test --config playwright.measure.config.ts "$@"
