# VM tests (included from the top Makefile).
#   make check-vm    build kmod/nlppp.ko for the guest kernel, boot it once in
#                    qemu and run tests/vm/test_*.sh; results in build/results/vm
#   make vm-shell    the same VM with an interactive shell (exit powers off)
# KVER: the guest kernel (default: newest in /lib/modules that is not the
# running one). VM_TESTS: which tests. VM_KEEP_GOING=1: record failures but
# exit 0 (inside `make check`, where scripts/summary.sh gives the verdict).

KVER ?= $(shell ls /lib/modules 2>/dev/null | grep -vxF "$$(uname -r)" | sort -V | tail -1)
VM_TESTS ?= $(wildcard tests/vm/test_*.sh)
VM_RESULTS ?= build/results/vm

.PHONY: check-vm vm-shell

check-vm:
	@scripts/install-deps.sh vm
	@mkdir -p $(dir $(VM_RESULTS)) && rm -f $(VM_RESULTS)
	@scripts/vm/build-module.sh "$(KVER)" $(VM_RESULTS); mrc=$$?; \
	KVER="$(KVER)" RESULTS=$(VM_RESULTS) scripts/vm/run.sh $(VM_TESTS); rc=$$?; \
	[ $$mrc = 0 ] || rc=1; \
	[ "$(VM_KEEP_GOING)" = 1 ] || exit $$rc

vm-shell:
	@scripts/install-deps.sh vm
	@KVER="$(KVER)" scripts/vm/run.sh --shell
