#!/usr/bin/env bash
# README's first command: installs what is missing, builds steppe (Release), indexes the
# sample corpus into the default index and runs an example search.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j2 --target steppe
echo
echo '$ steppe index corpus/sample'
build/cli/steppe index corpus/sample
echo
echo '$ steppe search "constitutional court"'
build/cli/steppe search --color "${STEPPE_DEMO_COLOR:-always}" -n 3 "constitutional court"
