# eventmap — build, run, test and benchmark.
#
#   make run     install what is missing, build, and open the app
#   make test    install what is missing, then go vet and go test -race (PostGIS too)
#   make fuzz    every fuzz target for a few seconds (FUZZTIME)
#   make crash   the crash tests (killed ingest, cut and damaged databases)
#   make bench   the benchmarks quoted in the README
#   make bench-instructions the geoparser's instructions per article (valgrind), repeatable on a busy machine
#   make eval    the geoparser's leave-one-corpus-out scores (needs ../shared/corpora)
#   make build   just build bin/eventmap
#   make dist    the Linux and Windows packages, checksums and release notes in dist/
#   make ui-smoke the real window under Xvfb through its main states, screenshots in smoke/

GO      ?= go
BIN     := bin/eventmap
# A tag when there is one, else FyneApp.toml's version marked as a dev build.
VERSION := $(shell git describe --tags --dirty 2>/dev/null || echo "v$$(sed -n 's/^ *Version = "\(.*\)"/\1/p' FyneApp.toml)-dev")
COMMIT  := $(shell git rev-parse --short HEAD 2>/dev/null || echo unknown)
LDFLAGS := -s -w -X main.version=$(VERSION) -X main.commit=$(COMMIT)
# no_emoji leaves out Fyne's colour emoji font (4.2 MB): a news map has no
# use for it, and without it the program stays under 40 MB.
TAGS    := no_emoji
BENCHTIME ?= 2s

.PHONY: all run test fuzz crash dist build eval setup setup-display bench bench-go bench-start bench-instructions generate screenshot ui-smoke clean

all: build

setup:
	@bash .ci/setup

setup-display:
	@bash .ci/setup --display

build: setup
	$(GO) build -trimpath -tags '$(TAGS)' -ldflags '$(LDFLAGS)' -o $(BIN) ./cmd/eventmap

# Opens the app. Without a display (a Linux server, CI), it runs under Xvfb.
run: build
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ] || [ "$$(uname -s)" = Darwin ]; then ./$(BIN); \
	else echo "no display: running under xvfb-run"; $(MAKE) --no-print-directory setup-display && xvfb-run -a -s "-screen 0 1280x800x24" ./$(BIN); fi

# The tests run beside a throwaway PostgreSQL + PostGIS cluster (.ci/with-postgis
# installs and starts it; where it cannot, the PostGIS tests skip and say so).
test: setup
	$(GO) vet ./...
	bash .ci/with-postgis $(GO) test -race ./...

# Each fuzz target for a short while (CI runs this after the tests).
FUZZTIME ?= 5s
fuzz: setup
	@GO=$(GO) FUZZTIME=$(FUZZTIME) bash .ci/fuzz

# The crash tests: ingest killed with SIGKILL at random moments, a database
# cut at random offsets and damaged in the middle.
crash: setup
	$(GO) test -race -count=1 -run 'TestCrash|TestRandomTruncation|TestTruncatedFileIsReportedNotCut|TestGarbageInTheMiddleIsRepaired' ./data/ingest ./data/store

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
	$(GO) test -run '^$$' -bench . -benchtime $(BENCHTIME) -count 5 ./geo/... ./data/eventindex ./app/... | tee bench.txt
	@echo "the store's million-event benchmarks: go test -run '^$$' -bench Million -benchtime 1x ./data/store/"

# Instructions per article of BenchmarkParse, counted by valgrind's
# callgrind: the same for the same binary whatever else the machine runs,
# so two commits compare on a shared machine where timings do not. Runs of
# 1 and 301 articles share the gazetteer's loading; their difference is
# 300 articles. The garbage collector is off: when it runs depends on
# timing, and it moved the count by 2 % from run to run; without it three
# runs agree within 0.2 %, and the allocations are counted by go test
# -benchmem instead. (Go's preemption signals are turned off too, which
# callgrind does not follow; cgo is off, which the geoparser does not use.)
bench-instructions:
	@command -v valgrind >/dev/null || { echo "needs valgrind: apt-get install -y valgrind"; exit 1; }
	CGO_ENABLED=0 $(GO) test -c -o bin/geoparse.test ./geo/geoparse/
	@cd geo/geoparse && for n in 1 301; do \
		GOGC=off GODEBUG=asyncpreemptoff=1 GOMAXPROCS=1 valgrind --tool=callgrind --callgrind-out-file=/dev/null \
			../../bin/geoparse.test -test.run '^$$' -test.bench 'BenchmarkParse$$' -test.benchtime $${n}x 2>&1 | \
			sed -n 's/.*Collected : //p'; \
	done | paste -sd' ' | awk '{printf "BenchmarkParse: %.0f instructions per article\n", ($$2-$$1)/300}'

# Process start to first frame of the map, 7 runs under Xvfb (median).
bench-start: build setup-display
	@for i in 1 2 3 4 5 6 7; do \
		EVENTMAP_FIRST_FRAME=1 xvfb-run -a -s "-screen 0 1280x800x24" ./$(BIN) 2>&1 | grep 'first frame'; \
	done | awk '{print $$3}' | sort -n | awk '{a[NR]=$$1} END {print "first frame median: " a[int((NR+1)/2)] " ms (" NR " runs)"}'

# The README's screenshots: the real window under Xvfb, from the states
# make ui-smoke steps through.
screenshot: ui-smoke
	cp $(SMOKE)/01-first-start.png assets/screenshots/main-window.png
	cp $(SMOKE)/02-import-summary.png assets/screenshots/import-summary.png
	cp $(SMOKE)/03-event-selected.png assets/screenshots/event-selected.png
	cp $(SMOKE)/04-article.png assets/screenshots/article.png
	cp $(SMOKE)/05-correction.png assets/screenshots/correction.png

# The real window under Xvfb, stepped through its main states (first start,
# import summary, event selected, article, correction, settings, dark
# theme): a screenshot of each in smoke/; fails if the window does not come
# up or a screenshot is blank.
SMOKE ?= smoke
ui-smoke: build setup-display
	bash .ci/ui-smoke $(BIN) $(SMOKE)

clean:
	rm -rf bin dist bench.txt smoke
