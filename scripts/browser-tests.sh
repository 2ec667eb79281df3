#!/usr/bin/env bash
# The browser tests of `make test`, in headless Chromium: the site search in English and German
# (scripts/test_search.py) and the map labels of the sample site (scripts/check_map_labels.py).
# Needs chromium, chromedriver and the selenium venv: `scripts/install-deps.sh --browser`.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product dossier >/dev/null
bin="$(swift build --show-bin-path)/dossier"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The sample's map pages, and the top-tier clusters that must be labelled even on a phone.
maps() {
  python3 scripts/check_map_labels.py "$1" clusters/index.html de/clusters/index.html \
    clusters/pearl-river-delta/index.html de/clusters/beibu-gulf/index.html "${@:2}" \
    --priority "Beijing-Tianjin-Hebei,Yangtze River Delta,Pearl River Delta,Chengdu-Chongqing,Middle Reaches of the Yangtze River,Peking-Tianjin-Hebei,Jangtse-Delta,Perlflussdelta,Mittlerer Jangtse"
}

# `browser-tests.sh maps`: only the map check, on public/ as `make site` built it, with screenshots.
if [ "${1:-}" = maps ]; then
  maps public --screenshots site-qa-out/maps
  exit
fi

python3 scripts/test_search.py --dossier "$bin"

"$bin" build --quiet --out "$work/sample"
maps "$work/sample"
