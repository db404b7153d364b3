# VM tests (included from the top Makefile).
#   make check-vm    build kmod/nlppp.ko for the guest kernel, boot it once in
#                    qemu and run tests/vm/test_*.sh; results in build/results/vm
#   make vm-shell    the same VM with an interactive shell (exit powers off)
#   make check-vm-deb  the Debian packages in their own boot: dpkg -i, DKMS
#                    builds the module in the guest, modprobe, a link (about
#                    6 min of TCG time, so not in check-vm nor `make check`)
# KVER: the guest kernel (default: newest in /lib/modules that is not the
# running one). VM_TESTS: which tests. VM_KEEP_GOING=1: record failures but
# exit 0 (inside `make check`, where scripts/summary.sh gives the verdict).

KVER ?= $(shell ls /lib/modules 2>/dev/null | grep -vxF "$$(uname -r)" | sort -V | tail -1)
VM_DEB_TESTS := tests/vm/test_dkms.sh
# Tests kept out of check-vm (a panic would end the whole boot's run):
# run them by hand with scripts/vm/run.sh.
VM_WIP_TESTS :=
VM_TESTS ?= $(filter-out $(VM_DEB_TESTS) $(VM_WIP_TESTS),$(wildcard tests/vm/test_*.sh))
VM_RESULTS ?= build/results/vm

.PHONY: check-vm check-vm-deb vm-shell

# The netlink API test client, built here: compiling in the guest is slow.
build/kmod-vm/nlppp_api_test: tests/vm/nlppp_api_test.c include/uapi/linux/nlppp.h
	@mkdir -p $(dir $@)
	$(CC) -std=gnu11 -O2 -Wall -Wextra -Werror -Iinclude/uapi -o $@ $< \
		$$(pkg-config --cflags --libs libnl-genl-3.0 libnl-3.0)

# Raw async HDLC streams to pcap, for tshark (tests/vm/test_capture.sh).
build/kmod-vm/hdlc2pcap: tests/vm/hdlc2pcap.c build/libppp.a
	@mkdir -p $(dir $@)
	$(CC) -std=gnu11 -O2 -Wall -Wextra -Werror -Iinclude -o $@ $^

# The raw pty throughput, the reference ceiling in bench-vm.
build/kmod-vm/pty_bench: tests/vm/pty_bench.c
	@mkdir -p $(dir $@)
	$(CC) -std=gnu11 -O2 -Wall -Wextra -Werror -o $@ $< -lutil

# A pty relay that loses data frames on purpose (tests/vm/interop_pppd.sh).
build/kmod-vm/droprelay: tests/vm/droprelay.c
	@mkdir -p $(dir $@)
	$(CC) -std=gnu11 -O2 -Wall -Wextra -Werror -o $@ $<

# Raw IPv4/UDP packets into a device, for bench_pppoe.sh's data-plane figures.
build/kmod-vm/udp_inject: tests/vm/udp_inject.c
	@mkdir -p $(dir $@)
	$(CC) -std=gnu11 -O2 -Wall -Wextra -Werror -o $@ $<

# Compression methods, nlppp.ko against ppp_deflate/ppp_mppe/slhc (bench-vm).
build/kmod-vm/comp_bench: tests/vm/comp_bench.c include/uapi/linux/nlppp.h
	@mkdir -p $(dir $@)
	$(CC) -std=gnu11 -O2 -Wall -Wextra -Werror -Iinclude/uapi -o $@ $< -lpthread \
		$$(pkg-config --cflags --libs libnl-genl-3.0 libnl-3.0)

check-vm: build/kmod-vm/nlppp_api_test build/kmod-vm/hdlc2pcap build/host/hostile_peer build/bench/loadgen \
	build/kmod-vm/droprelay build/host/pppoe_inject
	@scripts/install-deps.sh vm
	@mkdir -p $(dir $(VM_RESULTS)) && rm -f $(VM_RESULTS)
	@scripts/vm/build-module.sh "$(KVER)" $(VM_RESULTS); mrc=$$?; \
	KVER="$(KVER)" RESULTS=$(VM_RESULTS) scripts/vm/run.sh $(VM_TESTS); rc=$$?; \
	[ $$mrc = 0 ] || rc=1; \
	[ "$(VM_KEEP_GOING)" = 1 ] || exit $$rc

# The packages test_dkms.sh installs, built again only when a tracked file
# changed since (make deb, as check-dist runs it, always builds them anew).
DEB_STAMP := build/deb-out/.built
$(DEB_STAMP): $(wildcard $(shell git ls-files 2>/dev/null))
	@scripts/build-deb.sh build/debsrc build/deb-out >/dev/null
	@touch $@

check-vm-deb: $(DEB_STAMP)
	@scripts/install-deps.sh vm
	@mkdir -p $(dir $(VM_RESULTS)-deb) && rm -f $(VM_RESULTS)-deb
	@KVER="$(KVER)" RESULTS=$(VM_RESULTS)-deb VM_OUT=build/vm/out-deb VM_TEST_TIMEOUT=1200 \
		VM_TIMEOUT=1500 scripts/vm/run.sh $(VM_DEB_TESTS); rc=$$?; \
	[ "$(VM_KEEP_GOING)" = 1 ] || exit $$rc

vm-shell:
	@scripts/install-deps.sh vm
	@KVER="$(KVER)" scripts/vm/run.sh --shell

# Throughput of pppd + ppp_async vs nlpppd (user and kernel planes), and each
# compression method's cost against the kernel's own, in one VM run.
VM_BENCHES ?= tests/vm/bench_throughput.sh tests/vm/bench_compress.sh tests/vm/bench_pppoe.sh tests/vm/bench_sessions.sh
.PHONY: bench-vm
bench-vm: build/kmod-vm/pty_bench build/kmod-vm/comp_bench build/kmod-vm/udp_inject build/bench/loadgen
	@scripts/install-deps.sh vm
	@scripts/vm/build-module.sh "$(KVER)" /dev/null || true
	@KVER="$(KVER)" RESULTS=/dev/null scripts/vm/run.sh $(VM_BENCHES)
