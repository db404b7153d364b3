#!/bin/bash
# PPPoE interop with nlpppd on the user-space data plane: pppd + rp-pppoe.so
# against an nlpppd concentrator, an nlpppd client against rp-pppoe's
# pppoe-server (tests/vm/interop_pppoe.sh).
cd "$(dirname "$0")/../.." || exit 1
NLPPP_DATAPLANE=user exec bash tests/vm/interop_pppoe.sh
