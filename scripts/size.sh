#!/usr/bin/env bash
# Size report of the built app: every file in dist/ (or the directory given as
# the first argument), raw, gzip -9 and brotli quality 11, in bytes and KB,
# with a total row. Already-compressed .br/.gz files are skipped. Run it after
# any build; it builds nothing itself.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DIST="${1:-dist}"
[ -d "$DIST" ] || die "$DIST/ not found ($(realpath -m -- "$DIST")): build the app first (scripts/serve.sh, bash scripts/test.sh or trunk build --release --offline)"

# The app's files; demo/ is the demo agency's own site (its page and CSS), not the app.
files=()
while IFS= read -r -d '' f; do files+=("${f#./}"); done < <(
    cd "$DIST" && find . -type f ! -name '*.br' ! -name '*.gz' ! -path './demo/*' -print0 | sort -z
)
[ "${#files[@]}" -gt 0 ] || die "$DIST/ has no files to measure: build the app first"

# How to measure brotli: the brotli command; else Debian's package when we are
# root; else Python's brotli module; else the column says n/a.
brotli_how=none
if command -v brotli >/dev/null 2>&1; then
    brotli_how=cli
elif [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing Debian package brotli (for the brotli column)" >&2
    # Try without a (slow) index update first; update only if that fails.
    if apt-get install -y -qq brotli >/dev/null 2>&1 ||
        { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq brotli >/dev/null 2>&1; }; then
        brotli_how=cli
    else
        echo "warning: could not install brotli with apt-get" >&2
    fi
fi
if [ "$brotli_how" = none ] && command -v python3 >/dev/null 2>&1 &&
    python3 -c 'import brotli' >/dev/null 2>&1; then
    brotli_how=python
fi

brotli_size() {
    case "$brotli_how" in
        cli) brotli -q 11 -c -- "$1" | wc -c ;;
        python) python3 -c 'import brotli, sys
print(len(brotli.compress(open(sys.argv[1], "rb").read(), quality=11)))' "$1" ;;
        *) echo n/a ;;
    esac
}

case "$brotli_how" in
    cli) brotli_note="brotli -q 11 ($(tool_version brotli))" ;;
    python) brotli_note="brotli quality 11 (Python brotli module)" ;;
    *) brotli_note="brotli n/a (no brotli command, apt-get not usable, no Python brotli module)" ;;
esac

# One tab-separated row per file (path, raw, gzip, brotli), formatted by awk.
rows=""
for f in "${files[@]}"; do
    p="$DIST/$f"
    raw="$(wc -c <"$p")"
    gz="$(gzip -9 -n -c <"$p" | wc -c)"
    br="$(brotli_size "$p")"
    rows+="$f"$'\t'"$((raw))"$'\t'"$((gz))"$'\t'"${br//[[:space:]]/}"$'\n'
done

printf 'Size of %s/ (%d files; gzip -9, %s; KB = 1024 bytes)\n\n' "$DIST" "${#files[@]}" "$brotli_note"
printf '%s' "$rows" | awk -F'\t' '
    function kb(b) { return (b == "n/a") ? "n/a" : sprintf("%.1f", b / 1024) }
    {
        name[NR] = $1; raw[NR] = $2; gz[NR] = $3; br[NR] = $4
        traw += $2; tgz += $3
        if ($4 == "n/a") br_na = 1; else tbr += $4
        if (length($1) > w) w = length($1)
    }
    END {
        n = NR
        name[n + 1] = "TOTAL"; raw[n + 1] = traw; gz[n + 1] = tgz; br[n + 1] = br_na ? "n/a" : tbr
        if (w < 5) w = 5
        fmt = "%-" w "s  %12s %9s  %12s %9s  %12s %9s\n"
        printf fmt, "file", "raw bytes", "raw KB", "gzip bytes", "gzip KB", "brotli bytes", "brotli KB"
        rule = sprintf("%" (w + 72) "s", ""); gsub(/ /, "-", rule)
        print rule
        for (i = 1; i <= n + 1; i++) {
            if (i == n + 1) print rule
            printf fmt, name[i], raw[i], kb(raw[i]), gz[i], kb(gz[i]), br[i], kb(br[i])
        }
    }'
