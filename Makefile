# The set-up commands of the README. Each installs what is missing first.
SWIFT_PATH := $(shell command -v swift >/dev/null 2>&1 || echo /opt/swift/usr/bin:)
export PATH := $(SWIFT_PATH)$(PATH)

VERSION := $(shell head -n 1 VERSION)
DIST_NAME := dossier-$(VERSION)-linux-$(shell uname -m)
PREFIX ?= /usr/local

.PHONY: site test bench maps deps browser-deps clean dist test-dist install lint-examples

deps:
	@scripts/install-deps.sh

## Chromium, chromedriver and selenium (in a venv) for the browser tests.
browser-deps:
	@scripts/install-deps.sh --browser

## Build the release binary and the sample site into public/.
site: deps
	swift build -c release --product dossier
	.build/release/dossier build

## Run the test suite (it lints the examples too), then the browser tests: search in English and
## German, and the sample site's map labels, in headless Chromium.
test: deps browser-deps
	swift test
	scripts/browser-tests.sh

## Check the sample site's map labels (index and row pages, both languages) in headless Chromium
## at 1280 and 375 px (see browser-deps). Screenshots go to site-qa-out/maps.
maps: site browser-deps
	scripts/browser-tests.sh maps

## Benchmark: cold builds at 1k, 10k and 100k, the 10k rebuild after a body edit, build --check
## and Hugo at 10k (median of 5, output to /dev/shm); prints wall, CPU and memory, then serve's latency.
bench: deps
	scripts/bench.sh

## The portable release tarball dist/$(DIST_NAME).tar.gz and its .sha256: a stripped binary with
## the Swift runtime and libcmark linked statically, completions, man page, licences.
dist: deps
	scripts/dist.sh

## Run the packed binary with the toolchain and libcmark hidden; compare its site with a normal build's.
test-dist: deps
	scripts/test-dist.sh

## Install the portable binary, completions and man page: make install PREFIX=/usr/local [DESTDIR=…]
install: dist
	DESTDIR="$(DESTDIR)" dist/$(DIST_NAME)/install.sh "$(PREFIX)"

## Lint the CI examples in examples/ (swift test runs this too).
lint-examples:
	scripts/lint-examples.sh

clean:
	rm -rf .build .build-dist public site-qa-out dist
