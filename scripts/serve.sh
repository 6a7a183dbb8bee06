#!/usr/bin/env bash
# Build the app and the demo agencies server (release), then run the server on
# http://127.0.0.1:${PORT:-8080}/. Env: PORT (default 8080),
# DB_PATH (default data/agencies.sqlite). Chromium is not needed for this.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PORT="${PORT:-8080}"
DB_PATH="${DB_PATH:-data/agencies.sqlite}"
if ! [[ "$PORT" =~ ^[0-9]{1,5}$ ]] || [ "$PORT" -lt 1 ] || [ "$PORT" -gt 65535 ]; then
    die "PORT must be a number from 1 to 65535 (got '$PORT')"
fi

step "Tools (wasm target, trunk, wasm-bindgen, wasm-opt)"
ensure_wasm_target
ensure_rust_src
ensure_npm_packages
ensure_trunk
ensure_wasm_bindgen

step "Build the app (trunk build --release) into dist/"
build_app

step "Build the agencies server (cargo build --release)"
build_server

step "Serve"
mkdir -p "$(dirname "$DB_PATH")"
printf '\n  Tell Once is at: http://127.0.0.1:%s/\n  (database: %s; Ctrl-C to stop)\n\n' "$PORT" "$DB_PATH"
# exec: the server gets Ctrl-C and signals directly, and no trap outlives it.
trap - EXIT
exec "$SERVER_BIN" serve --addr "127.0.0.1:$PORT" --dist dist --db "$DB_PATH"
