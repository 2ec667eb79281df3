# The two set-up commands of the README. Both install what is missing first.
SWIFT_PATH := $(shell command -v swift >/dev/null 2>&1 || echo /opt/swift/usr/bin:)
export PATH := $(SWIFT_PATH)$(PATH)

.PHONY: site test bench maps deps clean

deps:
	@scripts/install-deps.sh

## Build the release binary and the sample site into public/.
site: deps
	swift build -c release --product dossier
	.build/release/dossier build

## Run the test suite.
test: deps
	swift test

## Check the sample site's map labels in headless Chromium at 1280 and 375 px (needs chromium and
## chromedriver; installs selenium into a venv when missing). Screenshots go to site-qa-out/maps.
maps: site
	python3 scripts/check_map_labels.py public clusters/index.html --screenshots site-qa-out/maps \
	  --priority "Beijing-Tianjin-Hebei,Yangtze River Delta,Pearl River Delta,Chengdu-Chongqing,Middle Reaches of the Yangtze River"

## Build the 1k and 10k benchmark corpora with the release binary; prints wall, CPU and memory.
bench: deps
	scripts/bench.sh

clean:
	rm -rf .build public site-qa-out
