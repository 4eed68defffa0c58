# artconv - converts Chinese articles to EPUB, DOCX, Markdown and text.
#
#   make run      install what is missing, build, convert the sample
#   make test     install what tests need, run every test
#   make          build ./artconv
#
# See README.md for the other targets (regen, bench, fuzz, asan, valgrind,
# install).  GNU make.

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
INCLUDEDIR ?= $(PREFIX)/include
LIBDIR ?= $(PREFIX)/lib
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
DESTDIR ?=

CC ?= cc
CFLAGS ?= -O2 -g
PKG_CONFIG ?= pkg-config
BUILD ?= build

# External checkers and the corpus of real articles (optional; tests say
# what they skip when these are absent).
CHECK_KIT ?= $(wildcard ../shared/check)
CORPUS ?= $(wildcard ../shared/corpus)
export CHECK_KIT CORPUS

PKGS = libxml-2.0 libzip libcmark zlib libdeflate opencc
# Optional: the EPUB's generated cover as PNG (cairo + pango).  Without
# them the cover stays SVG; `artconv --version` says which.
COVER_PKGS = pangocairo
ifeq ($(origin PNG_COVER),undefined)
PNG_COVER := $(shell $(PKG_CONFIG) --exists $(COVER_PKGS) 2>/dev/null && echo yes || echo no)
endif
ifeq ($(PNG_COVER),yes)
PKGS += $(COVER_PKGS)
COVER_CPPFLAGS = -DARTCONV_PNG_COVER
endif
PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)
CMOCKA_CFLAGS := $(shell $(PKG_CONFIG) --cflags cmocka 2>/dev/null)
CMOCKA_LIBS := $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null)
# glibc has iconv built in; other platforms need -liconv.
ICONV_LIBS := $(shell printf '\043include <iconv.h>\nint main(void){iconv_open("","");return 0;}\n' | \
	$(CC) -x c - -o /dev/null 2>/dev/null || echo -liconv)

WARN = -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes -Wwrite-strings -Wpointer-arith -Wformat=2 \
	-Wvla -Wimplicit-fallthrough
# cmark.h would otherwise define NODE_* short names that clash with doc.h.
ALL_CPPFLAGS = -D_DEFAULT_SOURCE -D_FILE_OFFSET_BITS=64 -DCMARK_NO_SHORT_NAMES -Iinclude -Isrc \
	-Iformats $(COVER_CPPFLAGS) $(PKG_CFLAGS) $(CPPFLAGS)
# Every object can go into the shared library: position-independent, and
# nothing visible outside it but what include/artconv.h exports.
ALL_CFLAGS = $(WARN) -pthread -fPIC -fvisibility=hidden $(CFLAGS)
ALL_LIBS = $(PKG_LIBS) $(ICONV_LIBS) $(LDLIBS)

# The library's layers, lowest first: src/tree (the document, buffers,
# UTF-8, escaping, allocation), src/io (files, zip, PNG, resources),
# src/analyze (shaping, outline, typography, metadata), src/read (one
# folder per input format), formats (one file or folder per output
# format), then src/*.c (the public API).  tests/layers.sh checks that
# includes only point down.
LIB_SRC := $(sort $(shell find src formats -name '*.c'))
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/%.o)
# The command line: cli/, a user of the library like any other.  It sees
# include/ alone (CLI_CPPFLAGS) and links the public static library, whose
# only global symbols are ac_ ones: the link proves it uses nothing else.
CLI_SRC := $(sort $(wildcard cli/*.c))
CLI_OBJ := $(CLI_SRC:%.c=$(BUILD)/%.o)
CLI_CPPFLAGS = -D_DEFAULT_SOURCE -D_FILE_OFFSET_BITS=64 -Iinclude $(CPPFLAGS)
# The command line's own file and string tools, which tests also check.
CLI_UTIL_OBJ := $(BUILD)/cli/files.o $(BUILD)/cli/util.o
LIB := $(BUILD)/libartconv.a
BIN := $(BUILD)/artconv
TEST_SRC := $(sort $(wildcard tests/test_*.c))
TEST_BIN := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)
TOOL_SRC := $(sort $(wildcard tests/tool_*.c))
TOOL_BIN := $(TOOL_SRC:tests/%.c=$(BUILD)/tests/%)
FUZZ_SRC := $(sort $(wildcard tests/fuzz_*.c))
HEADERS := $(wildcard include/*.h cli/*.h) $(shell find src formats -name '*.h')

# The public library, versioned from include/artconv.h.
VERSION := $(shell sed -n 's/^\#define AC_VERSION_STRING[^"]*"\(.*\)"/\1/p' include/artconv.h)
MAJOR := $(firstword $(subst ., ,$(VERSION)))
SHLIB := $(BUILD)/lib/libartconv.so.$(VERSION)
STLIB := $(BUILD)/lib/libartconv.a
PUBLIC_LIBS := $(SHLIB) $(STLIB)

.PHONY: all run test deps test-deps unit layers golden spec corpus preserve cli batch hostile attack convert engines roundtrip checks regen bench \
	fuzz fuzz-long asan valgrind install uninstall clean lint man check-man lib libtest

all: artconv lib

artconv: $(BIN)
	$(Q)cp $(BIN) $@

# V=1 shows the full commands.
Q = $(if $(V),,@)

$(BUILD)/%.o: %.c $(HEADERS)
	@mkdir -p $(dir $@)
	@$(if $(V),,echo "  CC      $<")
	$(Q)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/cli/%.o: cli/%.c $(HEADERS)
	@mkdir -p $(dir $@)
	@$(if $(V),,echo "  CC      $<")
	$(Q)$(CC) $(CLI_CPPFLAGS) $(ALL_CFLAGS) -c $< -o $@

# Built again when PNG_COVER changes; says what a build without it lacks.
$(BUILD)/formats/epub/cover_png.o: $(BUILD)/png-cover-$(PNG_COVER)
$(BUILD)/png-cover-$(PNG_COVER):
	@mkdir -p $(dir $@)
	@rm -f $(BUILD)/png-cover-*
	@touch $@
	@[ $(PNG_COVER) = yes ] || echo "  NOTE    building without pangocairo (PNG_COVER=$(PNG_COVER)): EPUB covers will be SVG only" \
		"(Debian: libpango1.0-dev libcairo2-dev fonts-noto-cjk)"

$(LIB): $(LIB_OBJ)
	$(Q)rm -f $@
	$(Q)$(AR) rcs $@ $(LIB_OBJ)

# The shared library exports the ac_ functions alone (visibility, and the
# version script for anything else a linker might add).
$(SHLIB): $(LIB_OBJ) src/artconv.map
	@mkdir -p $(dir $@)
	@$(if $(V),,echo "  LD      $@")
	$(Q)$(CC) -shared $(ALL_CFLAGS) $(LDFLAGS) -Wl,-soname,libartconv.so.$(MAJOR) \
		-Wl,--version-script=src/artconv.map -Wl,-z,defs $(LIB_OBJ) $(ALL_LIBS) -o $@

# The static library is one object whose only global symbols are ac_
# ones, so that a program linking it statically cannot clash with
# internal names (buf_put, writers ...).
$(STLIB): $(LIB_OBJ)
	@mkdir -p $(dir $@)
	@$(if $(V),,echo "  AR      $@")
	$(Q)$(LD) -r -o $(BUILD)/lib/artconv.o $(LIB_OBJ)
	$(Q)objcopy --localize-hidden $(BUILD)/lib/artconv.o
	$(Q)rm -f $@
	$(Q)$(AR) rcs $@ $(BUILD)/lib/artconv.o

lib: $(PUBLIC_LIBS)

$(BIN): $(CLI_OBJ) $(STLIB)
	@$(if $(V),,echo "  LD      $@")
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) $(CLI_OBJ) $(STLIB) $(ALL_LIBS) -o $@

$(BUILD)/tests/%: tests/%.c tests/testutil.h tests/tu_png.h $(LIB) $(CLI_UTIL_OBJ) $(HEADERS)
	@mkdir -p $(dir $@)
	@$(if $(V),,echo "  CC      $<")
	$(Q)$(CC) $(ALL_CPPFLAGS) $(CMOCKA_CFLAGS) $(ALL_CFLAGS) $(LDFLAGS) \
		$< $(CLI_UTIL_OBJ) $(LIB) $(CMOCKA_LIBS) $(ALL_LIBS) -o $@

# --- set-up ---------------------------------------------------------------

deps:
	@.ci/install-deps build

test-deps:
	@.ci/install-deps test

# --- the two commands from the README --------------------------------------

run: deps
	@$(MAKE) --no-print-directory all
	@mkdir -p out
	./artconv --force -t $$(./artconv --list-formats | tr '\n' ',' | sed 's/,$$//') \
		-o out/ fixtures/sample.txt
	@echo "artconv: wrote" out/sample.*

test: test-deps
	@$(MAKE) --no-print-directory all unit layers golden spec corpus preserve cli batch hostile libtest attack convert engines roundtrip checks

# --- tests -------------------------------------------------------------------

# The library's folders only depend downwards (ranks in tests/layers.sh).
layers:
	@tests/layers.sh

# cmocka prints every test; only failures and the summaries are shown.
unit: $(TEST_BIN) $(TOOL_BIN) artconv
	@fail=0; for t in $(TEST_BIN); do \
		$(VALGRIND) $$t > $$t.log 2>&1 || { fail=1; cat $$t.log; }; \
		printf '%-26s %s\n' "$$(basename $$t)" "$$(grep -E 'PASSED|FAILED  \] [0-9]' $$t.log | tr '\n' ' ')"; \
	done; test $$fail = 0

golden: artconv $(TOOL_BIN)
	@BIN=./artconv TOOLS=$(BUILD)/tests tests/golden.sh

# The examples of docs/outline.md, run like cmark's spec tests.
spec: $(TOOL_BIN)
	@$(BUILD)/tests/tool_outline_spec docs/outline.md

corpus: artconv $(TOOL_BIN)
	@BIN=./artconv TOOLS=$(BUILD)/tests tests/corpus.sh

preserve: artconv $(TOOL_BIN)
	@TOOLS=$(BUILD)/tests tests/preserve.sh

cli: artconv $(TOOL_BIN)
	@BIN=./artconv TOOLS=$(BUILD)/tests tests/cli.sh

batch: artconv
	@BIN=./artconv tests/batch.sh

hostile: artconv $(TOOL_BIN)
	@BIN=./artconv TOOLS=$(BUILD)/tests tests/hostile.sh

attack: artconv $(TOOL_BIN)
	@BIN=./artconv TOOLS=$(BUILD)/tests tests/attack.sh

convert: artconv
	@BIN=./artconv tests/convert.sh

engines: artconv $(TOOL_BIN)
	@BIN=./artconv TOOLS=$(BUILD)/tests tests/engines.sh

roundtrip: artconv $(TOOL_BIN)
	@BIN=./artconv TOOLS=$(BUILD)/tests tests/roundtrip.sh

# The library as a user gets it: installed into a temporary DESTDIR, found
# with pkg-config, its outputs equal to the command line's.
libtest: artconv lib
	@BIN=./artconv BUILD=$(BUILD) CC="$(CC)" MAKE="$(MAKE)" tests/lib.sh

checks: artconv $(TOOL_BIN)
	@BIN=./artconv TOOLS=$(BUILD)/tests tests/checks.sh

regen: artconv $(TOOL_BIN)
	@BIN=./artconv TOOLS=$(BUILD)/tests tests/golden.sh --regen

bench: artconv
	@BIN=./artconv bench/run.sh

# Leaks of system libraries (fontconfig) are not artconv's: tests/lsan.supp.
LSAN_SUPP = suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0
asan fuzz fuzz-long: export LSAN_OPTIONS = $(LSAN_SUPP)

# Sanitizer build in its own directory, running the unit and golden tests.
asan:
	@$(MAKE) --no-print-directory BUILD=build-asan \
		CFLAGS="-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all" \
		LDFLAGS="-fsanitize=address,undefined" build-asan/artconv $(TEST_SRC:tests/%.c=build-asan/tests/%) \
		$(TOOL_SRC:tests/%.c=build-asan/tests/%)
	@fail=0; for t in $(TEST_SRC:tests/%.c=build-asan/tests/%); do $$t || fail=1; done; \
		test $$fail = 0
	@BIN=build-asan/artconv TOOLS=build-asan/tests tests/golden.sh
	@build-asan/tests/tool_outline_spec docs/outline.md
	@BIN=build-asan/artconv TOOLS=build-asan/tests tests/corpus.sh
	@TOOLS=build-asan/tests tests/preserve.sh
	@BIN=build-asan/artconv TOOLS=build-asan/tests tests/cli.sh
	@BIN=build-asan/artconv tests/batch.sh
	@BIN=build-asan/artconv TOOLS=build-asan/tests HOSTILE_SLOWER=4 tests/hostile.sh
	@BIN=build-asan/artconv TOOLS=build-asan/tests ATTACK_SLOWER=4 tests/attack.sh

valgrind: artconv $(TEST_BIN)
	@BIN=./artconv TOOLS=$(BUILD)/tests tests/valgrind.sh

FUZZ_SECONDS ?= 60
fuzz:
	@FUZZ_SECONDS=$(FUZZ_SECONDS) tests/fuzz.sh

# Every fuzz target at once for FUZZ_LONG_SECONDS, with persistent corpora
# (FUZZ_CORPUS_DIR/corpus-NAME) and a summary table; see tests/fuzz.sh.
FUZZ_LONG_SECONDS ?= 3600
fuzz-long:
	@FUZZ_LONG_SECONDS=$(FUZZ_LONG_SECONDS) tests/fuzz.sh long

# For tests/fuzz.sh: the flags the library was built with.
print-cflags:
	@echo $(ALL_CPPFLAGS) $(WARN) -pthread
print-libs:
	@echo $(ALL_LIBS) -pthread

lint:
	clang-tidy $(LIB_SRC) $(CLI_SRC) -- $(ALL_CPPFLAGS) -std=c11

# The man page's section on the formats' options comes from the writers'
# tables: make man rewrites it, check-man fails when it is out of date.
man: artconv
	@BIN=./artconv tests/man.sh --update

check-man: artconv
	@BIN=./artconv tests/man.sh
	@LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l ./artconv.1 >/dev/null

install: artconv lib
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(INCLUDEDIR) \
		$(DESTDIR)$(LIBDIR) $(DESTDIR)$(PKGCONFIGDIR)
	install -m 755 artconv $(DESTDIR)$(BINDIR)/artconv
	install -m 644 artconv.1 $(DESTDIR)$(MANDIR)/man1/artconv.1
	install -m 644 include/artconv.h $(DESTDIR)$(INCLUDEDIR)/artconv.h
	install -m 755 $(SHLIB) $(DESTDIR)$(LIBDIR)/libartconv.so.$(VERSION)
	ln -sf libartconv.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libartconv.so.$(MAJOR)
	ln -sf libartconv.so.$(MAJOR) $(DESTDIR)$(LIBDIR)/libartconv.so
	install -m 644 $(STLIB) $(DESTDIR)$(LIBDIR)/libartconv.a
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' \
		-e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' -e 's|@VERSION@|$(VERSION)|' \
		-e 's|@REQUIRES_PRIVATE@|$(PKGS)|' \
		-e 's|@LIBS_PRIVATE@|-pthread $(ICONV_LIBS)|' artconv.pc.in \
		> $(DESTDIR)$(PKGCONFIGDIR)/artconv.pc
	chmod 644 $(DESTDIR)$(PKGCONFIGDIR)/artconv.pc

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/artconv $(DESTDIR)$(MANDIR)/man1/artconv.1 \
		$(DESTDIR)$(INCLUDEDIR)/artconv.h $(DESTDIR)$(LIBDIR)/libartconv.so.$(VERSION) \
		$(DESTDIR)$(LIBDIR)/libartconv.so.$(MAJOR) $(DESTDIR)$(LIBDIR)/libartconv.so \
		$(DESTDIR)$(LIBDIR)/libartconv.a $(DESTDIR)$(PKGCONFIGDIR)/artconv.pc

clean:
	rm -rf build build-asan build-fuzz artconv out
