#!/usr/bin/env bash
# The least a Leptos app costs (bench/leptos-floor: two questions with their messages), built the
# way Tell Once is: cargo's build-std with immediate-abort panics (scripts/lib.sh's small_std),
# the repository's .cargo/config.toml (erased view types), the app's release profile, then
# wasm-bindgen and scripts/optimise-wasm.mjs. Prints its size, raw, gzip and brotli (Tell Once's:
# scripts/size.sh). Not part of the tests or the bench's table; about a minute the first time
# (after `scripts/setup.sh` or a test run has filled cargo's cache), seconds after.
set -euo pipefail
source "$(dirname "$0")/../scripts/lib.sh"
target="$ROOT/target/leptos-floor"
(cd bench/leptos-floor && small_std cargo build --quiet --release --offline --locked \
    --target wasm32-unknown-unknown --target-dir "$target")
rm -rf "$target/out"
wasm-bindgen --target web --out-dir "$target/out" "$target/wasm32-unknown-unknown/release/leptos-floor.wasm"
node bench/leptos-floor.mjs "$target/out"
