# galley — the two commands of a fresh machine:
#   make issue   build the sample issues into out/<journal>/<issue>/
#   make test    run the test suite
# Both install what is missing first (scripts/setup.sh: CJK fonts, xmllint, poppler;
# `make test` also chromium, for the review-page browser test).
#
# Everything builds in release mode, tests included: the Typst tree is compiled once and
# shared by `make issue`, `make test` and `make bench`.

CARGO  ?= cargo
# The issues `make issue` builds: the sample page, and a six-article test issue.
ISSUES ?= articles/shanghai-party-history/2010-04 articles/city-governance-review/2018-03
OUT    ?= out
BIN    := $(or $(CARGO_TARGET_DIR),target)/release/galley

.PHONY: all setup build issue test bench lint clean

all: issue

setup:
	@scripts/setup.sh

build:
	$(CARGO) build --release --locked

# articles/<journal>/<issue> → out/<journal>/<issue>
issue: setup build
	@for dir in $(ISSUES); do \
	  dest=$(OUT)/$${dir#articles/}; \
	  $(BIN) issue $$dir --out-dir $$dest || exit 1; \
	  echo "outputs in $$dest/"; \
	done

# The test suite also needs chromium: the review pages are checked in a headless browser.
test:
	@scripts/setup.sh chromium
	$(CARGO) test --release --locked

# galley against the peer chain (ftfy + OpenCC, pandoc, typst-py; installed into bench/work/venv)
# and the criterion benches, one run: the table goes to bench/RESULTS.md. QUICK=1 for a short run.
bench: setup
	@scripts/setup.sh pandoc
	CARGO="$(CARGO)" bench/run.sh

lint:
	$(CARGO) fmt --check
	$(CARGO) clippy --release --all-targets --locked -- -D warnings

clean:
	rm -rf $(OUT)
