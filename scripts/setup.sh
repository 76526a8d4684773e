#!/bin/sh
# Installs what galley needs on a fresh Debian machine, and only what is missing:
#   fonts-noto-cjk     Noto Serif/Sans CJK SC (宋体/黑体 roles)   — typesetting
#   fonts-lxgw-wenkai  LXGW WenKai (楷体 role)                   — typesetting
#   libxml2-utils      xmllint, the JATS DTD validator           — `galley validate`, tests
#   poppler-utils      pdftotext, pdffonts, pdftoppm             — tests read PDFs back
#   fontconfig         fc-list, to see which fonts are present
# Usage: scripts/setup.sh [extra Debian packages...]
set -eu

need=""
have_font() { command -v fc-list >/dev/null 2>&1 && fc-list : family | grep -qi "$1"; }
have_cmd() { command -v "$1" >/dev/null 2>&1; }

have_cmd fc-list || need="$need fontconfig"
have_font "Noto Serif CJK SC" || need="$need fonts-noto-cjk"
have_font "LXGW WenKai" || need="$need fonts-lxgw-wenkai"
have_cmd xmllint || need="$need libxml2-utils"
have_cmd pdftotext || need="$need poppler-utils"
for extra in "$@"; do
  case "$extra" in
    chromium) have_cmd chromium || need="$need chromium" ;;
    *) dpkg -s "$extra" >/dev/null 2>&1 || need="$need $extra" ;;
  esac
done

if [ -z "$need" ]; then
  echo "setup: everything galley needs is installed"
  exit 0
fi

echo "setup: installing:$need"
if ! have_cmd apt-get; then
  echo "setup: no apt-get here. Install the equivalents of:$need" >&2
  echo "       (or put the CJK font files in styles/fonts/ or a folder named by GALLEY_FONT_PATH)" >&2
  exit 1
fi
if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif have_cmd sudo && sudo -n true 2>/dev/null; then
  SUDO="sudo -n"
else
  echo "setup: installing needs root. Run as root, or ask an administrator to run:" >&2
  echo "       apt-get update && apt-get install -y$need" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $need
