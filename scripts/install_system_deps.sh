#!/usr/bin/env sh
# Installs the Debian packages Etalase needs when their commands are missing.
# Usage: scripts/install_system_deps.sh COMMAND[=PACKAGE] ...
#   e.g. scripts/install_system_deps.sh ffmpeg ffprobe=ffmpeg chromium
set -eu
missing=""
for spec in "$@"; do
  cmd=${spec%%=*}; pkg=${spec#*=}
  command -v "$cmd" >/dev/null 2>&1 || missing="$missing $pkg"
done
[ -z "$missing" ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "Program berikut belum terpasang:$missing" >&2
  echo "Pasang lewat pengelola paket sistem Anda (mis. 'brew install ffmpeg' di macOS)." >&2
  echo "Missing:$missing — install them with your system's package manager." >&2
  exit 2
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "Memasang paket Debian:$missing"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
