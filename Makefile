# galley — the two commands of a fresh machine:
#   make issue   build the sample issues into out/<journal>/<issue>/
#   make test    run the test suite
# Both install what is missing first (scripts/setup.sh: CJK fonts, xmllint, poppler).
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

test: setup
	$(CARGO) test --release --locked

bench: setup
	$(CARGO) bench --locked

lint:
	$(CARGO) fmt --check
	$(CARGO) clippy --release --all-targets --locked -- -D warnings

clean:
	rm -rf $(OUT)
