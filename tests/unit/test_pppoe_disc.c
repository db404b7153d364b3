// SPDX-License-Identifier: GPL-2.0
/*
 * PPPoE Discovery (daemon/pppoe/disc.c): a host engine and an access
 * concentrator engine wired back to back through a packet queue and a
 * fake timer: the whole exchange, services and AC-Name choice, retries
 * with backoff, forged and stale cookies, a full concentrator, PADT both
 * ways, RFC 4638's PPP-Max-Payload and Relay-Session-Id echo.
 */
#include <stdio.h>
#include <string.h>

#include "pppoe/disc.h"
#include "test.h"

static const uint8_t host_mac[6] = { 2, 0, 0, 0, 0, 1 };
static const uint8_t ac_mac[6] = { 2, 0, 0, 0, 0, 2 };

struct wire {
	struct nl_pppoe_host h;
	struct nl_pppoe_ac ac;
	uint8_t q[8][1600];
	size_t qlen[8];
	bool q_from_host[8];
	int nq;
	unsigned int timer_ms, timers;
	bool up, down;
	char why[80];
	uint16_t sid, mp, next_sid, padt_sid;
	char service[64];
	bool full, tamper_cookie;
	uint64_t age_cookie_s;
	uint8_t relay[12];
	bool add_relay;
};

static struct wire *W;

static void enqueue(bool from_host, const uint8_t *pkt, size_t len)
{
	if (W->nq < 8) {
		memcpy(W->q[W->nq], pkt, len);
		W->qlen[W->nq] = len;
		W->q_from_host[W->nq++] = from_host;
	}
}

static void h_send(void *ctx, const uint8_t dst[6], const uint8_t *pkt, size_t len)
{
	enqueue(true, pkt, len);
}

static void h_timer(void *ctx, unsigned int ms)
{
	W->timer_ms = ms;
	W->timers += ms != 0;
}

static void h_up(void *ctx, const uint8_t ac[6], uint16_t sid, uint16_t mp)
{
	W->up = true;
	W->sid = sid;
	W->mp = mp;
	CHECK_MEM(ac, ac_mac, 6);
}

static void h_down(void *ctx, const char *why)
{
	W->down = true;
	snprintf(W->why, sizeof(W->why), "%s", why);
}

static const struct nl_pppoe_host_ops host_ops = {
	.send = h_send, .timer = h_timer, .up = h_up, .down = h_down,
};

static void a_send(void *ctx, const uint8_t dst[6], const uint8_t *pkt, size_t len)
{
	CHECK_MEM(dst, host_mac, 6);
	enqueue(false, pkt, len);
}

static uint16_t a_new(void *ctx, const uint8_t peer[6], const char *service, uint16_t mp)
{
	snprintf(W->service, sizeof(W->service), "%s", service);
	return W->full ? 0 : ++W->next_sid;
}

static void a_padt(void *ctx, const uint8_t peer[6], uint16_t sid)
{
	W->padt_sid = sid;
}

static const struct nl_pppoe_ac_ops ac_ops = { .send = a_send, .new_session = a_new, .padt = a_padt };

static void wire_init(struct wire *w)
{
	memset(w, 0, sizeof(*w));
	W = w;
	w->h.ops = &host_ops;
	w->h.timeout_ms = 1000;
	w->h.attempts = 3;
	memcpy(w->h.uniq, "\x11\x22\x33\x44", 4);
	w->h.uniq_len = 4;
	w->ac.ops = &ac_ops;
	snprintf(w->ac.ac_name, sizeof(w->ac.ac_name), "nlppp-ac");
	memset(w->ac.key, 0x5a, sizeof(w->ac.key));
	w->ac.now_s = 1000;
	w->next_sid = 0x100;
}

/* Deliver queued packets until none are left (a relay may add its tag). */
static void run(struct wire *w)
{
	while (w->nq) {
		uint8_t pkt[1600];
		size_t len = w->qlen[0];
		bool from_host = w->q_from_host[0];

		memcpy(pkt, w->q[0], len);
		memmove(w->q, w->q + 1, sizeof(w->q[0]) * 7);
		memmove(w->qlen, w->qlen + 1, sizeof(w->qlen[0]) * 7);
		memmove(w->q_from_host, w->q_from_host + 1, sizeof(w->q_from_host[0]) * 7);
		w->nq--;
		if (from_host) {
			if (w->add_relay && pkt[1] == PPP_PADI) {
				/* A relay agent appends Relay-Session-Id. */
				memcpy(pkt + len, "\x01\x10\x00\x0c", 4);
				memcpy(pkt + len + 4, w->relay, 12);
				len += 16;
				ppp_put_be16(pkt + 4, (uint16_t)(len - 6));
			}
			if (pkt[1] == PPP_PADR) {
				w->ac.now_s += w->age_cookie_s;
				if (w->tamper_cookie) {
					for (size_t i = 6; i + 4 < len; i += 4 + ppp_get_be16(pkt + i + 2))
						if (ppp_get_be16(pkt + i) == PPP_TAG_AC_COOKIE)
							pkt[i + 4 + 10] ^= 1;
				}
			}
			nl_pppoe_ac_input(&w->ac, host_mac, pkt, len);
		} else {
			nl_pppoe_host_input(&w->h, ac_mac, pkt, len);
		}
	}
}

TEST(host_and_concentrator_agree_on_a_session)
{
	struct wire w;

	wire_init(&w);
	nl_pppoe_host_start(&w.h);
	run(&w);
	CHECK(w.up);
	CHECK_EQ(w.sid, 0x101);
	CHECK_EQ(w.h.state, NL_PPPOE_HOST_SESSION);
	CHECK_EQ(w.timer_ms, 0);
	CHECK_EQ(w.mp, 0);
	/* The host ends it: PADT with the session id. */
	nl_pppoe_host_close(&w.h);
	run(&w);
	CHECK_EQ(w.padt_sid, 0x101);
}

TEST(services_and_ac_name_choose_the_offer)
{
	struct wire w;

	wire_init(&w);
	snprintf(w.ac.services[0], 64, "isp1");
	snprintf(w.ac.services[1], 64, "isp2");
	w.ac.nservices = 2;
	snprintf(w.h.service, 64, "isp2");
	nl_pppoe_host_start(&w.h);
	run(&w);
	CHECK(w.up);
	CHECK(!strcmp(w.service, "isp2"));

	/* pppoe-ac names another concentrator: its offer is not taken. */
	wire_init(&w);
	snprintf(w.h.ac_name, 64, "other-ac");
	nl_pppoe_host_start(&w.h);
	run(&w);
	CHECK(!w.up);
	CHECK_EQ(w.h.state, NL_PPPOE_HOST_PADI);
	CHECK_EQ(w.h.stats.not_for_us, 1);
}

TEST(no_offer_retries_with_backoff_then_fails)
{
	struct wire w;
	unsigned int waits[4];
	int i;

	wire_init(&w);
	snprintf(w.ac.services[0], 64, "isp1");
	w.ac.nservices = 1;
	snprintf(w.h.service, 64, "nosuch");
	nl_pppoe_host_start(&w.h);
	for (i = 0; i < 3; i++) {
		waits[i] = w.timer_ms;
		run(&w);
		CHECK(!w.up);
		nl_pppoe_host_timeout(&w.h);
	}
	CHECK_EQ(waits[0], 1000);
	CHECK_EQ(waits[1], 2000);
	CHECK_EQ(waits[2], 4000);
	CHECK(w.down);
	CHECK(strstr(w.why, "no PADO") != NULL);
	CHECK_EQ(w.h.state, NL_PPPOE_HOST_FAILED);
	CHECK_EQ(w.ac.stats.not_for_us, 3);
}

TEST(forged_or_stale_cookies_get_no_session)
{
	struct wire w;

	wire_init(&w);
	w.tamper_cookie = true;
	nl_pppoe_host_start(&w.h);
	run(&w);
	CHECK(!w.up);
	CHECK_EQ(w.ac.stats.bad_cookie, 1);
	CHECK_EQ(w.next_sid, 0x100);		/* no session was made */

	wire_init(&w);
	w.age_cookie_s = 61;
	nl_pppoe_host_start(&w.h);
	run(&w);
	CHECK(!w.up);
	CHECK_EQ(w.ac.stats.bad_cookie, 1);
}

TEST(a_full_concentrator_refuses_with_ac_system_error)
{
	struct wire w;

	wire_init(&w);
	w.full = true;
	nl_pppoe_host_start(&w.h);
	run(&w);
	CHECK(!w.up);
	CHECK(w.down);
	CHECK(strstr(w.why, "AC-System-Error") != NULL);
	CHECK_EQ(w.ac.stats.refused, 1);
}

TEST(padt_from_the_concentrator_ends_the_host_session)
{
	struct wire w;
	uint8_t padt[6] = { 0x11, PPP_PADT, 0, 0, 0, 0 };

	wire_init(&w);
	nl_pppoe_host_start(&w.h);
	run(&w);
	CHECK(w.up);
	/* Another session's PADT, then ours. */
	ppp_put_be16(padt + 2, (uint16_t)(w.sid + 1));
	nl_pppoe_host_input(&w.h, ac_mac, padt, sizeof(padt));
	CHECK(!w.down);
	ppp_put_be16(padt + 2, w.sid);
	nl_pppoe_host_input(&w.h, ac_mac, padt, sizeof(padt));
	CHECK(w.down);
	CHECK(strstr(w.why, "PADT") != NULL);
}

TEST(max_payload_and_relay_session_id)
{
	struct wire w;

	wire_init(&w);
	w.h.max_payload = 1500;
	w.ac.max_payload = 1500;
	w.add_relay = true;
	memcpy(w.relay, "relay-agent!", 12);
	nl_pppoe_host_start(&w.h);
	run(&w);
	CHECK(w.up);
	CHECK_EQ(w.mp, 1500);
	CHECK(w.h.has_relay);
	CHECK_EQ(w.h.relay_len, 12);
	CHECK_MEM(w.h.relay, "relay-agent!", 12);
	/* A concentrator without RFC 4638 grants nothing. */
	wire_init(&w);
	w.h.max_payload = 1500;
	nl_pppoe_host_start(&w.h);
	run(&w);
	CHECK(w.up);
	CHECK_EQ(w.mp, 0);
}

TEST(offers_with_another_host_uniq_are_ignored)
{
	struct wire w;
	uint8_t padi[64];
	struct ppp_pppoe_writer wr;
	size_t n;

	wire_init(&w);
	nl_pppoe_host_start(&w.h);
	w.nq = 0;
	/* The concentrator answers someone else's PADI. */
	ppp_pppoe_begin(&wr, padi, sizeof(padi), PPP_PADI, 0);
	ppp_pppoe_put_tag(&wr, PPP_TAG_SERVICE_NAME, "", 0);
	ppp_pppoe_put_tag(&wr, PPP_TAG_HOST_UNIQ, "zzzz", 4);
	n = ppp_pppoe_end(&wr);
	nl_pppoe_ac_input(&w.ac, host_mac, padi, n);
	run(&w);
	CHECK(!w.up);
	CHECK_EQ(w.h.stats.not_for_us, 1);
	CHECK_EQ(w.h.state, NL_PPPOE_HOST_PADI);
}

int main(void)
{
	RUN(host_and_concentrator_agree_on_a_session);
	RUN(services_and_ac_name_choose_the_offer);
	RUN(no_offer_retries_with_backoff_then_fails);
	RUN(forged_or_stale_cookies_get_no_session);
	RUN(a_full_concentrator_refuses_with_ac_system_error);
	RUN(padt_from_the_concentrator_ends_the_host_session);
	RUN(max_payload_and_relay_session_id);
	RUN(offers_with_another_host_uniq_are_ignored);
	return test_summary();
}
