# Concord — build, run, test. Every tool is pinned in go.mod or tools/go.mod.
GO        ?= go
TOOL      := $(GO) tool -modfile=$(CURDIR)/tools/go.mod
BIN       := bin/concord
DATA_DIR  ?= data
PKGS      := ./...
FUZZTIME  ?= 60s

.PHONY: all build run test test-short test-large lint generate generate-check bench bench-full bench-go fuzz clean

all: build

build:
	$(GO) build -o $(BIN) ./cmd/concord

## run: build and start the server with the demo data in $(DATA_DIR)
run: build
	$(BIN) serve --demo --data-dir $(DATA_DIR)

## test: lint, then every test under the race detector
test: lint
	$(GO) test -race -count=1 -timeout 15m $(PKGS)

## test-short: the tests without lint, quicker while working
test-short:
	$(GO) test -race -count=1 $(PKGS)

## test-large: a 100k-row spreadsheet imported through the real binary,
## without the race detector (make test imports 10k rows under it)
test-large:
	$(GO) test -tags large -count=1 -timeout 10m -v -run Large ./cmd/concord/

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go' | grep -v '\.pb\.\(gw\.\)\?go$$')); \
	  if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet $(PKGS)
	$(GO) vet -tags large ./cmd/concord/
	$(TOOL) staticcheck $(PKGS)
	cd api && $(TOOL) buf lint

## generate: regenerate the protobuf Go code, gateway and OpenAPI (offline)
generate:
	cd api && $(TOOL) buf generate --path concord

## generate-check: fail when the committed generated code is stale
generate-check: generate
	@git diff --exit-code --stat -- api || (echo "generated code is stale: run make generate"; exit 1)
	@test -z "$$(git status --porcelain -- api)" || (git status --porcelain -- api; echo "untracked generated files"; exit 1)

## bench: the world-scale benchmark (100k modules, < 10 min on 2 cores):
## one table on stdout, progress on stderr; BENCH_FLAGS="-o json" etc.
BENCH_FLAGS ?=
bench: build
	$(GO) run ./cmd/concord-bench -modules 100000 -server $(BIN) $(BENCH_FLAGS)

## bench-full: the same at the stress ceiling (1M modules; long)
bench-full: build
	$(GO) run ./cmd/concord-bench -modules 1000000 -server $(BIN) $(BENCH_FLAGS)

## bench-go: every Go benchmark once
bench-go:
	$(GO) test -run '^$$' -bench . -benchtime 1x $(PKGS)

## fuzz: run every fuzz target for $(FUZZTIME) each (make test runs
## their seed corpora)
fuzz:
	@set -e; for f in $$(git grep -l '^func Fuzz' -- '*_test.go'); do \
	  for t in $$(sed -n 's/^func \(Fuzz[A-Za-z0-9_]*\).*/\1/p' $$f); do \
	    echo "== ./$$(dirname $$f) $$t for $(FUZZTIME)"; \
	    $(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) ./$$(dirname $$f); \
	  done; \
	done

clean:
	rm -rf bin
