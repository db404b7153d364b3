// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for Predictor-1 (libppp/pred1.c).
 *
 * Input: packets, each [len_hi & 0x7f] [len_lo] [len bytes]: fed to the
 * decompressor as encapsulated packets, and as data through a compressor
 * and a second decompressor.
 *
 * Checks: no crash or sanitizer report; a decompressed length fits the
 * buffer; the compressor's output is within its bound and always comes
 * back as the data it was given.
 */
#include <stdlib.h>

#include "libppp/pred1.h"

#define check(cond)                                                        \
	do {                                                               \
		if (!(cond))                                               \
			__builtin_trap();                                  \
	} while (0)

static uint8_t t1[PPP_PRED1_TABLE], t2[PPP_PRED1_TABLE], t3[PPP_PRED1_TABLE];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ppp_pred1 rx = { .table = t1 }, tx = { .table = t2 }, rx2 = { .table = t3 };
	static uint8_t out[2048], enc[2048 + 8], dec[2048];
	size_t off = 0;

	ppp_pred1_reset(&rx);
	ppp_pred1_reset(&tx);
	ppp_pred1_reset(&rx2);
	while (off + 2 <= size) {
		size_t len = (size_t)((data[off] & 0x07) << 8 | data[off + 1]);
		const uint8_t *p = data + off + 2;
		size_t n;
		int m;

		if (off + 2 + len > size)
			len = size - off - 2;
		off += 2 + len;
		m = ppp_pred1_decompress(&rx, p, len, out, sizeof(out));
		check(m == -EINVAL || (m >= 0 && (size_t)m <= sizeof(out)));
		n = ppp_pred1_compress(&tx, p, len, enc);
		check(n <= ppp_pred1_max(len));
		m = ppp_pred1_decompress(&rx2, enc, n, dec, sizeof(dec));
		check(m == (int)len && !memcmp(dec, p, len));
	}
	return 0;
}
