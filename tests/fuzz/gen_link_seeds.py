#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""
Seeds for fuzz_link: whole negotiations a fuzzer would take long to find,
played by a peer that reads what we sent. The fuzzer is deterministic (its
getrandom() starts over with every input), so each step asks the built
fuzzer what the link answered so far (FUZZ_LINK_TRACE) and builds the next
frames from it.

  tests/fuzz/gen_link_seeds.py build/fuzz/fuzz/fuzz_link tests/fuzz/corpus/link
"""
import hashlib
import os
import struct
import subprocess
import sys
import tempfile

OP_WIRE, OP_FRAME, OP_TIME, OP_HANGUP, OP_CLOSE, OP_STATUS = range(6)
LCP, PAP, CHAP, IPCP, IPV6CP, IP = 0xc021, 0xc023, 0xc223, 0x8021, 0x8057, 0x0021


def chunk(op, data):
    return bytes([op]) + struct.pack(">H", len(data)) + data


def frame(proto, payload):
    return chunk(OP_FRAME, b"\xff\x03" + struct.pack(">H", proto) + payload)


def cp(code, ident, data=b""):
    return bytes([code, ident]) + struct.pack(">H", 4 + len(data)) + data


def fcs16(data):
    fcs = 0xffff
    for b in data:
        fcs ^= b
        for _ in range(8):
            fcs = (fcs >> 1) ^ 0x8408 if fcs & 1 else fcs >> 1
    return fcs ^ 0xffff


def hdlc(proto, payload):
    """The frame as an async HDLC wire would carry it, every control character escaped."""
    f = b"\xff\x03" + struct.pack(">H", proto) + payload
    f += struct.pack("<H", fcs16(f))
    out = bytearray(b"\x7e")
    for b in f:
        if b < 0x20 or b in (0x7d, 0x7e):
            out += bytes([0x7d, b ^ 0x20])
        else:
            out.append(b)
    out.append(0x7e)
    return chunk(OP_WIRE, bytes(out))


class Peer:
    def __init__(self, fuzzer, cfg, wire=False):
        self.fuzzer, self.script, self.wire = fuzzer, bytes(cfg), wire

    def send(self, proto, payload):
        self.script += hdlc(proto, payload) if self.wire else frame(proto, payload)

    def sent(self):
        """What the link sent for the script so far: [(proto, bytes)], phase."""
        with tempfile.NamedTemporaryFile(delete=False) as f:
            f.write(self.script)
        try:
            out = subprocess.run([self.fuzzer, f.name], env=dict(os.environ, FUZZ_LINK_TRACE="1"),
                                 capture_output=True, text=True, check=True).stdout
        finally:
            os.unlink(f.name)
        frames, phase = [], None
        for line in out.splitlines():
            w = line.split()
            if w[0] == "phase":
                phase = w[1]
            else:
                frames.append((int(w[0], 16), bytes.fromhex(w[1])))
        return frames, phase

    def last(self, proto, code):
        frames, _ = self.sent()
        for p, d in reversed(frames):
            if p == proto and d[0] == code:
                return d
        raise SystemExit("link sent no %04x code %d (script %s)" % (proto, code, self.script.hex()))

    def ack_ours(self, proto):
        req = self.last(proto, 1)
        self.send(proto, bytes([2]) + req[1:])

    def open_cp(self, proto, peer_req):
        self.ack_ours(proto)
        self.send(proto, peer_req)


def lcp_req(ident, auth=b""):
    # MRU 1500, ACCM 0, magic, PFC, ACFC; @auth: what we are asked to do.
    return cp(1, ident, b"\x01\x04\x05\xdc\x02\x06\x00\x00\x00\x00" + auth +
              b"\x05\x06\x11\x22\x33\x44\x07\x02\x08\x02")


def ipcp_req(ident):
    return cp(1, ident, b"\x03\x06\x0a\x00\x00\x02")


def ipv6cp_req(ident):
    return cp(1, ident, b"\x01\x0a\x02\x11\x22\xff\xfe\x33\x44\x55")


def chap_response(challenge, secret, name):
    ident, vlen = challenge[1], challenge[4]
    value = challenge[5:5 + vlen]
    digest = hashlib.md5(bytes([ident]) + secret + value).digest()
    return cp(2, ident, bytes([16]) + digest + name)


def network(p, ipv6=False):
    p.open_cp(IPCP, ipcp_req(0x21))
    if ipv6:
        p.open_cp(IPV6CP, ipv6cp_req(0x31))


def tail(p):
    """Running: data, an echo, a Protocol-Reject worthy frame, time, terminate."""
    p.send(IP, bytes.fromhex("450000140000000040000000000000000a000002"))
    p.send(LCP, cp(9, 0x50, b"\x11\x22\x33\x44"))
    p.send(0x80fd, cp(1, 1, b"\x12\x06\x00\x00\x00\x01"))
    p.script += chunk(OP_STATUS, b"")
    p.script += chunk(OP_TIME, b"\x01\x00")
    p.send(LCP, cp(5, 0x51))
    p.script += chunk(OP_TIME, b"\x10\x00")


def seeds(fuzzer):
    out = {}

    # 1. noauth, IPCP only.
    p = Peer(fuzzer, [0x00, 0x00])
    p.open_cp(LCP, lcp_req(0x11))
    network(p)
    tail(p)
    out["noauth-ipcp"] = p

    # 2. The same over the wire (HDLC), with IPV6CP.
    p = Peer(fuzzer, [0x01, 0x00], wire=True)
    p.open_cp(LCP, lcp_req(0x11))
    network(p, ipv6=True)
    tail(p)
    out["wire-ipv6"] = p

    # 3. PAP both ways: we require it, the peer asks it of us.
    p = Peer(fuzzer, [0x07, 0x00])
    p.open_cp(LCP, lcp_req(0x11, b"\x03\x04\xc0\x23"))
    p.send(PAP, cp(1, 0x61, b"\x04peer\x06peerpw"))
    req = p.last(PAP, 1)
    p.send(PAP, cp(2, req[1], b"\x02ok"))
    network(p, ipv6=True)
    tail(p)
    out["pap-both"] = p

    # 4. CHAP both ways.
    p = Peer(fuzzer, [0x0b, 0x00])
    p.open_cp(LCP, lcp_req(0x11, b"\x03\x05\xc2\x23\x05"))
    ours = p.last(CHAP, 1)
    p.send(CHAP, chap_response(ours, b"peersecret", b"peer"))
    p.send(CHAP, cp(1, 0x71, b"\x08" + bytes(range(8)) + b"peer"))
    p.send(CHAP, cp(3, 0x71, b"welcome"))
    network(p, ipv6=True)
    tail(p)
    out["chap-both"] = p

    # 5. CHAP, the peer fails; our name reflected.
    p = Peer(fuzzer, [0x0a, 0x00])
    p.open_cp(LCP, lcp_req(0x11))
    ours = p.last(CHAP, 1)
    p.send(CHAP, chap_response(ours, b"wrong", b"peer"))
    p.script += chunk(OP_TIME, b"\x10\x00")
    out["chap-fail"] = p

    # 6. Timers: nobody answers; LCP retries and gives up; echo and idle on.
    p = Peer(fuzzer, [0x00, 0xb0])
    for _ in range(12):
        p.script += chunk(OP_TIME, b"\x03\x00")
    out["silence"] = p

    # 7. Open, then the modem hangs up.
    p = Peer(fuzzer, [0x00, 0x80])
    p.open_cp(LCP, lcp_req(0x11))
    network(p)
    p.script += chunk(OP_TIME, b"\x20\x00")
    p.script += chunk(OP_HANGUP, b"")
    out["hangup"] = p

    # 8. Open, then an administrative close answered by Terminate-Ack.
    p = Peer(fuzzer, [0x00, 0x00])
    p.open_cp(LCP, lcp_req(0x11))
    network(p)
    p.script += chunk(OP_CLOSE, b"")
    term = p.last(LCP, 5)
    p.send(LCP, cp(6, term[1]))
    out["close"] = p
    return out


def main():
    fuzzer, outdir = sys.argv[1], sys.argv[2]
    os.makedirs(outdir, exist_ok=True)
    for name, p in seeds(fuzzer).items():
        _, phase = p.sent()
        print("%-12s %4d bytes, ends in %s" % (name, len(p.script), phase))
        with open(os.path.join(outdir, name), "wb") as f:
            f.write(p.script)


if __name__ == "__main__":
    main()
