# redline — see deploy/local.sh for what `run`, `test` and `services` set up.
.PHONY: run test services build lint bench clean

run:
	bash deploy/local.sh run

test:
	bash deploy/local.sh test

services:
	bash deploy/local.sh services

build:
	go build -o bin/redline ./cmd/redline

lint:
	@out="$$(gofmt -l .)"; if [ -n "$$out" ]; then echo "gofmt needed on:"; echo "$$out"; exit 1; fi
	go vet ./...

# go test -run '^$' -bench . ./... with the test services up
bench:
	bash deploy/local.sh bench

clean:
	rm -rf bin
