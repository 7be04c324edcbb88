# redline — see deploy/local.sh for what `run`, `test` and `services` set up.
.PHONY: run test services build lint bench bench-stats clean vendor

run:
	bash deploy/local.sh run

test:
	bash deploy/local.sh test

services:
	bash deploy/local.sh services

build:
	go build -o bin/redline ./cmd/redline

# gofmt, go vet and staticcheck, as `bash deploy/local.sh test` runs them before the tests
lint:
	bash deploy/local.sh lint

# go test -run '^$' -bench . ./... with the test services up
bench:
	bash deploy/local.sh bench

# The statistics at scale (docs/BENCHMARKS.md): N synthetic complaints (default 100000) in a database
# of their own (BENCH_DATABASE_URL, default redline_bench), then p50/p95/p99 of each query. Drop the
# database afterwards: 5 million complaints take about 16 GB (1 million: 3.2 GB).
BENCH_DATABASE_URL ?= postgres://postgres:postgres@127.0.0.1:5432/redline_bench?sslmode=disable
N ?= 100000
bench-stats: build
	DATABASE_URL='$(BENCH_DATABASE_URL)' ./bin/redline migrate up
	DATABASE_URL='$(BENCH_DATABASE_URL)' ./bin/redline seed --complaints $(N)
	DATABASE_URL='$(BENCH_DATABASE_URL)' ./bin/redline bench stats

# Refresh the vendored browser files (api/web/static/vendor, api/testdata/axe.min.js) from the npm
# registry with npm pack; versions are pinned in deploy/vendor.sh.
vendor:
	bash deploy/vendor.sh

clean:
	rm -rf bin
