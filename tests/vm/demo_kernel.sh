#!/bin/bash
# `make demo` inside the VM: load nlppp.ko and run scripts/demo.sh on the
# kernel data plane.
cd "$(dirname "$0")/../.." || exit 1
. tests/vm/lib.sh
require_vm
if ! nlppp_load; then
	echo "demo: nlppp.ko did not load"; echo "0 passed, 1 failed"; exit 1
fi
if DEMO_PLANE=kernel bash scripts/demo.sh "$NLVM_REPO/build/nlpppd"; then
	echo "1 passed, 0 failed"
else
	echo "0 passed, 1 failed"; exit 1
fi
