#!/usr/bin/env python3
"""Relay between a sync-framed PPP pty and a command, checking the reads.

sync_reads.py REPORT COMMAND...: runs COMMAND (a shell command line) with
pipes for its stdin and stdout and copies bytes both ways between them and
our own stdin/stdout (the pty slave nlpppd's `pty` option gives us). Every
read() from stdin is checked against the frames' own lengths (the PPP
protocol and the length its packet records: LCP & co., IPv4, IPv6): a read
that holds bytes of two frames is "merged", one that ends inside a frame is
"split". pppd's N_SYNC_PPP takes each read as one frame, so a merged read
is two frames lost there. REPORT gets "reads R frames F merged M split S
unknown U" (rewritten as the counts change and at the end).
"""
import os
import select
import subprocess
import sys
import time

CONTROL_MIN = 0x8000    # NCPs, LCP, authentication: code, id, 2-byte length


def frame_len(b):
    """Length of the frame that starts @b, None: too few bytes, -1: unknown."""
    p = 2 if b[:2] == b'\xff\x03' else 0
    if len(b) < p + 2:
        return None
    if b[p] & 1:
        proto, p = b[p], p + 1
    else:
        proto, p = b[p] << 8 | b[p + 1], p + 2
    if proto >= CONTROL_MIN or proto == 0x21:
        if len(b) < p + 4:
            return None
        return p + (b[p + 2] << 8 | b[p + 3])
    if proto == 0x57:
        if len(b) < p + 6:
            return None
        return p + 40 + (b[p + 4] << 8 | b[p + 5])
    return -1


def main():
    report, cmd = sys.argv[1], sys.argv[2]
    child = subprocess.Popen(cmd, shell=True, stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, bufsize=0)
    cin, cout = child.stdin.fileno(), child.stdout.fileno()
    n = {'reads': 0, 'frames': 0, 'merged': 0, 'split': 0, 'unknown': 0}
    stream = b''
    last = None

    def write_report(force=False):
        nonlocal last
        line = ' '.join('%s %d' % kv for kv in n.items())
        if line != last and (force or time.monotonic() - write_report.t > 0.5):
            with open(report + '.tmp', 'w') as f:
                f.write(line + '\n')
            os.replace(report + '.tmp', report)
            last = line
            write_report.t = time.monotonic()
    write_report.t = 0.0

    try:
        while True:
            r, _, _ = select.select([0, cout], [], [], 1.0)
            if 0 in r:
                try:
                    chunk = os.read(0, 65536)
                except OSError:
                    chunk = b''
                if not chunk:
                    break
                os.write(cin, chunk)
                n['reads'] += 1
                stream += chunk
                done = 0
                while stream:
                    flen = frame_len(stream)
                    if flen is None or len(stream) < flen:
                        break
                    if flen <= 0:
                        n['unknown'] += 1
                        stream = b''
                        break
                    stream = stream[flen:]
                    done += 1
                n['frames'] += done
                if done + (1 if stream else 0) > 1:
                    n['merged'] += 1
                if stream:
                    n['split'] += 1
            if cout in r:
                data = os.read(cout, 65536)
                if not data:
                    break
                os.write(1, data)
            write_report()
    finally:
        write_report(force=True)
        child.stdin.close()
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
    return child.returncode or 0


if __name__ == '__main__':
    sys.exit(main())
