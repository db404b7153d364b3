#!/bin/bash
# nlpppd on the kernel data plane against pppd 2.4.9's ppp_deflate, bsd_comp
# and ppp_mppe: Deflate (CCP types 26 and 24), BSD-Compress, frames lost on
# purpose (CCP Reset, MPPE resync), and nlpppd on the user plane across
# (the comp_cases block of tests/vm/interop_pppd.sh).
cd "$(dirname "$0")/../.." || exit 1
NLPPP_DATAPLANE=kernel NLPPP_MPPE=1 NLPPP_INTEROP_ONLY=comp exec bash tests/vm/interop_pppd.sh
