#!/usr/bin/env bash
# README's scaling table: `steppe bench` on the first 10, 30 and 100 MB of the Wikipedia
# corpus, each with Xapian's TermGenerator baseline on the same passages (--baseline: with
# Xapian's default flush, committing every 2,000 passages (--baseline-batch), and as two
# writers of half the passages each, merged: Xapian's own use of two cores) and
# compacted after the build (--compact: sizes before and after, queries timed on the compacted
# index), and Xapian's default index of the same articles with the same queries timed on it
# (--xapian-defaults). Reports go to bench/results/wikipedia-{10,30,100}mb/. Run on an
# otherwise idle machine; takes 10-15 minutes on 2 cores.
#   bench/scaling.sh            (STEPPE=build/cli/steppe, CORPUS=../shared/data/corpus/wikipedia-en)
set -euo pipefail
cd "$(dirname "$0")/.."
steppe=${STEPPE:-build/cli/steppe}
corpus=${CORPUS:-../shared/data/corpus/wikipedia-en}
if [[ ! -d $corpus ]]; then
  echo "bench/scaling.sh: $corpus not found (it comes with ../shared)" >&2
  exit 2
fi
for mb in ${SIZES:-10 30 100}; do
  echo "== $mb MB"
  "$steppe" bench "$corpus" --max-mb "$mb" --baseline --compact --xapian-defaults -q \
    --out "bench/results/wikipedia-${mb}mb"
  rm -f "bench/results/wikipedia-${mb}mb/run.trec"  # no qrels: nothing scores it
done
