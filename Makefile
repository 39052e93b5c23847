# newsx: every target sets up what it needs (virtual environment, pinned packages, generated code).
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt
PROTO := protos/newsx/v1/extraction.proto
GEN := gen/newsx/v1/extraction_pb2.py
DEPS_STAMP := $(VENV)/.deps-installed
TOOLS_STAMP := $(VENV)/.codegen-tools-installed
BUF_VERSION := 1.75.0
BUF := .tools/node_modules/.bin/buf
# The seed article was published on 9 October 2024: its relative dates resolve against that day.
SEED_PUBLISHED_AT ?= 2024-10-09
PY_SOURCES := service client evaluation training bench tests

.PHONY: run test test-browser proto lint eval train bench soak clean install

install: $(DEPS_STAMP)

$(PY):
	$(PYTHON) -m venv $(VENV)

# grpcio-tools and the googleapis protos come first: the package's own install needs the generated code.
$(TOOLS_STAMP): constraints.txt | $(PY)
	$(PIP) grpcio-tools googleapis-common-protos protobuf
	touch $@

proto: $(GEN)

$(GEN): $(PROTO) $(TOOLS_STAMP)
	rm -rf gen/newsx
	mkdir -p gen
	$(PY) -m grpc_tools.protoc -Iprotos -I$$($(PY) -c 'import google.rpc, pathlib; print(pathlib.Path(google.rpc.__path__[0]).parents[1])') \
		--python_out=gen --grpc_python_out=gen --pyi_out=gen $(PROTO)
	touch gen/newsx/__init__.py gen/newsx/v1/__init__.py

$(DEPS_STAMP): pyproject.toml constraints.txt $(GEN)
	$(PIP) -e '.[test,eval,bench,lint]'
	touch $@

run: $(DEPS_STAMP)
	@mkdir -p build
	@rm -f build/run.address
	@$(VENV)/bin/newsx serve --address 127.0.0.1:0 --address-file build/run.address --workers 1 --log-format text --log-level WARNING & server=$$!; \
	trap 'kill -TERM $$server 2>/dev/null; wait $$server' EXIT; \
	for i in $$(seq 1 300); do [ -s build/run.address ] && break; sleep 0.2; done; \
	address=$$(cat build/run.address); \
	$(VENV)/bin/newsx health --server $$address --wait 60 && \
	$(VENV)/bin/newsx extract --server $$address --published-at $(SEED_PUBLISHED_AT) seeds/*.txt

test: $(DEPS_STAMP) lint
	$(PY) -m pytest

# The HTML page (--format html) in headless Chromium: Debian's chromium and chromium-driver are
# installed when missing (apt-get, as root), then the tests marked browser run (make test skips them).
test-browser: $(DEPS_STAMP)
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || \
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium chromium-driver; }
	$(PY) -m pytest -m browser

$(BUF):
	npm install --silent --no-audit --no-fund --prefix .tools @bufbuild/buf@$(BUF_VERSION)

build/proto-deps/google/rpc/status.proto: $(TOOLS_STAMP)
	mkdir -p $(@D)
	cp $$($(PY) -c 'import google.rpc, pathlib; print(pathlib.Path(google.rpc.__path__[0]) / "status.proto")') $@

# The proto (buf, STANDARD + COMMENTS), the Python (ruff lint and format) and its types (mypy).
lint: $(DEPS_STAMP) $(BUF) build/proto-deps/google/rpc/status.proto
	$(BUF) lint
	$(VENV)/bin/ruff check $(PY_SOURCES)
	$(VENV)/bin/ruff format --check $(PY_SOURCES)
	$(VENV)/bin/mypy service client bench

# Quality on our corpora and on the public development sets (NEWSX_PUBLIC_DEV, default ../shared/public-dev):
# writes evaluation/report.json and README's quality table, fails under a floor.
eval: $(DEPS_STAMP)
	$(PY) -m evaluation
	$(PY) -m evaluation.provenance

# Retrain the small learned components from the public training/dev data (CPU, reproducible).
train: $(DEPS_STAMP)
	$(PY) -m training

bench: $(DEPS_STAMP)
	$(PY) -m bench

soak: $(DEPS_STAMP)
	$(PY) -m bench.soak

clean:
	rm -rf $(VENV) .tools build gen *.egg-info .pytest_cache .hypothesis bench/results
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
