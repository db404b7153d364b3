// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the PPPoE session demultiplexer
 * (nl_pppoe_if_ses_input, daemon/pppoe/iface.c) on an interface without
 * sockets, with three sessions: 0x0001 and 0x1234 from MAC A, 0x1234
 * from MAC B.
 *
 * Input: frames, each [src] [len] [len bytes]: src & 1 picks MAC A or B
 * (src & 2: a third MAC with no session).
 *
 * Checks: no crash or sanitizer report; every frame is counted exactly
 * once (delivered, bad header, unknown session, or link queue full); a
 * frame reaches a link only if that link's (MAC, id) match the header,
 * with exactly the header's length of payload.
 */
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "event.h"
#include "pppoe/iface.h"
#include "transport/transport.h"

#define check(cond)                                                        \
	do {                                                               \
		if (!(cond))                                               \
			__builtin_trap();                                  \
	} while (0)

static const uint8_t macs[3][6] = {
	{ 2, 0, 0, 0, 0, 0xa }, { 2, 0, 0, 0, 0, 0xb }, { 2, 0, 0, 0, 0, 0xc },
};

static void f_disc(void *ctx, struct nl_pppoe_if *i, const uint8_t src[6], const uint8_t *p,
		   size_t n)
{
}

static void f_closed(void *ctx, struct nl_pppoe_sess *s)
{
}

static const struct nl_pppoe_if_ops ops = { .disc = f_disc, .closed = f_closed };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct {
		int mac;
		uint16_t sid;
	} sess[3] = { { 0, 0x0001 }, { 0, 0x1234 }, { 1, 0x1234 } };
	static struct nl_loop loop;
	static bool loop_ready;
	struct nl_transport tr[3];
	struct nl_pppoe_sess *s[3];
	struct nl_pppoe_if *i;
	uint64_t delivered = 0;
	size_t off = 0;
	int k;

	if (!loop_ready) {
		check(nl_loop_init(&loop) == 0);
		loop_ready = true;
	}
	check(nl_pppoe_if_new(&i, &loop, "fuzz0", 16, &ops, NULL) == 0);
	for (k = 0; k < 3; k++)
		check(nl_pppoe_sess_new(&s[k], i, macs[sess[k].mac], sess[k].sid, 0, NULL, &tr[k]) == 0);
	while (off + 2 <= size) {
		int m = data[off] & 2 ? 2 : data[off] & 1;
		size_t len = data[off + 1];
		const uint8_t *f = data + off + 2;
		uint8_t got[2100];

		if (off + 2 + len > size)
			len = size - off - 2;
		nl_pppoe_if_ses_input(i, macs[m], f, len);
		for (k = 0; k < 3; k++) {
			ssize_t n = recv(tr[k].rfd, got, sizeof(got), MSG_DONTWAIT);

			if (n < 0)
				continue;
			check(sess[k].mac == m && len >= 6);
			check(((uint16_t)f[2] << 8 | f[3]) == sess[k].sid);
			check((size_t)n == ((size_t)f[4] << 8 | f[5]) && !memcmp(got, f + 6, n));
			delivered++;
		}
		off += 2 + len;
	}
	check(i->stats.rx_ses == delivered + i->stats.rx_ses_bad + i->stats.rx_ses_unknown +
				 i->stats.rx_ses_full);
	for (k = 0; k < 3; k++)
		nl_transport_close(&tr[k]);
	nl_pppoe_if_close(i);
	return 0;
}
