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

python3 scripts/test_search.py --dossier "$bin"

"$bin" build --quiet --out "$work/sample"
python3 scripts/check_map_labels.py "$work/sample" clusters/index.html \
  --priority "Beijing-Tianjin-Hebei,Yangtze River Delta,Pearl River Delta,Chengdu-Chongqing,Middle Reaches of the Yangtze River"
