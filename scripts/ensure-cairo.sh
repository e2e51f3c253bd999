#!/usr/bin/env bash
# The social cards (Material's social plugin, through cairosvg/cairocffi) need the Cairo library
# at build time. Install Debian's libcairo2 when it is missing; needs root or sudo.
set -euo pipefail
if ldconfig -p 2>/dev/null | grep -q 'libcairo\.so\.2'; then exit 0; fi
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
echo "Installing Debian's libcairo2 for the social cards…"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq libcairo2 >/dev/null
