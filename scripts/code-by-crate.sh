#!/usr/bin/env bash
# Prints what the WebAssembly's code is made of: its functions grouped by crate, then the app's
# and the engine's by module, in bytes raw and brotli (scripts/code-by-crate.mjs). It builds the
# app whole with its functions' names (TELL_ONCE_WHOLE_WASM=1), reads that build's WebAssembly,
# then builds the app again as usual. Not part of scripts/test.sh; about three minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
measure_whole_wasm node scripts/code-by-crate.mjs
