# nlppp top-level Makefile.
#   make            build nlpppd (and, later, the module)
#   make check      install deps, build, run every test (CI runs this)
#   make demo       a real PPP link end to end
#   make fuzz       run the fuzz targets for longer (FUZZ_TIME seconds each)
#   make bench      codec benchmarks with ratios against reference loops

CC ?= gcc
VERSION := 0.1
BUILD ?= build
PKGS := libnl-3.0 libnl-route-3.0 libnl-genl-3.0 libcrypto json-c zlib
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CFLAGS ?= -O2 -g
SAN ?=
WARN := -Wall -Wextra -Werror -Wno-unused-parameter
ALL_CFLAGS = -std=gnu11 -DNLPPP_VERSION=\"$(VERSION)\" $(WARN) -D_GNU_SOURCE $(CPPFLAGS) -Iinclude -Idaemon -Itests/unit \
	$(PKG_CFLAGS) $(CFLAGS) $(SAN)
LDLIBS = $(PKG_LIBS) -lutil

PREFIX ?= /usr/local
SBINDIR ?= $(PREFIX)/sbin
MANDIR ?= $(PREFIX)/share/man

LIBPPP_SRC := $(wildcard libppp/*.c)
DAEMON_SRC := $(filter-out daemon/main.c daemon/nlpppctl.c,$(wildcard daemon/*.c daemon/*/*.c))
# nlpppctl needs only the request checks and the formatters, and json-c.
CTL_OBJ := $(addprefix $(BUILD)/obj/daemon/,nlpppctl.o ctl_request.o ctl_format.o)
CTL_LIBS := $(shell pkg-config --libs json-c 2>/dev/null)
UNIT_SRC := $(wildcard tests/unit/test_*.c)
# What the unit tests and the fuzzers share (the link rig).
TESTLIB_SRC := tests/unit/rig.c
BENCH_SRC := $(wildcard tests/bench/bench_*.c)
FUZZ_SRC := $(wildcard tests/fuzz/fuzz_*.c)

LIBPPP_OBJ := $(LIBPPP_SRC:%.c=$(BUILD)/obj/%.o)
DAEMON_OBJ := $(DAEMON_SRC:%.c=$(BUILD)/obj/%.o)
TESTLIB_OBJ := $(TESTLIB_SRC:%.c=$(BUILD)/obj/%.o)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
BENCH_BIN := $(BENCH_SRC:tests/bench/%.c=$(BUILD)/bench/%)
FUZZ_BIN := $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/fuzz/%)

SANFLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
FUZZ_TIME ?= 300
CHECK_FUZZ_TIME ?= 8



.PHONY: all module deps deps-all demo-run check check-run check-unit check-dist check-host check-host-asan check-fuzz fuzz-build fuzz fuzz-bins \
	bench bench-sessions demo install uninstall dist-files dkms-source dkms-install dkms-uninstall deb clean unit-bins loadgen

# The module: against the running kernel's headers, else the newest
# installed ones (this build machine runs a kernel without module support).
MOD_KVER ?= $(shell if [ -d /lib/modules/$$(uname -r)/build ]; then uname -r; \
	else ls /lib/modules 2>/dev/null | sort -V | while read k; do \
	[ -d /lib/modules/$$k/build ] && echo $$k; done | tail -1; fi)
KDIR ?= /lib/modules/$(MOD_KVER)/build

# The sanitizer and fuzz variants (BUILD=build/...) leave the module alone.
all: $(BUILD)/nlpppd $(BUILD)/nlpppctl $(if $(filter build,$(BUILD)),module)

module:
	@if [ -d "$(KDIR)" ]; then env -u MAKEFLAGS -u MFLAGS $(MAKE) -C $(KDIR) M=$(CURDIR)/kmod modules; \
	else echo "nlppp.ko: no kernel headers installed (linux-headers-$$(uname -r)); not built"; fi

deps:
	@scripts/install-deps.sh host

deps-all:
	@scripts/install-deps.sh all

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/libppp.a: $(LIBPPP_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@ && ar rcs $@ $^

$(BUILD)/libnlpppd.a: $(DAEMON_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@ && ar rcs $@ $^

$(BUILD)/libtest.a: $(TESTLIB_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@ && ar rcs $@ $^

$(BUILD)/nlpppd: $(BUILD)/obj/daemon/main.o $(BUILD)/libnlpppd.a $(BUILD)/libppp.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/nlpppctl: $(CTL_OBJ)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(CTL_LIBS)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libtest.a $(BUILD)/libnlpppd.a $(BUILD)/libppp.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/bench/%: tests/bench/%.c $(BUILD)/libppp.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# The PPP session load generator. Not named bench_*: `make bench` does not run it.
LOADGEN_SRC := tests/bench/loadgen.c $(wildcard tests/bench/loadgen/*.c)
LOADGEN_OBJ := $(LOADGEN_SRC:%.c=$(BUILD)/obj/%.o)

$(BUILD)/bench/loadgen: $(LOADGEN_OBJ) $(BUILD)/libnlpppd.a $(BUILD)/libppp.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# Its pure parts have a unit test like the rest of the tree.
$(BUILD)/tests/test_loadgen: tests/unit/test_loadgen.c $(BUILD)/obj/tests/bench/loadgen/icmp.o \
		$(BUILD)/obj/tests/bench/loadgen/stats.o $(BUILD)/libppp.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

loadgen: $(BUILD)/bench/loadgen

$(BUILD)/fuzz/%: tests/fuzz/%.c $(BUILD)/libtest.a $(BUILD)/libnlpppd.a $(BUILD)/libppp.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer -o $@ $^ $(LDLIBS)

$(BUILD)/host/dp_smoke: tests/host/dp_smoke.c $(BUILD)/libnlpppd.a $(BUILD)/libppp.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# The hostile peer: libppp framing, OpenSSL's MD5 for CHAP.
$(BUILD)/host/hostile_peer: tests/host/hostile_peer.c $(BUILD)/libppp.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(LDLIBS)

# Hostile PPPoE frames on an interface (tests/host/test_pppoe.sh).
$(BUILD)/host/pppoe_inject: tests/host/pppoe_inject.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $^

unit-bins: $(UNIT_BIN)
fuzz-bins: $(FUZZ_BIN)

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)

include scripts/vm/vm.mk

# --- tests -----------------------------------------------------------------

check: deps-all
	@rm -rf build/results && mkdir -p build/results
	$(MAKE) all unit-bins
	$(MAKE) check-unit
	$(MAKE) check-dist
	$(MAKE) BUILD=build/asan SAN="$(SANFLAGS)" all unit-bins
	$(MAKE) BUILD=build/asan check-unit
	$(MAKE) fuzz-build
	$(MAKE) all $(HOST_BINS)
	@# The fuzzers (CPU-bound, one core) run beside the host tests, which
	@# mostly wait on peers and timers; the fuzzers' output follows theirs.
	@scripts/run-fuzz.sh build/fuzz/fuzz $(CHECK_FUZZ_TIME) build/results/fuzz > build/fuzz-run.log 2>&1 & \
	pid=$$!; $(MAKE) check-host; rc=$$?; wait $$pid; cat build/fuzz-run.log; exit $$rc
	$(MAKE) check-host-asan
	$(MAKE) check-vm VM_KEEP_GOING=1
	@scripts/summary.sh build/results

check-unit:
	@scripts/run-unit.sh $(BUILD)/tests build/results/unit-$(subst /,_,$(BUILD))

# make install/uninstall, the service files, the Debian packages (lintian).
check-dist: $(BUILD)/nlpppd $(BUILD)/nlpppctl
	@BUILD=$(BUILD) scripts/run-dist.sh build/results/dist

fuzz-build:
	$(MAKE) BUILD=build/fuzz CC=clang CFLAGS="-O1 -g" \
		SAN="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all" fuzz-bins

check-fuzz: fuzz-build
	@scripts/run-fuzz.sh build/fuzz/fuzz $(CHECK_FUZZ_TIME) build/results/fuzz

HOST_BINS = $(BUILD)/host/dp_smoke $(BUILD)/host/hostile_peer $(BUILD)/bench/loadgen \
	$(BUILD)/host/pppoe_inject
check-host: all $(HOST_BINS)
	@DP_SMOKE=$(BUILD)/host/dp_smoke HOSTILE_PEER=$(BUILD)/host/hostile_peer \
	PPPOE_INJECT=$(BUILD)/host/pppoe_inject scripts/run-host.sh $(BUILD)/nlpppd build/results/host

# The same end-to-end tests with nlpppd built with ASan+UBSan; any report fails.
check-host-asan:
	$(MAKE) BUILD=build/asan SAN="$(SANFLAGS)" all build/asan/host/dp_smoke build/asan/host/hostile_peer \
		build/asan/bench/loadgen build/asan/host/pppoe_inject
	@rm -rf build/asan/reports && mkdir -p build/asan/reports
	@ASAN_OPTIONS=detect_leaks=1:log_path=$(CURDIR)/build/asan/reports/asan \
	UBSAN_OPTIONS=print_stacktrace=1:log_path=$(CURDIR)/build/asan/reports/ubsan \
	DP_SMOKE=build/asan/host/dp_smoke HOSTILE_PEER=build/asan/host/hostile_peer \
	PPPOE_INJECT=build/asan/host/pppoe_inject scripts/run-host.sh build/asan/nlpppd build/results/host-asan
	@scripts/sanitizer-reports.sh build/asan/reports build/results/sanitizer

fuzz: deps
	$(MAKE) fuzz-build
	@rm -rf build/results && mkdir -p build/results
	@scripts/run-fuzz.sh build/fuzz/fuzz $(FUZZ_TIME) build/results/fuzz
	@scripts/summary.sh build/results

bench: deps-all
	$(MAKE) CFLAGS="-O2 -g -march=native" BUILD=build/bench-build $(BENCH_SRC:tests/bench/%.c=build/bench-build/bench/%)
	@for b in build/bench-build/bench/bench_*; do echo "== $$b"; $$b || exit 1; done
	$(MAKE) bench-sessions
	$(MAKE) bench-vm

# 1000 sessions against one `nlpppd listen`: sessions/s and memory per session.
bench-sessions: all loadgen
	@echo "== tests/bench/sessions.sh"
	@tests/bench/sessions.sh $(or $(SESSIONS),1000)

# A sub-make, so that kernel versions are looked up after the packages exist.
demo: deps-all
	@$(MAKE) --no-print-directory demo-run

demo-run: all
	@scripts/vm/build-module.sh "$(KVER)" /dev/null >/dev/null 2>&1 || true
	@scripts/demo-best.sh

# --- install ---------------------------------------------------------------
# A Debian admin's `make install` goes to /usr/local (sbin for the
# programs; systemd, bash-completion and man find their files there too);
# /etc/ppp is the daemon's and is never written: example peers go to
# $(DOCDIR)/examples. /etc/init.d/nlppp only where there is none.
# `make uninstall` (same PREFIX and DESTDIR) removes what the manifest
# $(DATADIR)/nlppp/install-manifest says install wrote. The module:
# `make dkms-install` (or `make install DKMS=1`). Packages: `make deb`.
INCLUDEDIR ?= $(PREFIX)/include
DATADIR ?= $(PREFIX)/share
DOCDIR ?= $(DATADIR)/doc/nlppp
BASHCOMPDIR ?= $(DATADIR)/bash-completion/completions
SYSTEMDUNITDIR ?= $(PREFIX)/lib/systemd/system
MODULESLOADDIR ?= $(PREFIX)/lib/modules-load.d
SYSCONFDIR ?= /etc
DKMS ?=
DKMS_SRC ?= /usr/src/nlppp-$(VERSION)
INSTALL_ENV = DESTDIR="$(DESTDIR)" BUILD="$(BUILD)" PREFIX="$(PREFIX)" SBINDIR="$(SBINDIR)" \
	MANDIR="$(MANDIR)" INCLUDEDIR="$(INCLUDEDIR)" DATADIR="$(DATADIR)" DOCDIR="$(DOCDIR)" \
	BASHCOMPDIR="$(BASHCOMPDIR)" SYSTEMDUNITDIR="$(SYSTEMDUNITDIR)" SYSCONFDIR="$(SYSCONFDIR)"

# Files with the installed paths in them: made anew each time, for this SBINDIR.
DIST_GEN := $(addprefix $(BUILD)/dist/,nlppp-on nlppp-off nlppp.init nlpppd@.service nlppp.service nlpppd.bash)
DIST_SED = sed -e 's|@SBINDIR@|$(SBINDIR)|g' -e 's|@SYSCONFDIR@|$(SYSCONFDIR)|g' -e 's|@VERSION@|$(VERSION)|g'

$(BUILD)/dist/nlppp-on: dist/nlppp-on.in FORCE
$(BUILD)/dist/nlppp-off: dist/nlppp-off.in FORCE
$(BUILD)/dist/nlppp.init: dist/init.d/nlppp.in FORCE
$(BUILD)/dist/nlpppd@.service: dist/systemd/nlpppd@.service.in FORCE
$(BUILD)/dist/nlppp.service: dist/systemd/nlppp.service.in FORCE
$(BUILD)/dist/nlppp-on $(BUILD)/dist/nlppp-off $(BUILD)/dist/nlppp.init $(BUILD)/dist/nlpppd@.service \
		$(BUILD)/dist/nlppp.service:
	@mkdir -p $(dir $@)
	@$(DIST_SED) $< > $@.tmp && chmod --reference=$< $@.tmp && mv $@.tmp $@
$(BUILD)/dist/nlpppd.bash: dist/bash-completion/nlpppd.in daemon/options.c scripts/gen-completion.sh
	@mkdir -p $(dir $@)
	scripts/gen-completion.sh daemon/options.c $< > $@.tmp && mv $@.tmp $@

dist-files: $(DIST_GEN)
FORCE:

install: $(BUILD)/nlpppd $(BUILD)/nlpppctl $(DIST_GEN)
	@$(INSTALL_ENV) scripts/install.sh install
	@if [ -n "$(DKMS)" ]; then $(MAKE) --no-print-directory dkms-install; fi

uninstall:
	@$(INSTALL_ENV) scripts/install.sh uninstall
	@if [ -n "$(DKMS)" ]; then $(MAKE) --no-print-directory dkms-uninstall; fi

# The module's source under /usr/src, registered with DKMS, built and
# installed for the running kernel (and, AUTOINSTALL, every later one);
# modules-load.d loads it at boot.
DKMS_FILES := Kbuild dkms.conf kmod/Kbuild $(filter-out %.mod.c,$(wildcard kmod/*.[ch] kmod/libppp/*.[ch])) \
	$(wildcard include/uapi/linux/*.h include/libppp/*.h libppp/*.[ch])

dkms-source:
	rm -rf $(DKMS_SRC) && mkdir -p $(DKMS_SRC)
	tar cf - $(DKMS_FILES) | tar xf - -C $(DKMS_SRC)

dkms-install:
	@command -v dkms >/dev/null || { echo "dkms-install: needs dkms (apt-get install dkms)"; exit 1; }
	$(MAKE) --no-print-directory dkms-source
	install -D -m 0644 dist/modules-load.d/nlppp.conf $(MODULESLOADDIR)/nlppp.conf
	dkms add nlppp/$(VERSION) || true
	dkms install nlppp/$(VERSION)

dkms-uninstall:
	-dkms remove nlppp/$(VERSION) --all
	rm -rf $(DKMS_SRC) $(MODULESLOADDIR)/nlppp.conf

# Debian packages nlppp and nlppp-dkms (debian/), built in a copy of the
# tracked tree under build/debsrc; the .debs land in build/deb-out.
deb:
	@scripts/build-deb.sh build/debsrc build/deb-out

clean:
	rm -rf build
	[ ! -d "$(KDIR)" ] || $(MAKE) -C $(KDIR) M=$(CURDIR)/kmod clean
