// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for BSD-Compress (libppp/bsdcomp.c).
 *
 * Input: a code size byte, then packets, each [flags] [len_hi & 0x07]
 * [len_lo] [len bytes]. Flag bit 0: the packet is a 0x00fd information
 * field for the decompressor, else it arrived as is (incomp). Flag bit 1:
 * reset the decompressor first. Every packet also goes through a
 * compressor whose output a second decompressor must turn back into it,
 * and whose table must stay the receiver's.
 *
 * Checks: no crash or sanitizer report; a decompressed length fits the
 * buffer; the compressor's output is shorter than its input and always
 * comes back as it.
 */
#include "libppp/bsdcomp.h"

#define check(cond)                                                        \
	do {                                                               \
		if (!(cond))                                               \
			__builtin_trap();                                  \
	} while (0)

static uint16_t m_rx[9 << 14], m_tx[7 << 14], m_rx2[9 << 14];	/* 9 (7) * 2^15 bytes */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t out[2100], in[2100], enc[2100], dec[2100];
	struct ppp_bsd rx, tx, rx2;
	unsigned int bits;
	size_t off = 1;

	if (size < 1)
		return 0;
	bits = PPP_BSD_BITS_MIN + data[0] % 7;
	check(!ppp_bsd_init(&rx, bits, true, m_rx, sizeof(m_rx)));
	check(!ppp_bsd_init(&tx, bits, false, m_tx, sizeof(m_tx)));
	check(!ppp_bsd_init(&rx2, bits, true, m_rx2, sizeof(m_rx2)));
	while (off + 3 <= size) {
		uint8_t flags = data[off];
		size_t len = (size_t)((data[off + 1] & 0x07) << 8 | data[off + 2]);
		const uint8_t *p = data + off + 3;
		int m, c;

		if (off + 3 + len > size)
			len = size - off - 3;
		off += 3 + len;
		if (flags & 2)
			ppp_bsd_reset(&rx);
		if (flags & 1) {
			m = ppp_bsd_decompress(&rx, p, len, out, sizeof(out));
			check(m < 0 || (m >= 2 && (size_t)m <= sizeof(out)));
		} else {
			ppp_bsd_incomp(&rx, p, len);
		}
		if (len > sizeof(in) - 2)
			len = sizeof(in) - 2;
		in[0] = 0x00;
		in[1] = 0x21;
		memcpy(in + 2, p, len);
		c = ppp_bsd_compress(&tx, in, len + 2, enc, sizeof(enc));
		check(c >= 0 && (size_t)c < len + 2);
		if (c > 0) {
			m = ppp_bsd_decompress(&rx2, enc, (size_t)c, dec, sizeof(dec));
			check(m == (int)len + 2 && !memcmp(dec, in, len + 2));
		} else {
			ppp_bsd_incomp(&rx2, in, len + 2);
		}
		check(tx.max_ent == rx2.max_ent && tx.n_bits == rx2.n_bits);
	}
	return 0;
}
