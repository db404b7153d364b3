// SPDX-License-Identifier: GPL-2.0
/* PPPoE Discovery, host and access concentrator: see disc.h. */
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <stdio.h>
#include <string.h>

#include "pppoe/disc.h"

static const uint8_t broadcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

enum { WAIT_MAX_MS = 30000, COOKIE_LIFE_S = 60 };

/* Parse and count; false for a packet to drop. */
static bool parse(struct nl_pppoe_disc_stats *st, const uint8_t *pkt, size_t len,
		  struct ppp_pppoe_disc *d)
{
	enum ppp_pppoe_err e = ppp_pppoe_parse(pkt, len, d);

	st->rx++;
	if (e != PPP_PPPOE_OK) {
		st->malformed[e]++;
		return false;
	}
	return true;
}

static bool tag_is(const struct ppp_pppoe_tag *t, const void *v, size_t len)
{
	return t->present && t->len == len && (!len || !memcmp(t->val, v, len));
}

static void put_max_payload(struct ppp_pppoe_writer *w, uint16_t mp)
{
	uint8_t b[2] = { (uint8_t)(mp >> 8), (uint8_t)mp };

	ppp_pppoe_put_tag(w, PPP_TAG_MAX_PAYLOAD, b, 2);
}

/* --- the host --------------------------------------------------------------- */

static void host_send(struct nl_pppoe_host *h, uint8_t code, const uint8_t *dst)
{
	uint8_t buf[PPP_PPPOE_HDRLEN + PPP_PPPOE_PAYLOAD_MAX];
	struct ppp_pppoe_writer w;
	size_t n;

	ppp_pppoe_begin(&w, buf, code == PPP_PADI ? PPP_PPPOE_PADI_MAX : sizeof(buf), code,
			code == PPP_PADT ? h->session : 0);
	if (code != PPP_PADT) {
		ppp_pppoe_put_tag(&w, PPP_TAG_SERVICE_NAME, h->service, strlen(h->service));
		if (h->uniq_len)
			ppp_pppoe_put_tag(&w, PPP_TAG_HOST_UNIQ, h->uniq, h->uniq_len);
		if (h->max_payload > 1492)
			put_max_payload(&w, h->max_payload);
	}
	if (code == PPP_PADR && h->has_cookie)
		ppp_pppoe_put_tag(&w, PPP_TAG_AC_COOKIE, h->cookie, h->cookie_len);
	if (code != PPP_PADI && h->has_relay)
		ppp_pppoe_put_tag(&w, PPP_TAG_RELAY_ID, h->relay, h->relay_len);
	n = ppp_pppoe_end(&w);
	if (n)
		h->ops->send(h->ctx, dst, buf, n);
}

static void host_fail(struct nl_pppoe_host *h, const char *why)
{
	h->state = NL_PPPOE_HOST_FAILED;
	h->ops->timer(h->ctx, 0);
	h->ops->down(h->ctx, why);
}

static void host_step(struct nl_pppoe_host *h, enum nl_pppoe_host_state s)
{
	h->state = s;
	h->tries = 0;
	h->wait_ms = h->timeout_ms ? h->timeout_ms : 5000;
}

static void host_retry(struct nl_pppoe_host *h)
{
	bool padi = h->state == NL_PPPOE_HOST_PADI;

	host_send(h, padi ? PPP_PADI : PPP_PADR, padi ? broadcast : h->ac);
	h->tries++;
	h->ops->timer(h->ctx, h->wait_ms);
}

void nl_pppoe_host_start(struct nl_pppoe_host *h)
{
	h->has_cookie = h->has_relay = false;
	h->session = 0;
	memset(&h->stats, 0, sizeof(h->stats));
	host_step(h, NL_PPPOE_HOST_PADI);
	host_retry(h);
}

void nl_pppoe_host_timeout(struct nl_pppoe_host *h)
{
	unsigned int attempts = h->attempts ? h->attempts : 3;

	if (h->state != NL_PPPOE_HOST_PADI && h->state != NL_PPPOE_HOST_PADR)
		return;
	if (h->tries >= attempts) {
		host_fail(h, h->state == NL_PPPOE_HOST_PADI ? "no PADO: no access concentrator answered" :
			  "no PADS: the access concentrator did not confirm the session");
		return;
	}
	/* Back off: twice as long each time, up to 30 s. */
	h->wait_ms = h->wait_ms * 2 > WAIT_MAX_MS ? WAIT_MAX_MS : h->wait_ms * 2;
	host_retry(h);
}

static bool host_offer_ok(const struct nl_pppoe_host *h, const struct ppp_pppoe_disc *d)
{
	unsigned int i;

	if (h->ac_name[0] && !tag_is(&d->ac_name, h->ac_name, strlen(h->ac_name)))
		return false;
	if (!h->service[0])
		return true;
	for (i = 0; i < d->services && i < PPP_PPPOE_SERVICES_MAX; i++)
		if (tag_is(&d->service[i], h->service, strlen(h->service)))
			return true;
	return false;
}

void nl_pppoe_host_input(struct nl_pppoe_host *h, const uint8_t src[6], const uint8_t *pkt,
			 size_t len)
{
	struct ppp_pppoe_disc d;

	if (!parse(&h->stats, pkt, len, &d))
		return;
	/* Our Host-Uniq must come back in PADO and PADS. */
	if ((d.code == PPP_PADO || d.code == PPP_PADS) && h->uniq_len &&
	    !tag_is(&d.host_uniq, h->uniq, h->uniq_len)) {
		h->stats.not_for_us++;
		return;
	}
	switch (d.code) {
	case PPP_PADO:
		if (h->state != NL_PPPOE_HOST_PADI || !host_offer_ok(h, &d))
			break;
		memcpy(h->ac, src, 6);
		h->has_cookie = d.cookie.present;
		h->cookie_len = d.cookie.len;
		if (d.cookie.len)
			memcpy(h->cookie, d.cookie.val, d.cookie.len);
		h->has_relay = d.relay_id.present;
		h->relay_len = d.relay_id.len;
		if (d.relay_id.len)
			memcpy(h->relay, d.relay_id.val, d.relay_id.len);
		host_step(h, NL_PPPOE_HOST_PADR);
		host_retry(h);
		return;
	case PPP_PADS:
		if (h->state != NL_PPPOE_HOST_PADR || memcmp(src, h->ac, 6))
			break;
		if (d.service_error.present || d.ac_error.present || d.generic_error.present) {
			h->stats.refused++;
			host_fail(h, d.service_error.present ? "PADS: Service-Name-Error" :
				  d.ac_error.present ? "PADS: AC-System-Error" : "PADS: Generic-Error");
			return;
		}
		h->session = d.session;
		h->state = NL_PPPOE_HOST_SESSION;
		h->ops->timer(h->ctx, 0);
		h->ops->up(h->ctx, h->ac, d.session, d.has_max_payload ? d.max_payload : 0);
		return;
	case PPP_PADT:
		if (h->state != NL_PPPOE_HOST_SESSION || memcmp(src, h->ac, 6) ||
		    d.session != h->session)
			break;
		h->state = NL_PPPOE_HOST_IDLE;
		h->ops->down(h->ctx, "PADT: the access concentrator ended the session");
		return;
	}
	h->stats.not_for_us++;
}

void nl_pppoe_host_close(struct nl_pppoe_host *h)
{
	if (h->state == NL_PPPOE_HOST_SESSION)
		host_send(h, PPP_PADT, h->ac);
	h->ops->timer(h->ctx, 0);
	h->state = NL_PPPOE_HOST_IDLE;
}

/* --- the access concentrator ------------------------------------------------ */

/*
 * AC-Cookie: when it was made (4 bytes, seconds) and an HMAC-SHA256 over
 * that, the host's MAC and the service, cut to 20 bytes. A PADR is
 * believed only with a fresh one: nothing is kept before it.
 */
static void make_cookie(const struct nl_pppoe_ac *ac, uint32_t t, const uint8_t peer[6],
			const struct ppp_pppoe_tag *svc, uint8_t out[NL_PPPOE_COOKIE_LEN])
{
	uint8_t msg[4 + 6 + PPP_PPPOE_PAYLOAD_MAX], mac[EVP_MAX_MD_SIZE];
	unsigned int mlen = 0;
	size_t n = 0;

	ppp_put_be32(msg, t);
	memcpy(msg + 4, peer, 6);
	n = 10;
	if (svc->len) {
		memcpy(msg + n, svc->val, svc->len);
		n += svc->len;
	}
	HMAC(EVP_sha256(), ac->key, sizeof(ac->key), msg, n, mac, &mlen);
	ppp_put_be32(out, t);
	memcpy(out + 4, mac, NL_PPPOE_COOKIE_LEN - 4);
	OPENSSL_cleanse(mac, sizeof(mac));
}

static bool cookie_ok(const struct nl_pppoe_ac *ac, const uint8_t peer[6],
		      const struct ppp_pppoe_disc *d)
{
	uint8_t want[NL_PPPOE_COOKIE_LEN];
	uint32_t t, now = (uint32_t)ac->now_s;

	if (!d->cookie.present || d->cookie.len != NL_PPPOE_COOKIE_LEN)
		return false;
	t = ppp_get_be32(d->cookie.val);
	if ((uint32_t)(now - t) > COOKIE_LIFE_S)
		return false;
	make_cookie(ac, t, peer, &d->service[0], want);
	return CRYPTO_memcmp(want, d->cookie.val, sizeof(want)) == 0;
}

static bool ac_serves(const struct nl_pppoe_ac *ac, const struct ppp_pppoe_tag *svc)
{
	unsigned int i;

	if (!ac->nservices || !svc->len)
		return true;
	for (i = 0; i < ac->nservices; i++)
		if (tag_is(svc, ac->services[i], strlen(ac->services[i])))
			return true;
	return false;
}

/* PPP-Max-Payload to grant (RFC 4638): what was asked, up to ours. */
static uint16_t grant(const struct nl_pppoe_ac *ac, const struct ppp_pppoe_disc *d)
{
	if (!d->has_max_payload || !ac->max_payload || d->max_payload < 1492)
		return 0;
	return d->max_payload < ac->max_payload ? d->max_payload : ac->max_payload;
}

static void ac_reply(struct nl_pppoe_ac *ac, const uint8_t dst[6], uint8_t code, uint16_t sid,
		     const struct ppp_pppoe_disc *d, uint16_t error_tag)
{
	uint8_t buf[PPP_PPPOE_HDRLEN + PPP_PPPOE_PAYLOAD_MAX], cookie[NL_PPPOE_COOKIE_LEN];
	const struct ppp_pppoe_tag *svc = &d->service[0];
	struct ppp_pppoe_writer w;
	uint16_t mp = grant(ac, d);
	unsigned int i;
	size_t n;

	ppp_pppoe_begin(&w, buf, sizeof(buf), code, sid);
	if (code == PPP_PADO)
		ppp_pppoe_put_tag(&w, PPP_TAG_AC_NAME, ac->ac_name, strlen(ac->ac_name));
	ppp_pppoe_put_tag(&w, PPP_TAG_SERVICE_NAME, svc->val, svc->len);
	if (code == PPP_PADO)
		for (i = 0; i < ac->nservices; i++)
			if (!tag_is(svc, ac->services[i], strlen(ac->services[i])))
				ppp_pppoe_put_tag(&w, PPP_TAG_SERVICE_NAME, ac->services[i],
						  strlen(ac->services[i]));
	if (d->host_uniq.present)
		ppp_pppoe_put_tag(&w, PPP_TAG_HOST_UNIQ, d->host_uniq.val, d->host_uniq.len);
	if (d->relay_id.present)
		ppp_pppoe_put_tag(&w, PPP_TAG_RELAY_ID, d->relay_id.val, d->relay_id.len);
	if (code == PPP_PADO) {
		make_cookie(ac, (uint32_t)ac->now_s, dst, svc, cookie);
		ppp_pppoe_put_tag(&w, PPP_TAG_AC_COOKIE, cookie, sizeof(cookie));
	}
	if (mp && !error_tag)
		put_max_payload(&w, mp);
	if (error_tag)
		ppp_pppoe_put_tag(&w, error_tag, NULL, 0);
	n = ppp_pppoe_end(&w);
	if (n)
		ac->ops->send(ac->ctx, dst, buf, n);
}

void nl_pppoe_ac_input(struct nl_pppoe_ac *ac, const uint8_t src[6], const uint8_t *pkt,
		       size_t len)
{
	struct ppp_pppoe_disc d;
	char service[NL_PPPOE_NAME_MAX];
	uint16_t sid;

	if (!parse(&ac->stats, pkt, len, &d))
		return;
	if (src[0] & 1) {		/* a multicast source is nobody */
		ac->stats.not_for_us++;
		return;
	}
	switch (d.code) {
	case PPP_PADI:
		if (!ac_serves(ac, &d.service[0]))
			break;
		ac_reply(ac, src, PPP_PADO, 0, &d, 0);
		return;
	case PPP_PADR:
		if (!cookie_ok(ac, src, &d)) {
			ac->stats.bad_cookie++;
			return;
		}
		if (!ac_serves(ac, &d.service[0])) {
			ac_reply(ac, src, PPP_PADS, 0, &d, PPP_TAG_SERVICE_ERROR);
			ac->stats.refused++;
			return;
		}
		snprintf(service, sizeof(service), "%.*s", (int)d.service[0].len,
			 (const char *)d.service[0].val);
		sid = ac->ops->new_session(ac->ctx, src, service, grant(ac, &d));
		if (!sid || sid == 0xffff) {
			ac_reply(ac, src, PPP_PADS, 0, &d, PPP_TAG_AC_ERROR);
			ac->stats.refused++;
			return;
		}
		ac_reply(ac, src, PPP_PADS, sid, &d, 0);
		return;
	case PPP_PADT:
		ac->ops->padt(ac->ctx, src, d.session);
		return;
	}
	ac->stats.not_for_us++;
}
