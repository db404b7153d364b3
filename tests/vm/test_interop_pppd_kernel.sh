#!/bin/bash
# nlpppd on the kernel data plane (nlppp.ko: line discipline + pppN device)
# against the real pppd 2.4.9 on the guest kernel's ppp_async: both dial
# directions, PAP and CHAP with each side as the authenticator, MS-CHAP,
# MPPE (tests/vm/interop_pppd.sh).
cd "$(dirname "$0")/../.." || exit 1
NLPPP_DATAPLANE=kernel NLPPP_MPPE=1 exec bash tests/vm/interop_pppd.sh
