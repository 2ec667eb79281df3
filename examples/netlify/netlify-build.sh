#!/usr/bin/env bash
# Netlify's build command (see netlify.toml): installs the portable Dossier binary and builds the
# site into public/ with the address of this deploy.
set -euo pipefail

curl -fsSL --retry 3 -o dossier.tar.gz "$DOSSIER_URL"
echo "$DOSSIER_SHA256  dossier.tar.gz" | sha256sum -c -
mkdir -p .dossier
tar -xzf dossier.tar.gz --strip-components=1 -C .dossier
rm dossier.tar.gz
export PATH="$PWD/.dossier:$PATH"
dossier --version

# Production builds get the site's main address (URL); deploy previews and branch deploys their
# own (DEPLOY_PRIME_URL), so that their links stay inside the preview.
if [ "${CONTEXT:-production}" = "production" ]; then
  base_url="$URL/"
else
  base_url="$DEPLOY_PRIME_URL/"
fi
dossier build --base-url "$base_url" --check
