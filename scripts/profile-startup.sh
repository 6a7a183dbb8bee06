#!/usr/bin/env bash
# Writes scripts/startup-functions.txt: the names of the WebAssembly functions the app runs on
# its way to the first question, which the release build keeps in the first part of its split
# WebAssembly (scripts/split-wasm.mjs). It builds the app whole with its functions' names
# (TELL_ONCE_WHOLE_WASM=1), has Chromium trace which functions it compiles on those paths
# (bench/startup-code.mjs), then builds the app again as usual. Run it when the app changes what
# it runs before its first question: "an agency page with two widgets starts both with the
# second part held back" and "each part of the WebAssembly crosses the network once" in
# tests/e2e fail until it is.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
measure_whole_wasm env STARTUP_FUNCTIONS="$ROOT/scripts/startup-functions.txt" bash bench/run.sh startup
