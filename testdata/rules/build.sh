#!/bin/sh
# Regenerates the JSON lines from src/ (append-only sources, so earlier lines never change).
set -e
cd "$(dirname "$0")/../.."
T=testdata/rules
D=${REDLINE_SHARED_DATA:-/work/shared/data}
go run ./$T/tools/rulesdata cfpb $D/cfpb/debt-collection-narratives.csv $D/cfpb/complaints-sample-5000.csv > $T/cfpb.jsonl.tmp && mv $T/cfpb.jsonl.tmp $T/cfpb.jsonl
[ -f $T/src/cfpb-extra.tsv ] && go run ./$T/tools/rulesdata cfpb-extra $T/src/cfpb-extra.tsv $D/cfpb/debt-collection-narratives.csv $T/cfpb.jsonl $D/cfpb/personal-loan-complaints-2023.csv $D/cfpb/complaints-sample-5000.csv > $T/cfpb-extra.jsonl.tmp && mv $T/cfpb-extra.jsonl.tmp $T/cfpb-extra.jsonl
go run ./$T/tools/rulesdata real $D/zh-real/complaints-heimao.jsonl $T/src/zh-real.tsv > $T/zh-real.jsonl.tmp && mv $T/zh-real.jsonl.tmp $T/zh-real.jsonl
[ -f $T/src/zh-written.txt ] && go run ./$T/tools/rulesdata written zhw written:redline-team $T/src/zh-written.txt > $T/zh-written.jsonl.tmp && mv $T/zh-written.jsonl.tmp $T/zh-written.jsonl
[ -f $T/src/en-written.txt ] && go run ./$T/tools/rulesdata written enw written:redline-team $T/src/en-written.txt > $T/en-written.jsonl.tmp && mv $T/en-written.jsonl.tmp $T/en-written.jsonl
[ -f $T/src/zh-written-train.txt ] && go run ./$T/tools/rulesdata written-train zht written:redline-team $T/src/zh-written-train.txt > $T/zh-written-train.jsonl.tmp && mv $T/zh-written-train.jsonl.tmp $T/zh-written-train.jsonl
[ -f $T/src/en-written-train.txt ] && go run ./$T/tools/rulesdata written-train ent written:redline-team $T/src/en-written-train.txt > $T/en-written-train.jsonl.tmp && mv $T/en-written-train.jsonl.tmp $T/en-written-train.jsonl
true
