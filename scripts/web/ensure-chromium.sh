#!/usr/bin/env bash
# The browser tier drives Debian's chromium (never a downloaded browser); installs it when missing.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
started=$SECONDS
echo "Installing Debian's chromium for the browser tests (one time)..."
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
echo "chromium installed in $((SECONDS - started))s: $(/usr/bin/chromium --version)"
