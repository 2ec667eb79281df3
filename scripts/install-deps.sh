#!/usr/bin/env bash
# Installs what building and testing Dossier needs and is not there yet.
# Debian packages go through apt-get (as root, or with sudo when available).
set -euo pipefail

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
for pkg in "$@"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done

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
