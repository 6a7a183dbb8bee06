#!/usr/bin/env bash
# The benchmark of issue 8: Tell Once against SurveyJS, RJSF, JSON Forms and Form.io, the same
# forms in Debian's headless Chromium. Installs bench's own packages if missing, builds the peer
# bundles (Tell Once is taken as built in dist/: run scripts/serve.sh or trunk build first),
# serves bench/site on 127.0.0.1:${PORT:-8790}, measures, prints the table and writes
# bench/RESULTS.md (and bench/results.json). Not part of scripts/test.sh.
#   RUNS=5 (medians of that many runs)   ONLY=tellonce,rjsf (fewer libraries)   PORT=8790
#   CHROMIUM_FLAGS="--js-flags=--no-wasm-lazy-compilation" (extra browser arguments, to diagnose)
# `bash bench/run.sh startup` prints instead how much of Tell Once's WebAssembly runs before the
# first question (bench/startup-code.mjs): counts from Chromium's trace, not timings.
set -euo pipefail
cd "$(dirname "$0")"
[ -f ../dist/tell-once.js ] || { echo "bench: build Tell Once first (dist/tell-once.js is missing)" >&2; exit 1; }
[ -x /usr/bin/chromium ] || { echo "bench: needs Debian's chromium at /usr/bin/chromium" >&2; exit 1; }
# install when a pinned package is missing or at another version than package.json says
if ! node -e '
  const deps = require("./package.json").dependencies;
  for (const [name, want] of Object.entries(deps)) {
    if (require("./node_modules/" + name + "/package.json").version !== want) process.exit(1);
  }' 2>/dev/null; then
  npm ci --no-audit --no-fund
fi
node build.mjs
case "${1:-}" in
  "") exec timeout 1800 node run.mjs ;;
  startup) exec timeout 300 node startup-code.mjs ;;
  *) echo "bench: unknown argument '$1' (give none, or startup)" >&2; exit 2 ;;
esac
