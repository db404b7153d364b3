// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the VJ decompressor (libppp/vj.c).
 *
 * Input: [0] receive slots - 1 (mod 16); then frames, each [kind] [len]
 * [len bytes]: kind & 3 = 0 Compressed-TCP, 1 Uncompressed-TCP, 2 a lost
 * frame, 3 an IPv4/TCP packet through the compressor and back.
 *
 * Checks: no crash or sanitizer report; every packet rebuilt lies inside
 * the buffer and has a valid IPv4 header checksum and total length; the
 * compressor's output always comes back as the packet it was given.
 */
#include <stdlib.h>

#include "libppp/ppp.h"
#include "libppp/vj.h"

#define check(cond)                                                        \
	do {                                                               \
		if (!(cond))                                               \
			__builtin_trap();                                  \
	} while (0)

static uint16_t sum(const uint8_t *p, size_t len)
{
	uint32_t s = 0;

	for (size_t i = 0; i + 1 < len; i += 2)
		s += (uint32_t)(p[i] << 8 | p[i + 1]);
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)~s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct ppp_vj_slot rxs[16], txs[16], rxs2[16];
	struct ppp_vj rx, tx, rx2;
	uint8_t buf[PPP_VJ_HDR_MAX + 300], orig[300];
	size_t off = 1, start;
	unsigned int slots;
	int n;

	if (size < 1)
		return 0;
	slots = (data[0] & 15) + 1;
	ppp_vj_init(&rx, txs, 0, false, rxs, slots);
	ppp_vj_init(&tx, txs, slots, data[0] & 16, rxs2, 0);
	ppp_vj_init(&rx2, txs, 0, false, rxs2, slots);
	while (off + 2 <= size) {
		uint8_t kind = data[off] & 3;
		size_t len = data[off + 1];

		if (off + 2 + len > size)
			break;
		memcpy(buf + PPP_VJ_HDR_MAX, data + off + 2, len);
		off += 2 + len;
		switch (kind) {
		case 0:
			n = ppp_vj_decompress(&rx, buf, PPP_VJ_HDR_MAX, len, &start);
			if (n > 0) {
				check(start + (size_t)n <= sizeof(buf));
				check(sum(buf + start, (size_t)(buf[start] & 15) * 4) == 0);
				check(ppp_get_be16(buf + start + 2) == n);
			}
			break;
		case 1:
			n = ppp_vj_uncompressed(&rx, buf + PPP_VJ_HDR_MAX, len);
			check(n < 0 || (size_t)n == len);
			break;
		case 2:
			ppp_vj_rx_error(&rx);
			break;
		case 3: {
			/* A round trip through a compressor and a second receiver. */
			uint16_t proto;

			if (len < 20)
				break;
			memcpy(orig, buf + PPP_VJ_HDR_MAX, len);
			proto = ppp_vj_compress(&tx, buf + PPP_VJ_HDR_MAX, len, &start);
			if (proto == PPP_PROTO_VJUC) {
				n = ppp_vj_uncompressed(&rx2, buf + PPP_VJ_HDR_MAX, len);
				/* Only packets with a valid IP checksum are taken back. */
				if (sum(orig, (size_t)(orig[0] & 15) * 4) == 0 && n >= 0)
					check(!memcmp(buf + PPP_VJ_HDR_MAX, orig, len));
			} else if (proto == PPP_PROTO_VJC) {
				size_t clen = len - start;

				memmove(buf + PPP_VJ_HDR_MAX, buf + PPP_VJ_HDR_MAX + start, clen);
				n = ppp_vj_decompress(&rx2, buf, PPP_VJ_HDR_MAX, clen, &start);
				if (n >= 0 && ppp_get_be16(orig + 2) == len &&
				    sum(orig, (size_t)(orig[0] & 15) * 4) == 0)
					check((size_t)n == len && !memcmp(buf + start, orig, len));
			} else {
				check(proto == PPP_PROTO_IP && !memcmp(buf + PPP_VJ_HDR_MAX, orig, len));
			}
			break;
		}
		}
	}
	return 0;
}
