# galley — the two commands of a fresh machine:
#   make issue   build the sample issue into out/<journal>/<issue>/
#   make test    run the test suite
# Both install what is missing first (scripts/setup.sh: CJK fonts, xmllint, poppler;
# `make test` also chromium, for the review-page browser test).
#
# Everything builds in release mode, tests included: the Typst tree is compiled once and
# shared by `make issue`, `make test` and `make bench`.

CARGO  ?= cargo
ISSUE  ?= articles/shanghai-party-history/2010-04
OUT    ?= out
BIN    := target/release/galley
# out/<journal>/<issue>/ from articles/<journal>/<issue>/
ISSUE_OUT := $(OUT)/$(notdir $(patsubst %/,%,$(dir $(patsubst %/,%,$(ISSUE)))))/$(notdir $(patsubst %/,%,$(ISSUE)))

.PHONY: all setup build issue test bench lint clean

all: issue

setup:
	@scripts/setup.sh

build:
	$(CARGO) build --release --locked

issue: setup build
	$(BIN) issue $(ISSUE) --out-dir $(ISSUE_OUT)
	@echo "outputs in $(ISSUE_OUT)/"

# The test suite also needs chromium: the review pages are checked in a headless browser.
test:
	@scripts/setup.sh chromium
	$(CARGO) test --release --locked

bench: setup
	$(CARGO) bench --locked

lint:
	$(CARGO) fmt --check
	$(CARGO) clippy --release --all-targets --locked -- -D warnings

clean:
	rm -rf $(OUT)
