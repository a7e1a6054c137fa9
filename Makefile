# meshcheck — every swift call uses the same SWIFT_FLAGS so nothing is compiled twice.
SWIFT ?= swift
SWIFT_FLAGS = -Xswiftc -warnings-as-errors --explicit-target-dependency-import-check error
FORMAT_PATHS = Package.swift Sources Tests Fuzz

.PHONY: build run test bench lint format clean report-screenshot fuzz test-asan load

## build: compile meshcheck (debug)
build:
	$(SWIFT) build $(SWIFT_FLAGS)

# The server `make run` tests: mock (the embedded mock), sandbox (MESH_CLIENT_ID, MESH_CLIENT_SECRET) or a URL.
SERVER ?= mock

## run: build, then run the shipped suites against SERVER (default: the embedded mock; results in reports/)
run: build
	.build/debug/meshcheck run --server '$(SERVER)'

# Tests Swift Testing runs at once. Unbounded, hundreds of tests share the cooperative pool's two threads on a 2-core
# machine and a suspended test can wait tens of seconds to resume, longer than the timeouts some tests exercise.
TEST_WIDTH ?= 8

## test: lint, then the whole test suite (Swift Testing, TEST_WIDTH tests at once); conformance counts are printed
test: lint
	SWT_EXPERIMENTAL_MAXIMUM_PARALLELIZATION_WIDTH=$(TEST_WIDTH) $(SWIFT) test -q $(SWIFT_FLAGS)

## bench: release build, then one line per figure as a ratio against a reference measured in the same run
bench:
	$(SWIFT) run -c release $(SWIFT_FLAGS) meshcheck-bench

# Seconds per fuzz target, and which targets (default: FuzzJSON FuzzYAML FuzzHTTPRequest); docs/hardening.md.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?=

## fuzz: libFuzzer with address sanitizer on the JSON parser, YAML loader and HTTP request parser, FUZZ_SECONDS each,
## seeded from ../shared/corpora (copied into .build/fuzz only); fails on a crash, keeping the input
fuzz:
	FUZZ_SECONDS=$(FUZZ_SECONDS) SWIFT=$(SWIFT) Fuzz/fuzz.sh $(FUZZ_TARGETS)

## test-asan: the whole test suite built with the address sanitizer (own build folder, .build/asan), one test at a
## time: the sanitizer slows every test 2-3 times, and run in parallel the CPU-heavy ones starve the socket tests
test-asan:
	LSAN_OPTIONS=suppressions=$(CURDIR)/Scripts/lsan-suppressions.txt \
		$(SWIFT) test -q --no-parallel --sanitize=address --build-path .build/asan $(SWIFT_FLAGS)

## load: the embedded mock under wrk (30 s, 256 connections) plus a malformed-request flood; needs wrk
load: build
	Scripts/load.sh

## report-screenshot: reports/index.html as reports/index.png (headless Chromium); runs the shipped suites against
## the embedded mock first when reports/results.json is absent
report-screenshot: build
	@command -v chromium >/dev/null 2>&1 || { \
		echo "report-screenshot: chromium is not installed; installing the Debian package 'chromium'"; \
		sudo_cmd=""; [ "$$(id -u)" -ne 0 ] && sudo_cmd="sudo"; \
		$$sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo_cmd apt-get install -y -qq chromium; }
	@if [ ! -f reports/results.json ]; then \
		echo "report-screenshot: no reports/results.json; running the shipped suites against the embedded mock"; \
		$(SWIFT) run $(SWIFT_FLAGS) meshcheck run --out reports || [ $$? -eq 1 ]; \
	fi
	$(SWIFT) run $(SWIFT_FLAGS) meshcheck report reports/results.json --out reports --report html
	@profile=$$(mktemp -d) && chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
		--user-data-dir="$$profile" --window-size=1280,1800 --virtual-time-budget=2000 \
		--screenshot="$(CURDIR)/reports/index.png" "file://$(CURDIR)/reports/index.html" 2>/dev/null; \
		status=$$?; rm -rf "$$profile"; exit $$status
	@echo "report-screenshot: wrote reports/index.png"

## lint: the shell scripts parse (bash -n: CI's entry point must never fail on its own syntax), then swift format
## in strict mode with the committed .swift-format
lint:
	@for script in .ci/run Scripts/*.sh Fuzz/*.sh; do bash -n "$$script" || exit 1; done
	$(SWIFT) format lint --strict --parallel --recursive $(FORMAT_PATHS)

## format: rewrite sources in place with the committed .swift-format
format:
	$(SWIFT) format format --in-place --parallel --recursive $(FORMAT_PATHS)

## clean: remove build products and generated reports (keeps reports/.gitkeep)
clean:
	rm -rf .build
	find reports -mindepth 1 ! -name .gitkeep -exec rm -rf {} +
