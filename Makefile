# eventmap — build, run, test and benchmark.
#
#   make run     install what is missing, build, and open the app
#   make test    install what is missing, then go vet and go test -race
#   make bench   the benchmarks quoted in the README
#   make eval    the geoparser's leave-one-corpus-out scores (needs ../shared/corpora)
#   make build   just build bin/eventmap
#   make dist    the Linux and Windows packages, checksums and release notes in dist/

GO      ?= go
BIN     := bin/eventmap
# A tag when there is one, else FyneApp.toml's version marked as a dev build.
VERSION := $(shell git describe --tags --dirty 2>/dev/null || echo "v$$(sed -n 's/^ *Version = "\(.*\)"/\1/p' FyneApp.toml)-dev")
COMMIT  := $(shell git rev-parse --short HEAD 2>/dev/null || echo unknown)
LDFLAGS := -s -w -X main.version=$(VERSION) -X main.commit=$(COMMIT)
BENCHTIME ?= 2s

.PHONY: all run test fuzz dist build eval setup setup-display bench bench-go bench-start generate screenshot clean

all: build

setup:
	@bash .ci/setup

setup-display:
	@bash .ci/setup --display

build: setup
	$(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN) ./cmd/eventmap

# Opens the app. Without a display (a Linux server, CI), it runs under Xvfb.
run: build
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ] || [ "$$(uname -s)" = Darwin ]; then ./$(BIN); \
	else echo "no display: running under xvfb-run"; $(MAKE) --no-print-directory setup-display && xvfb-run -a -s "-screen 0 1280x800x24" ./$(BIN); fi

test: setup
	$(GO) vet ./...
	$(GO) test -race ./...

# Each fuzz target for a short while (CI runs this after the tests).
FUZZTIME ?= 5s
fuzz: setup
	@set -e; for pkg in $$(grep -rl --include='*_test.go' '^func Fuzz' . | xargs -n1 dirname | sort -u); do \
		for f in $$(grep -h '^func Fuzz' $$pkg/*_test.go | sed 's/func \(Fuzz[A-Za-z0-9_]*\).*/\1/'); do \
			echo "fuzz $$pkg $$f ($(FUZZTIME))"; \
			$(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$pkg; \
		done; \
	done

# Linux .tar.xz and Windows .exe with fyne package (see .ci/dist; the macOS
# .app is built on a Mac with .ci/dist-macos).
dist:
	@bash .ci/setup --dist
	bash .ci/dist

# Each corpus scored with a resolver model trained on the other corpora only.
CORPORA ?= ../shared/corpora/lgl.xml ../shared/corpora/TR-News.xml ../shared/corpora/GeoVirus.xml
eval: setup
	$(GO) run ./cmd/eventmap eval --loco $(CORPORA)

generate:
	$(GO) generate ./assets/...

bench: bench-go bench-start

bench-go: setup
	$(GO) test -run '^$$' -bench . -benchtime $(BENCHTIME) -count 5 ./geo/... ./data/eventindex ./app | tee bench.txt
	@echo "the store's million-event benchmarks: go test -run '^$$' -bench Million -benchtime 1x ./data/store/"

# Process start to first frame of the map, 7 runs under Xvfb (median).
bench-start: build setup-display
	@for i in 1 2 3 4 5 6 7; do \
		EVENTMAP_FIRST_FRAME=1 xvfb-run -a -s "-screen 0 1280x800x24" ./$(BIN) 2>&1 | grep 'first frame'; \
	done | awk '{print $$3}' | sort -n | awk '{a[NR]=$$1} END {print "first frame median: " a[int((NR+1)/2)] " ms (" NR " runs)"}'

# The README's screenshot: the real window under Xvfb.
screenshot: build setup-display
	bash .ci/screenshot $(BIN) assets/screenshots/main-window.png

clean:
	rm -rf bin dist bench.txt
