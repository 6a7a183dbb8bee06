#!/usr/bin/env bash
# Install (or confirm) every tool the build and the tests need. Safe to re-run:
# each step checks the exact version first and skips what is already there.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

step "Rust: wasm32 target, rustfmt, clippy"
ensure_wasm_target
ensure_rust_src
ensure_rust_components

step "npm packages (Playwright, axe, binaryen's wasm-opt)"
ensure_npm_packages

step "trunk 0.21"
ensure_trunk

step "wasm-bindgen-cli (same version as Cargo.lock)"
ensure_wasm_bindgen

step "Chromium (Debian) for the end-to-end tests"
ensure_chromium

printf '\nsetup.sh: all tools ready in %ds\n' "$SECONDS"
