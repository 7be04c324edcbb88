#!/bin/sh
# Session 22 (blind): writes the blind batch (zhw-400..469, enw-100..134, both splits) to
# $OUT/zh-s22-blind.jsonl and $OUT/en-s22-blind.jsonl, so that `redline rules eval` can measure it alone.
#   sh testdata/rules/tools/blindbatch.sh /tmp && go run ./cmd/redline rules eval /tmp/zh-s22-blind.jsonl
#   go run ./cmd/redline rules eval /tmp/en-s22-blind.jsonl
set -e
OUT=${1:-/tmp}
T=$(dirname "$0")/..
grep -E '"id":"zhw-4[0-6][0-9]"' "$T/zh-written.jsonl" > "$OUT/zh-s22-blind.jsonl"
grep -E '"id":"enw-1[0-3][0-9]"' "$T/en-written.jsonl" | grep -vE '"id":"enw-13[5-9]"' > "$OUT/en-s22-blind.jsonl"
wc -l "$OUT/zh-s22-blind.jsonl" "$OUT/en-s22-blind.jsonl"
