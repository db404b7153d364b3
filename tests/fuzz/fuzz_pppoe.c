// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the PPPoE discovery parser (libppp/pppoe.c).
 *
 * Input: a PPPoE packet (header on).
 *
 * Checks: no crash or sanitizer report; every tag the parser keeps lies
 * inside the packet; an accepted packet, written out again from what was
 * parsed, parses to the same content.
 */
#include <stdlib.h>

#include "libppp/pppoe.h"

#define check(cond)                                                        \
	do {                                                               \
		if (!(cond))                                               \
			__builtin_trap();                                  \
	} while (0)

static void inside(const struct ppp_pppoe_tag *t, const uint8_t *p, size_t len)
{
	if (t->present)
		check(t->val >= p && t->val + t->len <= p + len);
}

static void put(struct ppp_pppoe_writer *w, uint16_t type, const struct ppp_pppoe_tag *t)
{
	if (t->present)
		ppp_pppoe_put_tag(w, type, t->val, t->len);
}

static bool same(const struct ppp_pppoe_tag *a, const struct ppp_pppoe_tag *b)
{
	return a->present == b->present && a->len == b->len &&
	       (!a->len || !memcmp(a->val, b->val, a->len));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ppp_pppoe_disc d, e;
	struct ppp_pppoe_writer w;
	static uint8_t buf[70000];
	unsigned int i;
	size_t n;
	uint8_t mp[2];

	if (ppp_pppoe_parse(data, size, &d) != PPP_PPPOE_OK)
		return 0;
	for (i = 0; i < d.services && i < PPP_PPPOE_SERVICES_MAX; i++)
		inside(&d.service[i], data, size);
	inside(&d.ac_name, data, size);
	inside(&d.host_uniq, data, size);
	inside(&d.cookie, data, size);
	inside(&d.relay_id, data, size);

	/* Written out again (the kept tags only), it reads back the same. */
	if (d.services > PPP_PPPOE_SERVICES_MAX || d.vendors > PPP_PPPOE_VENDOR_MAX)
		return 0;
	ppp_pppoe_begin(&w, buf, sizeof(buf), d.code, d.session);
	for (i = 0; i < d.services; i++)
		put(&w, PPP_TAG_SERVICE_NAME, &d.service[i]);
	put(&w, PPP_TAG_AC_NAME, &d.ac_name);
	put(&w, PPP_TAG_HOST_UNIQ, &d.host_uniq);
	put(&w, PPP_TAG_AC_COOKIE, &d.cookie);
	put(&w, PPP_TAG_RELAY_ID, &d.relay_id);
	put(&w, PPP_TAG_SERVICE_ERROR, &d.service_error);
	put(&w, PPP_TAG_AC_ERROR, &d.ac_error);
	put(&w, PPP_TAG_GENERIC_ERROR, &d.generic_error);
	for (i = 0; i < d.vendors; i++)
		put(&w, PPP_TAG_VENDOR, &d.vendor[i]);
	if (d.has_max_payload) {
		mp[0] = (uint8_t)(d.max_payload >> 8);
		mp[1] = (uint8_t)d.max_payload;
		ppp_pppoe_put_tag(&w, PPP_TAG_MAX_PAYLOAD, mp, 2);
	}
	n = ppp_pppoe_end(&w);
	check(n > 0);
	check(ppp_pppoe_parse(buf, n, &e) == PPP_PPPOE_OK);
	check(e.code == d.code && e.session == d.session && e.services == d.services &&
	      e.vendors == d.vendors && e.has_max_payload == d.has_max_payload &&
	      e.max_payload == d.max_payload && e.unknown == 0);
	for (i = 0; i < d.services; i++)
		check(same(&e.service[i], &d.service[i]));
	check(same(&e.ac_name, &d.ac_name) && same(&e.host_uniq, &d.host_uniq) &&
	      same(&e.cookie, &d.cookie) && same(&e.relay_id, &d.relay_id) &&
	      same(&e.service_error, &d.service_error));
	return 0;
}
