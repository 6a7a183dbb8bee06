#!/usr/bin/env bash
# The one command that runs every check, in order, stopping at the first
# failure with a non-zero exit (CI runs exactly this through .ci/run):
#   tools -> rustfmt -> clippy (native + wasm) -> cargo test -> node --test scripts/ and bench's report
#   -> release builds -> Playwright end-to-end tests -> size report.
# Extra arguments go to Playwright, e.g. bash scripts/test.sh --grep "move house".
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

step "Tools (all of scripts/setup.sh, incl. Chromium)"
check_disk_space
ensure_wasm_target
ensure_rust_src
ensure_rust_components
ensure_npm_packages
ensure_trunk
ensure_wasm_bindgen
ensure_chromium
# Fail now, not after the long compile steps, if the pins disagree.
check_trunk_pins

step "cargo fmt --check"
cargo fmt --all -- --check

step "clippy: native crates (engine, agencies)"
cargo clippy --workspace --exclude tell-once --all-targets -- -D warnings

step "clippy: the app (wasm32)"
cargo clippy -p tell-once --target wasm32-unknown-unknown -- -D warnings

step "cargo test (engine, agencies and the app's own unit tests, native)"
# Most logic lives in the engine. The app crate (root package) also builds natively, so the
# unit tests of its components (words, ids, counts; nothing that needs a browser) run here too.
cargo test --workspace

step "The build scripts' and the bench's own tests (node --test)"
# What the release build does to the WebAssembly (scripts/optimise-wasm.mjs), on small modules;
# how the bench reads its runs into its table (bench/report.mjs), on made-up runs.
node --test "$ROOT/scripts/" "$ROOT/bench/report.test.mjs"

step "journey-check: the default journeys"
cargo run --quiet -p tell-once-engine --bin journey-check -- public/journeys/*.json

step "Build the app (trunk build --release) into dist/"
build_app

step "Build the agencies server (cargo build --release)"
build_server

step "Playwright end-to-end tests"
# The Playwright config starts $SERVER_BIN itself; nothing is rebuilt here.
# Output is kept (as well as shown) only to quote the counts at the end.
pw_log="$(mktemp)"
trap 'rc=$?; rm -f "$pw_log"; on_exit "$rc"' EXIT
# Run the local binary directly (what npx would run, minus its install prompt).
"$ROOT/node_modules/.bin/playwright" test "$@" 2>&1 | tee "$pw_log"

step "Size of dist/"
bash "$ROOT/scripts/size.sh"

# Playwright's own closing counts ("  12 passed (40s)", "1 skipped", "2 flaky").
# It exited 0, so nothing failed.
pw_count() {
    sed 's/\x1b\[[0-9;]*m//g' "$pw_log" | sed -n "s/^ *\([0-9][0-9]*\) $1\( .*\)\{0,1\}\$/\1/p" | tail -n 1
}
passed="$(pw_count passed)"
skipped="$(pw_count skipped)"
flaky="$(pw_count flaky)"
echo
if [ -n "$passed" ]; then
    # A flaky test failed first but passed on retry: it counts as passed here.
    line="playwright: $((passed + ${flaky:-0})) passed, 0 failed"
    [ -z "$skipped" ] || line="$line, $skipped skipped"
    printf '%s\n' "$line"
    [ -z "$flaky" ] || printf 'warning: %s Playwright test(s) passed only on retry (flaky)\n' "$flaky"
fi
printf 'test.sh: all checks passed in %ds (fmt, clippy native+wasm, cargo test, node --test, release builds, Playwright, size)\n' "$SECONDS"
