#!/bin/bash
# PPPoE interop, each plane against a real peer (tests/vm/interop_pppoe.sh):
# pppd + rp-pppoe.so against an nlpppd concentrator on the kernel data plane
# (nlppp.ko's PPPoE links), an nlpppd client on the user-space data plane
# against rp-pppoe's pppoe-server. (interop_pppoe.sh with NLPPP_DATAPLANE
# set and neither of these runs one plane on both sides.)
cd "$(dirname "$0")/../.." || exit 1
NLPPP_DATAPLANE_AC=kernel NLPPP_DATAPLANE_CLIENT=user exec bash tests/vm/interop_pppoe.sh
