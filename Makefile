# meshcheck — every swift call uses the same SWIFT_FLAGS so nothing is compiled twice.
SWIFT ?= swift
SWIFT_FLAGS = -Xswiftc -warnings-as-errors --explicit-target-dependency-import-check error
FORMAT_PATHS = Package.swift Sources Tests

.PHONY: build run test bench lint format clean

## build: compile meshcheck (debug)
build:
	$(SWIFT) build $(SWIFT_FLAGS)

# The server `make run` tests: mock (the embedded mock), sandbox (MESH_CLIENT_ID, MESH_CLIENT_SECRET) or a URL.
SERVER ?= mock

## run: build, then run the shipped suites against SERVER (default: the embedded mock; results in reports/)
run: build
	.build/debug/meshcheck run --server '$(SERVER)'

## test: lint, then the whole test suite (Swift Testing); conformance counts are printed
test: lint
	$(SWIFT) test -q $(SWIFT_FLAGS)

## bench: release build, then one line per figure as a ratio against a reference measured in the same run
bench:
	$(SWIFT) run -c release $(SWIFT_FLAGS) meshcheck-bench

## lint: swift format in strict mode with the committed .swift-format
lint:
	$(SWIFT) format lint --strict --parallel --recursive $(FORMAT_PATHS)

## format: rewrite sources in place with the committed .swift-format
format:
	$(SWIFT) format format --in-place --parallel --recursive $(FORMAT_PATHS)

## clean: remove build products and generated reports (keeps reports/.gitkeep)
clean:
	rm -rf .build
	find reports -mindepth 1 ! -name .gitkeep -exec rm -rf {} +
