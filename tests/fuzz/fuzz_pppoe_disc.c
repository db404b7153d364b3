// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the PPPoE Discovery engines (daemon/pppoe/disc.c).
 *
 * Input: steps, each [op] [len] [len bytes]: op & 3 = 0 a packet to the
 * host engine, 1 to the concentrator, 2 the host's timer fires, 3 the
 * clock moves by the first byte in seconds; op bit 2: the source MAC is
 * the concentrator's (else another).
 *
 * Checks: no crash or sanitizer report; everything either engine sends
 * parses as a valid discovery packet; the host is up only in the session
 * state with a session id; the concentrator makes a session only for a
 * PADR carrying a cookie it made (so never from an input that did not
 * first get a PADO out of it).
 */
#include <stdlib.h>
#include <string.h>

#include "pppoe/disc.h"

#define check(cond)                                                        \
	do {                                                               \
		if (!(cond))                                               \
			__builtin_trap();                                  \
	} while (0)

static unsigned int pados, sessions;

static void sent(const uint8_t *pkt, size_t len)
{
	struct ppp_pppoe_disc d;

	check(ppp_pppoe_parse(pkt, len, &d) == PPP_PPPOE_OK);
	pados += d.code == PPP_PADO;
}

static void h_send(void *c, const uint8_t dst[6], const uint8_t *p, size_t n)
{
	sent(p, n);
}

static void h_timer(void *c, unsigned int ms)
{
}

static void h_up(void *c, const uint8_t ac[6], uint16_t sid, uint16_t mp)
{
	struct nl_pppoe_host *h = c;

	check(h->state == NL_PPPOE_HOST_SESSION && sid == h->session);
}

static void h_down(void *c, const char *why)
{
	check(why && *why);
}

static uint16_t a_new(void *c, const uint8_t peer[6], const char *svc, uint16_t mp)
{
	check(pados > 0);
	return (uint16_t)(++sessions & 0x7fff) + 1;
}

static void a_padt(void *c, const uint8_t peer[6], uint16_t sid)
{
}

static const struct nl_pppoe_host_ops hops = {
	.send = h_send, .timer = h_timer, .up = h_up, .down = h_down,
};
static const struct nl_pppoe_ac_ops aops = { .send = h_send, .new_session = a_new, .padt = a_padt };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint8_t ac_mac[6] = { 2, 0, 0, 0, 0, 2 }, other[6] = { 2, 0, 0, 0, 0, 9 };
	struct nl_pppoe_host h;
	struct nl_pppoe_ac ac;
	size_t off = 0;

	memset(&h, 0, sizeof(h));
	memset(&ac, 0, sizeof(ac));
	h.ops = &hops;
	h.ctx = &h;
	h.uniq_len = 2;
	h.uniq[0] = 0xab;
	h.uniq[1] = 0xcd;
	ac.ops = &aops;
	strcpy(ac.ac_name, "ac");
	memset(ac.key, 7, sizeof(ac.key));
	ac.now_s = 100;
	ac.max_payload = 1500;
	pados = sessions = 0;
	nl_pppoe_host_start(&h);
	while (off + 2 <= size) {
		uint8_t op = data[off];
		size_t len = data[off + 1];
		const uint8_t *src = op & 4 ? ac_mac : other;

		if (off + 2 + len > size)
			len = size - off - 2;
		switch (op & 3) {
		case 0:
			nl_pppoe_host_input(&h, src, data + off + 2, len);
			break;
		case 1:
			nl_pppoe_ac_input(&ac, src, data + off + 2, len);
			break;
		case 2:
			nl_pppoe_host_timeout(&h);
			break;
		case 3:
			ac.now_s += len ? data[off + 2] : 1;
			break;
		}
		off += 2 + len;
		check(h.state != NL_PPPOE_HOST_SESSION || h.session);
	}
	nl_pppoe_host_close(&h);
	return 0;
}
