#!/usr/bin/env bash
# Debian packages Buzzi uses: the offline voice engine's speech-to-text
# (pocketsphinx with its US English model) and text-to-speech (flite), and
# Chromium for the browser tests and HAProxy for the cluster test
# (npm run cluster). Safe to re-run.
set -euo pipefail
packages=(pocketsphinx pocketsphinx-en-us flite chromium haproxy)
missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "system packages present: ${packages[*]}"
  exit 0
fi
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
