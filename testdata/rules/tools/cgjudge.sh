#!/bin/sh
# usage: cgjudge.sh TESTBIN CN|US  -- instructions per judgement of BenchmarkJudgeCN200's (US200's) texts, as
# /work/notes/cg.sh counts them (callgrind, only rules.judgeTimed, 400 judgements, total ÷ 400), but with
# callgrind's instrumentation off while the pack is parsed and the texts judged once: TestCallgrindJudge200
# waits for it to be turned on. TESTBIN: `go test -c -o TESTBIN ./domain/rules`; run from the repository root.
set -e
bin=$(realpath "$1"); j=$2; r=/tmp/cgjudge.$$
rm -f $r $r.go
cd domain/rules
REDLINE_CG_JUDGE=$j REDLINE_CG_READY=$r GOGC=off GODEBUG=asyncpreemptoff=1,cpu.rdtscp=off GOMAXPROCS=1 \
	valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file=$r.out --toggle-collect='*rules.judgeTimed' \
	"$bin" -test.run '^TestCallgrindJudge200$' -test.count=1 >$r.log 2>$r.err &
pid=$!
while [ ! -e $r ]; do
	kill -0 $pid 2>/dev/null || { cat $r.log $r.err; exit 1; }
	sleep 1
done
callgrind_control -i on $pid >/dev/null
touch $r.go
wait $pid
tot=$(callgrind_annotate $r.out 2>/dev/null | grep -m1 'PROGRAM TOTALS' | awk '{gsub(",","",$1); print $1}')
echo "JudgeCN/US200 $j total $tot per-judgement $((tot/400)) (profile $r.out)"
