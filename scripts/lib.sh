# shellcheck shell=bash
# Shared helpers for the scripts in scripts/. Source it, don't run it:
#   source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# Every tool is installed from the project's own files (a fresh machine has
# none of them), and every ensure_* function is idempotent: it checks the exact
# version first and only installs when that check fails.

set -euo pipefail
# Also stop on errors inside $(...), which plain set -e ignores.
shopt -s inherit_errexit

# Repo root, from this file's location, so the scripts work from any cwd.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT
cd "$ROOT"

# wasm-opt (npm package binaryen, version 132) must win over anything older on
# the machine, and `cargo install` puts trunk and wasm-bindgen in ~/.cargo/bin.
CARGO_BIN="${CARGO_HOME:-${HOME:-/root}/.cargo}/bin"
export PATH="$ROOT/node_modules/.bin:$CARGO_BIN:$PATH"

# One shared target/ in the repo: the Playwright config runs
# target/release/tell-once-agencies, so a CARGO_TARGET_DIR from the caller's
# environment would make it test a stale (or missing) binary.
unset CARGO_TARGET_DIR
SERVER_BIN="$ROOT/target/release/tell-once-agencies"
export SERVER_BIN

# CI builds everything once on a fresh clone: rustc's incremental caches would
# only cost time and about 2 GB of disk there.
if [ -n "${CI:-}" ]; then
    export CARGO_INCREMENTAL=0
fi

# Never wait for a person: no apt prompts, no Playwright report server.
export DEBIAN_FRONTEND=noninteractive
export PLAYWRIGHT_HTML_OPEN="${PLAYWRIGHT_HTML_OPEN:-never}"
export PW_TEST_HTML_REPORT_OPEN="${PW_TEST_HTML_REPORT_OPEN:-never}"

SCRIPT_NAME="$(basename "$0")"
CURRENT_STEP=""

# step "message": a heading with the seconds since the script started
# (bash's SECONDS), so slow steps are easy to spot in CI logs.
step() {
    CURRENT_STEP="$*"
    printf '\n==> [%4ds] %s\n' "$SECONDS" "$*"
}

ok() { printf 'ok: %s\n' "$*"; }
info() { printf '    %s\n' "$*"; }
die() {
    printf 'error: %s\n' "$*" >&2
    exit 1
}

# Say where a failing script stopped; set -e alone would exit silently.
# A script with its own EXIT trap passes the exit code in: on_exit "$rc".
on_exit() {
    local rc="${1:-$?}"
    if [ "$rc" -ne 0 ]; then
        printf '\n%s: FAILED (exit %d)%s after %ds\n' "$SCRIPT_NAME" "$rc" \
            "${CURRENT_STEP:+ during step \"$CURRENT_STEP\"}" "$SECONDS" >&2
    fi
}
trap on_exit EXIT

# A first run builds about 3 GB into target/ (debug builds for clippy and the
# tests, release builds of the app and the server). Say so up front rather than
# let a compile fail with "No space left on device" minutes in.
check_disk_space() {
    local need_mb=4000 free_mb
    free_mb=$(df -Pm "$ROOT" | awk 'NR == 2 { print $4 }')
    if [ "${free_mb:-0}" -lt "$need_mb" ]; then
        printf 'warning: %s MB free on the disk holding %s; a first build needs about %s MB (less if target/ is already built)\n' \
            "$free_mb" "$ROOT/target" "$need_mb" >&2
    else
        ok "disk: ${free_mb} MB free for target/"
    fi
}

# Run a command as root: directly, else through passwordless sudo (never a
# password prompt: CI has no stdin), else fail saying what to run by hand.
as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        sudo -n env DEBIAN_FRONTEND=noninteractive "$@"
    else
        die "need root to run: $*  (not root and no passwordless sudo; run it as root, then retry)"
    fi
}

# First line of `cmd --version`, or empty if cmd is missing or fails.
# (Output is captured, not piped into grep -q, so pipefail never sees SIGPIPE.)
tool_version() {
    local out
    out="$("$@" --version 2>/dev/null)" || return 0
    printf '%s\n' "${out%%$'\n'*}"
}

# The wasm-bindgen version in Cargo.lock: the `version` line right after
# `name = "wasm-bindgen"` (exact match, so wasm-bindgen-futures etc. don't count).
# wasm-bindgen-cli must equal it exactly, or the generated JS glue won't match.
lock_wasm_bindgen_version() {
    local lock="$ROOT/Cargo.lock" versions count
    [ -f "$lock" ] || die "no Cargo.lock in $ROOT (needed to pick the wasm-bindgen-cli version)"
    versions="$(awk '
        found { if (sub(/^version = "/, "") && sub(/"$/, "")) print; found = 0 }
        $0 == "name = \"wasm-bindgen\"" { found = 1 }
    ' "$lock" | sort -u)"
    [ -n "$versions" ] || die "Cargo.lock has no wasm-bindgen package"
    count="$(printf '%s\n' "$versions" | wc -l)"
    [ "$count" -eq 1 ] || die "Cargo.lock has several wasm-bindgen versions ($(printf "%s\n" "$versions" | paste -sd " " -)): unify them, trunk can use only one"
    printf '%s\n' "$versions"
}

# A string value from Trunk.toml's [tools] table, e.g. trunk_tools_value wasm_bindgen.
trunk_tools_value() {
    local key="$1" toml="$ROOT/Trunk.toml"
    [ -f "$toml" ] || return 0
    awk -v key="$key" '
        /^[[:space:]]*\[/ { in_tools = ($0 ~ /^[[:space:]]*\[tools\][[:space:]]*(#.*)?$/); next }
        in_tools && $0 ~ "^[[:space:]]*" key "[[:space:]]*=" {
            line = $0
            sub(/^[^=]*=[[:space:]]*/, "", line)   # drop the key
            sub(/[[:space:]]*#.*$/, "", line)      # and a trailing comment
            gsub(/"/, "", line)                    # and the quotes
            sub(/[[:space:]]+$/, "", line)
            print line
            exit
        }
    ' "$toml"
}

# Trunk.toml pins the tool versions it may use offline; they must be the ones
# we install, else `trunk build --offline` tries to download and fails.
check_trunk_pins() {
    local lock_ver pinned pinned_opt have_opt
    [ -f "$ROOT/Trunk.toml" ] || die "no Trunk.toml in $ROOT"
    lock_ver="$(lock_wasm_bindgen_version)"
    pinned="$(trunk_tools_value wasm_bindgen)"
    [ -n "$pinned" ] || die "Trunk.toml has no [tools] wasm_bindgen pin; add: wasm_bindgen = \"$lock_ver\""
    [ "$pinned" = "$lock_ver" ] ||
        die "Trunk.toml pins wasm_bindgen = \"$pinned\" but Cargo.lock has wasm-bindgen $lock_ver: set Trunk.toml's [tools] wasm_bindgen = \"$lock_ver\""
    ok "Trunk.toml wasm_bindgen = \"$pinned\" matches Cargo.lock"
    pinned_opt="$(trunk_tools_value wasm_opt)"
    if [ -n "$pinned_opt" ]; then
        # `wasm-opt --version` prints e.g. "wasm-opt version 132 (version_132)".
        have_opt="$(tool_version wasm-opt | sed -n 's/.*(\(version_[0-9]*\)).*/\1/p')"
        [ "$have_opt" = "$pinned_opt" ] ||
            die "Trunk.toml pins wasm_opt = \"$pinned_opt\" but wasm-opt on PATH is \"${have_opt:-missing}\" (from npm package binaryen; run scripts/setup.sh)"
        ok "Trunk.toml wasm_opt = \"$pinned_opt\" matches $(command -v wasm-opt)"
    fi
}

ensure_wasm_target() {
    local installed
    command -v rustup >/dev/null 2>&1 || die "rustup not found (needed to add the wasm32-unknown-unknown target)"
    installed="$(rustup target list --installed)"
    if printf '%s\n' "$installed" | grep -qx 'wasm32-unknown-unknown'; then
        ok "rust target wasm32-unknown-unknown (already installed)"
    else
        info "installing rust target wasm32-unknown-unknown"
        rustup target add wasm32-unknown-unknown
    fi
}

# rustfmt and clippy ship with rustup's default profile but not its minimal one.
ensure_rust_components() {
    local missing=()
    cargo fmt --version >/dev/null 2>&1 || missing+=(rustfmt)
    cargo clippy --version >/dev/null 2>&1 || missing+=(clippy)
    if [ "${#missing[@]}" -eq 0 ]; then
        ok "$(tool_version cargo fmt), $(tool_version cargo clippy) (already installed)"
    else
        command -v rustup >/dev/null 2>&1 || die "cargo ${missing[*]} missing and no rustup to add them"
        info "installing rust components: ${missing[*]}"
        rustup component add "${missing[@]}"
    fi
}

# The standard library's source, which build_app compiles the app's own std from, and its crates.
ensure_rust_src() {
    if [ -d "$(rustc --print sysroot)/lib/rustlib/src/rust/library" ]; then
        ok "rust-src for $(tool_version rustc) (already installed)"
    else
        command -v rustup >/dev/null 2>&1 || die "rust-src missing and no rustup to add it"
        info "installing rust component rust-src"
        rustup component add rust-src
    fi
    # build_app builds with --offline, which cannot resolve a crate that is not in cargo's cache
    # yet: fetch the app's crates (for every platform, so the build scripts' and macros' too) and
    # those of the standard library it compiles (its own Cargo.lock). A no-op once they are there.
    cargo fetch --quiet --manifest-path "$ROOT/Cargo.toml"
    RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
        cargo fetch --quiet --target wasm32-unknown-unknown --manifest-path "$ROOT/Cargo.toml"
    ok "the app's and the standard library's crates are in cargo's cache"
}

ensure_trunk() {
    local have
    have="$(tool_version trunk)"
    if [[ "$have" =~ ^trunk\ 0\.21\. ]]; then
        ok "$have (already installed)"
        return
    fi
    info "installing trunk 0.21 (found: ${have:-none}); this compiles from source, a few minutes"
    cargo install --locked trunk --version '~0.21'
    have="$(tool_version trunk)"
    [[ "$have" =~ ^trunk\ 0\.21\. ]] || die "trunk 0.21 install did not take: \`trunk --version\` says '${have:-nothing}' ($(command -v trunk || echo 'not on PATH'))"
    ok "$have (installed)"
}

ensure_wasm_bindgen() {
    local want have
    want="$(lock_wasm_bindgen_version)"
    have="$(tool_version wasm-bindgen)"
    if [ "$have" = "wasm-bindgen $want" ]; then
        ok "$have (already installed)"
        return
    fi
    # Deliberately without --locked (the way this project installs it); the
    # version itself is exact, which is what has to match Cargo.lock.
    info "installing wasm-bindgen-cli $want to match Cargo.lock (found: ${have:-none}); compiles from source"
    cargo install wasm-bindgen-cli --version "$want"
    have="$(tool_version wasm-bindgen)"
    [ "$have" = "wasm-bindgen $want" ] || die "wasm-bindgen-cli $want install did not take: \`wasm-bindgen --version\` says '${have:-nothing}'"
    ok "$have (installed)"
}

# Playwright, axe and binaryen's wasm-opt come from package-lock.json.
# Browsers are never downloaded (no network for that): tests use Debian's chromium.
ensure_npm_packages() {
    local stamp="$ROOT/node_modules/.package-lock.json" have
    command -v npm >/dev/null 2>&1 || die "npm not found (Node.js is needed for Playwright and wasm-opt)"
    [ -f "$ROOT/package-lock.json" ] || die "no package-lock.json in $ROOT"
    if [ -d "$ROOT/node_modules" ] && [ -f "$stamp" ] && ! [ "$ROOT/package-lock.json" -nt "$stamp" ]; then
        ok "npm packages (node_modules up to date with package-lock.json)"
    else
        info "installing npm packages (npm ci)"
        PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
    fi
    [ -x "$ROOT/node_modules/.bin/wasm-opt" ] || die "node_modules/.bin/wasm-opt missing after npm ci (is binaryen in package.json?)"
    have="$(tool_version wasm-opt)"
    ok "${have:-wasm-opt (version unknown)} at node_modules/.bin/wasm-opt"
}

# Debian's Chromium: Playwright's own browser download can't work on this network.
ensure_chromium() {
    if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
        ok "$(tool_version /usr/bin/chromium) (already installed)"
        return
    fi
    info "installing Debian packages chromium and chromium-driver"
    as_root apt-get update
    as_root apt-get install -y chromium chromium-driver
    [ -x /usr/bin/chromium ] || die "/usr/bin/chromium still missing after apt-get install"
    ok "$(tool_version /usr/bin/chromium) (installed)"
}

# Release build of the wasm app into dist/. --offline: trunk must use the
# tools installed above, never try to download its own.
#
# The WebAssembly is built with its own copy of the standard library (cargo's build-std, from
# rust-src) so that its panics can stop at once (rustc's immediate-abort strategy): no panic
# message, file name or formatting code is compiled in, 17 KB brotli less (272.4 to 255.5 KB).
# A panic is already the end of the app (release builds abort), and the console then shows
# "RuntimeError: unreachable" rather than the message; `trunk serve` (a debug build) keeps the
# messages. Both are unstable options of the pinned rustc (1.95), which RUSTC_BOOTSTRAP=1
# allows for these builds only. Without these three variables (a plain `trunk build --release`)
# the app is the same, only bigger. small_std runs a command ("$@") with them;
# bench/leptos-floor.sh builds its app the same way.
small_std() {
    RUSTC_BOOTSTRAP=1 \
        CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
        CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort" \
        "$@"
}

build_app() {
    check_trunk_pins
    small_std trunk build --release --offline
    [ -f "$ROOT/dist/index.html" ] || die "trunk build finished but dist/index.html is missing"
}

# Runs a measurement ("$@") on a release build whose WebAssembly is whole and keeps its
# functions' names (TELL_ONCE_WHOLE_WASM=1, see scripts/loader.mjs), then builds the app again
# as usual, whether or not the measurement succeeded. Its status is the measurement's.
measure_whole_wasm() {
    TELL_ONCE_WHOLE_WASM=1 build_app
    local status=0
    "$@" || status=$?
    build_app
    return "$status"
}

# Native demo server (serves dist/ and the agencies' API).
build_server() {
    cargo build --release -p tell-once-agencies
    [ -x "$SERVER_BIN" ] || die "cargo build finished but $SERVER_BIN is missing"
}
