#!/usr/bin/env bash
# Installs what building and testing Dossier needs and is not there yet.
# Debian packages go through apt-get (as root, or with sudo when available).
#   scripts/install-deps.sh [--browser] [DEBIAN-PACKAGE ...]
# --browser adds what the browser tests need (make test, make maps): Debian's chromium and
# chromium-driver, a font, python3-venv, and selenium in the venv
# ${XDG_CACHE_HOME:-~/.cache}/dossier/venv-selenium (from PyPI, the version pinned in
# scripts/browser_env.py).
set -euo pipefail

browser=0
packages=()
for arg in "$@"; do
  if [ "$arg" = --browser ]; then browser=1; else packages+=("$arg"); fi
done

if ! command -v swift >/dev/null 2>&1; then
  for dir in /opt/swift/usr/bin /usr/share/swift/usr/bin; do
    if [ -x "$dir/swift" ]; then export PATH="$dir:$PATH"; break; fi
  done
fi
command -v swift >/dev/null 2>&1 || {
  echo "error: Swift 6 is not installed (https://www.swift.org/install/); put 'swift' on PATH and run again" >&2
  exit 1
}

missing=()
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
pkg-config --exists libcmark 2>/dev/null || missing+=(libcmark-dev)
for pkg in "${packages[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ $browser = 1 ]; then
  command -v python3 >/dev/null 2>&1 || missing+=(python3)
  command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || missing+=(chromium)
  command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
  # Text needs a font to have a size (map labels are measured); Debian's chromium only recommends one.
  { command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list 2>/dev/null | head -n 1)" ]; } || missing+=(fontconfig fonts-dejavu-core)
  python3 -c 'import ensurepip, venv' >/dev/null 2>&1 || missing+=(python3-venv)
fi

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo -n"; else
      echo "error: need root (or sudo) to install ${missing[*]}" >&2; exit 1
    fi
  fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ $browser = 1 ]; then
  venv="${XDG_CACHE_HOME:-$HOME/.cache}/dossier/venv-selenium"
  selenium=$(sed -n 's/^SELENIUM = "\(.*\)"$/\1/p' "$(dirname "$0")/browser_env.py")
  if ! "$venv/bin/python" -c 'import selenium' >/dev/null 2>&1; then
    echo "Installing $selenium into $venv"
    mkdir -p "$(dirname "$venv")"
    python3 -m venv "$venv"
    "$venv/bin/python" -m pip install -q --disable-pip-version-check "$selenium"
  fi
fi
