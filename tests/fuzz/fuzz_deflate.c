// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for PPP Deflate (libppp/deflate.c).
 *
 * Input: a window byte, then packets, each [flags] [len_hi & 0x07]
 * [len_lo] [len bytes]. Flag bit 0: the packet is a 0x00fd information
 * field for the decompressor, else it arrived as is (incomp). Flag bit 1:
 * reset the decompressor first. Every packet also goes through a
 * compressor whose output a second decompressor must turn back into it.
 *
 * Checks: no crash or sanitizer report; a decompressed length fits the
 * buffer and has a protocol field; the compressor's output is shorter
 * than its input and always comes back as it.
 */
#include "libppp/deflate.h"

#define check(cond)                                                        \
	do {                                                               \
		if (!(cond))                                               \
			__builtin_trap();                                  \
	} while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t out[2100], in[2100], enc[2100 + PPP_DEFLATE_SLACK], dec[2100];
	struct ppp_deflate rx, tx, rx2;
	unsigned int window;
	size_t off = 1;

	if (size < 1)
		return 0;
	window = 8 + data[0] % 8;
	if (ppp_deflate_init(&rx, false, window))
		return 0;
	if (window == 8)
		window = 9;
	check(!ppp_deflate_init(&tx, true, window));
	check(!ppp_deflate_init(&rx2, false, window));
	while (off + 3 <= size) {
		uint8_t flags = data[off];
		size_t len = (size_t)((data[off + 1] & 0x07) << 8 | data[off + 2]);
		const uint8_t *p = data + off + 3;
		int m, c;

		if (off + 3 + len > size)
			len = size - off - 3;
		off += 3 + len;
		if (flags & 2)
			ppp_deflate_reset(&rx);
		if (flags & 1) {
			m = ppp_deflate_decompress(&rx, p, len, out, sizeof(out));
			check(m < 0 || (m >= 2 && (size_t)m <= sizeof(out) && (out[1] & 1)));
		} else {
			check(ppp_deflate_incomp(&rx, p, len) == 0);
		}
		/* The round trip, on a protocol field that deflate takes. */
		if (len > sizeof(in) - 2)
			len = sizeof(in) - 2;
		in[0] = 0x00;
		in[1] = 0x21;
		memcpy(in + 2, p, len);
		c = ppp_deflate_compress(&tx, in, len + 2, enc, sizeof(enc));
		check(c >= 0 && (size_t)c < len + 2);
		if (c > 0) {
			m = ppp_deflate_decompress(&rx2, enc, (size_t)c, dec, sizeof(dec));
			check(m == (int)len + 2 && !memcmp(dec, in, len + 2));
		} else {
			check(ppp_deflate_incomp(&rx2, in, len + 2) == 0);
		}
	}
	ppp_deflate_free(&rx);
	ppp_deflate_free(&tx);
	ppp_deflate_free(&rx2);
	return 0;
}
