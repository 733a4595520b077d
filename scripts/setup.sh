#!/usr/bin/env bash
# Installs steppe's build and test dependencies from Debian packages (Debian 12), only those
# that are missing, and says which. Run as root (or with sudo available).
set -euo pipefail

PACKAGES=(
  build-essential      # g++ 12
  cmake                # 3.25
  ninja-build
  pkg-config
  git                  # the format check lists tracked files
  clang-format         # style check in ctest
  libxapian-dev        # the index (1.4.22)
  xapian-tools         # xapian-tcpsrv, run by 'steppe serve' (remote shards)
  libicu-dev           # normalisation, word and sentence segmentation
  libcld2-dev          # language detection per document
  libboost-program-options-dev  # command line
  catch2               # tests (Catch2 v2.13)
  nlohmann-json3-dev   # JSON output and settings
  libsimdjson-dev      # fast JSON Lines reading
  zlib1g-dev           # .jsonl.gz
  libgumbo-dev         # HTML
  libmd4c-dev          # Markdown
  libuchardet-dev      # encoding detection
  libpoppler-cpp-dev   # PDF
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#PACKAGES[@]} packages are installed"
  exit 0
fi
echo "setup: installing ${missing[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
