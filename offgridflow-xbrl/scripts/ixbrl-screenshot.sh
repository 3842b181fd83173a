#!/usr/bin/env bash
# Renders an Inline XBRL (XHTML) report to a PNG with headless Chromium, for a person to look at.
# Needs Debian's chromium package (apt-get install -y chromium).
# Usage: ixbrl-screenshot.sh REPORT.xhtml [OUT.png] [WIDTHxHEIGHT]
set -euo pipefail
in=${1:?usage: ixbrl-screenshot.sh REPORT.xhtml [OUT.png] [WIDTHxHEIGHT]}
out=${2:-${in%.*}.png}
size=${3:-1100x2400}
browser=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
if [[ -z "$browser" ]]; then
  echo "ixbrl-screenshot: no chromium on PATH; install it with: apt-get install -y chromium" >&2
  exit 2
fi
[[ -r "$in" ]] || { echo "ixbrl-screenshot: cannot read $in" >&2; exit 2; }
# --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
  --window-size="${size/x/,}" --screenshot="$(realpath -m "$out")" "file://$(realpath "$in")" 2>/dev/null
echo "$out"
