// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the async HDLC deframer.
 *
 * Input: 8 header bytes, then the line stream.
 *   [0]    bit 0: FCS-32; bits 1-2: receive ACCM (0, all, XON/XOFF, [3..6])
 *   [1..2] frame buffer capacity, 1..4096
 *   [3..6] ACCM when bits 1-2 say so
 *   [7]    seed for the split points
 *
 * Checks: the same frames and counters whether the stream comes whole or
 * in pieces, the counters add up, and every frame delivered comes back
 * unchanged through encode and a fresh decoder.
 */
#include <stdlib.h>

#include "libppp/fcs.h"
#include "libppp/hdlc.h"

#define CAP_MAX 4096
#define MAX_FRAMES 4096

#define check(cond)                                                        \
	do {                                                               \
		if (!(cond))                                               \
			__builtin_trap();                                  \
	} while (0)

struct frames {
	uint8_t data[1 << 20];
	size_t used;
	size_t lens[MAX_FRAMES];
	size_t count;
};

static struct frames whole, pieces;

static void collect(void *ctx, uint8_t *frame, size_t len)
{
	struct frames *f = ctx;

	check(f->count < MAX_FRAMES && f->used + len <= sizeof(f->data));
	memcpy(f->data + f->used, frame, len);
	f->used += len;
	f->lens[f->count++] = len;
	memset(frame, 0x5a, len);	/* the callee may scribble on it */
}

struct one {
	const uint8_t *want;
	size_t len;
	int seen;
};

static void expect_one(void *ctx, uint8_t *frame, size_t len)
{
	struct one *o = ctx;

	o->seen++;
	check(len == o->len && !memcmp(frame, o->want, len));
}

static bool same_stats(const struct ppp_hdlc_rx_stats *a,
		       const struct ppp_hdlc_rx_stats *b)
{
	return !memcmp(a, b, sizeof(*a));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t buf_a[CAP_MAX], buf_b[CAP_MAX], buf_c[CAP_MAX + 4];
	static uint8_t enc[2 * (CAP_MAX + 4) + 2];
	struct ppp_hdlc_rx a, b;
	uint32_t accm, seed;
	const uint8_t *in;
	size_t cap, len, i, off;
	bool fcs32;

	if (size < 8)
		return 0;
	fcs32 = data[0] & 1;
	switch ((data[0] >> 1) & 3) {
	case 0:
		accm = 0;
		break;
	case 1:
		accm = 0xffffffff;
		break;
	case 2:
		accm = 0x000a0000;
		break;
	default:
		accm = (uint32_t)data[3] << 24 | data[4] << 16 |
		       data[5] << 8 | data[6];
	}
	cap = 1 + ((data[1] << 8 | data[2]) % CAP_MAX);
	seed = data[7] | 1;
	in = data + 8;
	len = size - 8;

	whole.used = whole.count = 0;
	ppp_hdlc_rx_init(&a, buf_a, cap, accm, fcs32);
	ppp_hdlc_decode(&a, in, len, collect, &whole);

	pieces.used = pieces.count = 0;
	ppp_hdlc_rx_init(&b, buf_b, cap, accm, fcs32);
	for (off = 0; off < len;) {
		size_t k;

		seed = seed * 1103515245 + 12345;
		k = (seed >> 16) % 67;
		if (k > len - off)
			k = len - off;
		ppp_hdlc_decode(&b, in + off, k, collect, &pieces);
		off += k;
	}

	check(same_stats(&a.stats, &b.stats));
	check(a.len == b.len && a.escaped == b.escaped &&
	      a.discard == b.discard);
	check(whole.count == pieces.count && whole.used == pieces.used);
	check(!memcmp(whole.lens, pieces.lens, whole.count * sizeof(size_t)));
	check(!memcmp(whole.data, pieces.data, whole.used));
	check(a.stats.frames == whole.count && a.stats.bytes == whole.used);
	check(a.len <= cap);

	/* Every frame survives encode + decode, whatever the sender escapes. */
	for (i = 0, off = 0; i < whole.count; off += whole.lens[i++]) {
		const uint8_t *f = whole.data + off;
		size_t flen = whole.lens[i], n;
		struct ppp_hdlc_tx tx;
		struct ppp_hdlc_rx c;
		struct one o = { f, flen, 0 };

		check(flen + (fcs32 ? 4 : 2) <= cap);
		/* the sender must escape at least what we treat as noise */
		ppp_hdlc_tx_init(&tx, accm | (uint32_t)(i * 0x9e3779b9u), fcs32);
		if (i & 1)
			ppp_hdlc_tx_escape(&tx, f[flen / 2] | 0x40);
		n = ppp_hdlc_encode(&tx, f, flen, enc, i & 2);
		check(n <= ppp_hdlc_encode_max(flen));
		ppp_hdlc_rx_init(&c, buf_c, sizeof(buf_c), accm, fcs32);
		if (!(i & 2))
			ppp_hdlc_decode(&c, (const uint8_t *)"\x7e", 1, NULL, NULL);
		ppp_hdlc_decode(&c, enc, n, expect_one, &o);
		check(o.seen == 1 && c.stats.frames == 1 &&
		      c.stats.fcs_errors == 0 && c.stats.runts == 0 &&
		      c.stats.aborts == 0 && c.stats.oversize == 0);
	}
	return 0;
}
