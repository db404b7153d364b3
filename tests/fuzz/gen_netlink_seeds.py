#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""
Seeds for fuzz_genl_events and fuzz_rtnl: netlink messages as the kernel
sends them (events, replies, acks, errors with extended ack text).

  tests/fuzz/gen_netlink_seeds.py tests/fuzz/corpus
"""
import os
import struct
import sys

NLMSG_ERROR, NLMSG_DONE = 2, 3
NLM_F_MULTI, NLM_F_CAPPED, NLM_F_ACK_TLVS = 0x2, 0x100, 0x200
FAMILY = 0x1c
# enum nlppp_cmd
BUNDLE_NEW, BUNDLE_GET, LINK_GET, FRAME, LINK_DOWN, CCP_ERROR = 1, 3, 7, 11, 12, 15
# enum nlppp_attrs
A_BUNDLE_ID, A_IFINDEX, A_IFNAME, A_UNIT, A_LINK_ID = 1, 2, 3, 4, 5
A_PROTO, A_PAYLOAD, A_REASON, A_STATS = 15, 16, 17, 18
RTM_NEWLINK, RTM_NEWADDR, RTM_NEWROUTE = 16, 20, 24


def pad(b):
    return b + b"\0" * (-len(b) % 4)


def attr(t, payload):
    return pad(struct.pack("=HH", 4 + len(payload), t) + payload)


def u16(t, v):
    return attr(t, struct.pack("=H", v))


def u32(t, v):
    return attr(t, struct.pack("=I", v))


def u64(t, v):
    return attr(t, struct.pack("=Q", v))


def msg(typ, body, flags=0, seq=0, pid=0):
    return struct.pack("=IHHII", 16 + len(body), typ, flags, seq, pid) + pad(body)


def genl(cmd, attrs, seq=0):
    return msg(FAMILY, struct.pack("=BBH", cmd, 1, 0) + attrs, seq=seq)


def err(error, seq=0, request=b"", text=None, capped=True):
    """An ack (error 0) or error, echoing @request's header (all of it unless capped)."""
    req = request if request else msg(FAMILY, b"\0" * 4, seq=seq)
    body = struct.pack("=i", error) + (req[:16] if capped else req)
    flags = NLM_F_CAPPED if capped else 0
    if text is not None:
        flags |= NLM_F_ACK_TLVS
        body += attr(1, text.encode() + b"\0") + u32(2, 28)   # MSG, OFFS
    return msg(NLMSG_ERROR, body, flags=flags, seq=seq)


def stats(vals):
    return attr(A_STATS | 0x8000, b"".join(u64(i + 1, v) for i, v in enumerate(vals)))


def genl_seeds():
    lcp = bytes.fromhex("01010014020600000000050611223344")
    return {
        "frame": b"\0" + genl(FRAME, u32(A_LINK_ID, 1) + u16(A_PROTO, 0xc021) + attr(A_PAYLOAD, lcp)),
        "frames-unrouted": b"\0" + genl(FRAME, u32(A_LINK_ID, 7) + u16(A_PROTO, 0xc021) +
                                        attr(A_PAYLOAD, lcp)) +
        genl(FRAME, u32(A_LINK_ID, 256) + u16(A_PROTO, 0x8021) + attr(A_PAYLOAD, b"\x01\x01\x00\x04")),
        "link-down": b"\0" + genl(LINK_DOWN, u32(A_LINK_ID, 2) + u32(A_REASON, 1)),
        "ccp-error": b"\0" + genl(CCP_ERROR, u32(A_BUNDLE_ID, 9) + u32(A_LINK_ID, 1)) +
        genl(CCP_ERROR, u32(A_BUNDLE_ID, 9)),
        "reply-bundle-stats": b"\1" + genl(BUNDLE_GET, u32(A_BUNDLE_ID, 9) + stats(range(100, 131)),
                                            seq=1) + err(0, seq=1),
        "error-extack": b"\0" + err(-22, seq=5, text="nlppp: link id unknown"),
        "error-echoed": b"\0" + err(-19, seq=6, request=genl(FRAME, u32(A_LINK_ID, 1)), capped=False,
                                    text="no such device"),
        "ack-batch": b"\0" + err(0, seq=3) + err(0, seq=4) +
        genl(FRAME, u32(A_LINK_ID, 1) + u16(A_PROTO, 0xc021) + attr(A_PAYLOAD, lcp)),
        "reply-bundle": b"\1" + genl(BUNDLE_NEW, u32(A_BUNDLE_ID, 9) + u32(A_IFINDEX, 42) +
                                     attr(A_IFNAME, b"ppp0\0") + u32(A_UNIT, 0), seq=1) +
        err(0, seq=1),
        "reply-stats": b"\1" + genl(LINK_GET, u32(A_LINK_ID, 1) + stats(range(100, 112)), seq=1) +
        err(0, seq=1),
        "reply-error": b"\1" + err(-95, seq=1, text="not supported"),
    }


def rtnl_seeds():
    # fuzz_rtnl: op byte (which request), then { len(2, big endian), datagram }...
    def dg(*msgs):
        b = b"".join(msgs)
        return struct.pack(">H", len(b)) + b
    route = msg(RTM_NEWROUTE, struct.pack("=BBBBBBBBI", 2, 32, 0, 0, 254, 2, 0, 2, 0) +
                u32(1, 0x0100000a) + u32(4, 3), seq=0)
    default = msg(RTM_NEWROUTE, struct.pack("=BBBBBBBBI", 2, 0, 0, 0, 254, 3, 0, 1, 0) +
                  u32(15, 254) + u32(5, 0x0101a8c0) + u32(4, 2) + u32(6, 100),
                  flags=NLM_F_MULTI)
    done = msg(NLMSG_DONE, struct.pack("=i", 0), flags=NLM_F_MULTI)
    return {
        "link-ack": b"\0" + dg(err(0)),
        "link-error": b"\0" + dg(err(-22, text="MTU too small")),
        "is-local": b"\1" + dg(route + err(0)),
        "unreachable": b"\1" + dg(err(-101)),
        "addr4-add": b"\2" + dg(err(0)),
        "addr4-exists": b"\2" + dg(err(-17, text="exists", capped=False)),
        "addr6-fallback": b"\4" + dg(err(-22)) + dg(err(0)),
        "addr6-del-absent": b"\5" + dg(err(-99)) + dg(err(-99)),
        "route-add-empty": b"\6" + dg(done) + dg(err(0)),
        "route-replace": b"\7" + dg(default + done) + dg(err(0)) + dg(err(0)),
        "route-del": b"\x08" + dg(err(-3)) + dg(err(0)),
    }


def main():
    out = sys.argv[1]
    for sub, seeds in (("genl_events", genl_seeds()), ("rtnl", rtnl_seeds())):
        os.makedirs(os.path.join(out, sub), exist_ok=True)
        for name, data in seeds.items():
            with open(os.path.join(out, sub, name), "wb") as f:
                f.write(data)


if __name__ == "__main__":
    main()
