// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the sync-framing splitter (ppp_sync_frame_len): a
 * chunk as a pty may deliver it, several frames merged or one alone.
 *
 * Checks: every piece is 1..left bytes and the pieces add up to the chunk;
 * a piece shorter than what is left is a frame whose header parses and
 * whose recorded length (IPv4, IPv6, or a control packet's) it matches;
 * and a chunk that is exactly one such frame is never split. Then the
 * reassembler (ppp_sync_decode) gets the input in pieces (the first byte
 * seeds the cuts): frames fit the buffer, and unless one was oversize or a
 * half frame was dropped for a new one (a runt), the frames delivered, back
 * to back, are the input up to what is still held.
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
	if (proto == PPP_PROTO_IPV6 && len >= 40)
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
	size_t left = size, total = 0, n;
	const uint8_t *p = data;

	while (left) {
		n = ppp_sync_frame_len(p, left);
		check(n >= 1 && n <= left);
		if (n < left) {
			check(recorded(p, left) == n);
			/* The same frame alone is kept whole. */
			check(ppp_sync_frame_len(p, n) == n);
		}
		total += n;
		p += n;
		left -= n;
	}
	check(total == size);
	reassemble(data, size);
	return 0;
}
