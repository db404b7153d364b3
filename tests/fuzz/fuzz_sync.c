// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for sync framing: ppp_sync_peek (what a frame says of
 * its own length) and ppp_sync_decode (the reassembler) on a chunk as a pty
 * may deliver it, several frames merged, one alone, or pieces.
 *
 * Checks: at every offset peek answers one of its four values; a length it
 * gives is the one the header records (an independent reading) and covers
 * the header; it asks for more bytes only below PPP_SYNC_PEEK. Then the
 * reassembler gets the input in pieces (the first byte seeds the cuts):
 * frames fit the buffer, and unless one was oversize or bytes were skipped
 * (runts), the frames delivered, back to back, are the input up to what is
 * still held.
 */
#include <stdlib.h>

#include "libppp/compat.h"
#include "libppp/hdlc.h"
#include "libppp/ppp.h"

#define check(cond)                                                        \
	do {                                                               \
		if (!(cond))                                               \
			__builtin_trap();                                  \
	} while (0)

/* The length @p's protocol records, or 0 when none. */
static size_t recorded(const uint8_t *p, size_t len)
{
	uint16_t proto;
	int hl = ppp_hdr_parse(p, len, &proto);

	check(hl > 0);
	p += hl;
	len -= hl;
	if (proto == PPP_PROTO_IP && len >= 20)
		return hl + ppp_get_be16(p + 2);
	if (proto == PPP_PROTO_IPV6 && len >= 6)
		return hl + 40 + ppp_get_be16(p + 4);
	if ((proto & 0x8000) && len >= 4)
		return hl + ppp_get_be16(p + 2);
	return 0;
}

struct seen {
	const struct ppp_sync_rx *rx;
	const uint8_t *input;
	size_t off;
};

static void frame_seen(void *ctx, uint8_t *frame, size_t len)
{
	struct seen *s = ctx;

	check(len >= 1 && len <= s->rx->cap);
	if (s->rx->stats.oversize || s->rx->stats.runts)
		s->input = NULL;	/* bytes dropped: offsets no longer line up */
	if (s->input) {
		check(!memcmp(frame, s->input + s->off, len));
		s->off += len;
	}
}

static void reassemble(const uint8_t *data, size_t size)
{
	static uint8_t buf[1504];
	struct ppp_sync_rx rx;
	struct seen seen = { &rx, data, 0 };
	uint32_t seed = size ? data[0] * 2654435761u : 1;
	size_t off = 0, n;

	ppp_sync_rx_init(&rx, buf, sizeof(buf));
	while (off < size) {
		seed = seed * 1103515245u + 12345u;
		n = 1 + (seed >> 16) % 1600;
		if (n > size - off)
			n = size - off;
		ppp_sync_decode(&rx, data + off, n, frame_seen, &seen);
		off += n;
	}
	check(rx.len <= size);
	if (!rx.stats.oversize && !rx.stats.runts) {
		check(seen.off + rx.len == size);
		check(rx.stats.bytes == seen.off);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t off, need;
	int told;

	for (off = 0; off < size; off++) {
		need = 0;
		told = ppp_sync_peek(data + off, size - off, &need, NULL);
		check(told == 1 || told == 0 || told == -EAGAIN || told == -EBADMSG);
		if (told == -EAGAIN)
			check(size - off < PPP_SYNC_PEEK);
		if (told == 1)
			check(need == recorded(data + off, size - off) && need >= 5);
	}
	reassemble(data, size);
	return 0;
}
