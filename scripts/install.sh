#!/bin/sh
# install.sh [PREFIX]: installs dossier, its bash, zsh and fish completions and its man page under
# PREFIX (default /usr/local; DESTDIR is put in front for packaging). Ships in the release tarball
# beside the binary; `make install` in the repository runs it from dist/.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
prefix=${1:-${PREFIX:-/usr/local}}
root="${DESTDIR:-}$prefix"

install -d "$root/bin" "$root/share/bash-completion/completions" "$root/share/zsh/site-functions" \
  "$root/share/fish/vendor_completions.d" "$root/share/man/man1"
install -m 755 "$here/dossier" "$root/bin/dossier"
install -m 644 "$here/completions/dossier.bash" "$root/share/bash-completion/completions/dossier"
install -m 644 "$here/completions/_dossier" "$root/share/zsh/site-functions/_dossier"
install -m 644 "$here/completions/dossier.fish" "$root/share/fish/vendor_completions.d/dossier.fish"
install -m 644 "$here/man/dossier.1" "$root/share/man/man1/dossier.1"
echo "Installed $("$root/bin/dossier" --version) in $root"
