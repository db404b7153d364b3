// SPDX-License-Identifier: GPL-2.0
/* The PPPoE client: see client.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "config.h"
#include "dataplane/dataplane.h"
#include "log.h"
#include "pppoe/client.h"
#include "pppoe/disc.h"
#include "pppoe/iface.h"
#include "registry.h"
#include "transport/transport.h"

struct nl_pppoe_client {
	struct nl_loop *loop;
	const struct nl_config *cfg;
	struct nl_pppoe_if *iface;
	struct nl_pppoe_host host;
	struct nl_timer timer, kick;
	struct nl_pppoe_sess *sess;
	uint8_t only_mac[6];
	bool has_mac;
	uint8_t sess_mac[6];		/* pppoe-sess: attach without discovery */
	uint16_t sess_sid;
	nl_pppoe_ready_fn ready;
	void *ctx;
};

int nl_pppoe_parse_hex(const char *s, unsigned char *out, size_t cap)
{
	size_t n = strlen(s), k;

	if (!n || n % 2 || n / 2 > cap)
		return -EINVAL;
	for (k = 0; k < n / 2; k++) {
		unsigned int b;

		if (sscanf(s + 2 * k, "%2x", &b) != 1 || !strchr("0123456789abcdefABCDEF", s[2 * k]) ||
		    !strchr("0123456789abcdefABCDEF", s[2 * k + 1]))
			return -EINVAL;
		out[k] = (unsigned char)b;
	}
	return (int)(n / 2);
}

static void c_send(void *ctx, const uint8_t dst[6], const uint8_t *pkt, size_t len)
{
	struct nl_pppoe_client *c = ctx;

	nl_pppoe_if_send_disc(c->iface, dst, pkt, len);
}

static void c_timer(void *ctx, unsigned int ms)
{
	struct nl_pppoe_client *c = ctx;

	if (ms)
		nl_timer_arm(c->loop, &c->timer, ms);
	else
		nl_timer_cancel(c->loop, &c->timer);
}

static void c_up(void *ctx, const uint8_t ac[6], uint16_t sid, uint16_t max_payload)
{
	struct nl_pppoe_client *c = ctx;
	struct nl_transport tr;
	int err;

	/* RFC 4638: more than 1492 only if granted, and no more than asked. */
	if (max_payload > c->host.max_payload)
		max_payload = c->host.max_payload;
	err = nl_pppoe_sess_new(&c->sess, c->iface, ac, sid, max_payload, c, &tr);
	if (err < 0) {
		nl_err("pppoe %s: session %u: %s", c->iface->name, sid, strerror(-err));
		nl_pppoe_host_close(&c->host);
		c->ready(c->ctx, NULL, "cannot make the session");
		return;
	}
	nl_notice("PPPoE session %u with %02x:%02x:%02x:%02x:%02x:%02x on %s", sid, ac[0], ac[1],
		  ac[2], ac[3], ac[4], ac[5], c->iface->name);
	c->ready(c->ctx, &tr, NULL);
}

static void c_down(void *ctx, const char *why)
{
	struct nl_pppoe_client *c = ctx;

	nl_notice("pppoe %s: %s", c->iface->name, why);
	if (c->sess) {
		/* The link reads EOF: a hangup, and persist redials. */
		nl_pppoe_sess_free(c->sess);
		c->sess = NULL;
		return;
	}
	c->ready(c->ctx, NULL, why);
}

static const struct nl_pppoe_host_ops host_ops = {
	.send = c_send,
	.timer = c_timer,
	.up = c_up,
	.down = c_down,
};

static void c_disc(void *ctx, struct nl_pppoe_if *i, const uint8_t src[6], const uint8_t *pkt,
		   size_t len)
{
	struct nl_pppoe_client *c = ctx;

	/* pppoe-mac: offers from anyone else are not for us. */
	if (c->has_mac && memcmp(src, c->only_mac, 6)) {
		c->host.stats.not_for_us++;
		return;
	}
	nl_pppoe_host_input(&c->host, src, pkt, len);
}

static void c_closed(void *ctx, struct nl_pppoe_sess *s)
{
	struct nl_pppoe_client *c = ctx;

	nl_pppoe_host_close(&c->host);		/* PADT */
	nl_pppoe_sess_free(s);
	c->sess = NULL;
}

static const struct nl_pppoe_if_ops if_ops = {
	.disc = c_disc,
	.closed = c_closed,
};

static void timer_fn(void *ctx)
{
	struct nl_pppoe_client *c = ctx;

	nl_pppoe_host_timeout(&c->host);
}

/* pppoe-sess SID:MAC: the session exists already (made by another discovery). */
static void kick_fn(void *ctx)
{
	struct nl_pppoe_client *c = ctx;

	c->host.state = NL_PPPOE_HOST_SESSION;
	c->host.session = c->sess_sid;
	memcpy(c->host.ac, c->sess_mac, 6);
	c_up(c, c->sess_mac, c->sess_sid, 0);
}

static int configure(struct nl_pppoe_client *c, const struct nl_pppoe_conf *pc)
{
	struct nl_pppoe_host *h = &c->host;
	int n;

	h->ops = &host_ops;
	h->ctx = c;
	snprintf(h->service, sizeof(h->service), "%s", pc->service);
	snprintf(h->ac_name, sizeof(h->ac_name), "%s", pc->ac);
	h->timeout_ms = (pc->padi_timeout ? pc->padi_timeout : 5) * 1000;
	h->attempts = pc->padi_attempts ? pc->padi_attempts : 3;
	if (pc->host_uniq[0]) {
		n = nl_pppoe_parse_hex(pc->host_uniq, h->uniq, sizeof(h->uniq));
		if (n < 0)
			return -EINVAL;
		h->uniq_len = (uint8_t)n;
	} else {
		if (getrandom(h->uniq, 8, 0) != 8)
			return -EIO;
		h->uniq_len = 8;
	}
	if (pc->mac[0]) {
		if (nl_pppoe_parse_mac(pc->mac, c->only_mac) < 0)
			return -EINVAL;
		c->has_mac = true;
	}
	if (pc->sess[0]) {
		const char *colon = strchr(pc->sess, ':');
		char *end;
		unsigned long sid = strtoul(pc->sess, &end, 10);

		if (!colon || end != colon || !sid || sid >= 0xffff ||
		    nl_pppoe_parse_mac(colon + 1, c->sess_mac) < 0)
			return -EINVAL;
		c->sess_sid = (uint16_t)sid;
	}
	return 0;
}

int nl_pppoe_client_start(struct nl_pppoe_client **cp, struct nl_loop *loop,
			  struct nl_registry *reg, const struct nl_config *cfg,
			  nl_pppoe_ready_fn ready, void *ctx)
{
	struct nl_pppoe_client *c = calloc(1, sizeof(*c));
	int err;

	*cp = NULL;
	if (!c)
		return -ENOMEM;
	c->loop = loop;
	c->cfg = cfg;
	c->ready = ready;
	c->ctx = ctx;
	nl_timer_init(&c->timer, timer_fn, c);
	nl_timer_init(&c->kick, kick_fn, c);
	err = configure(c, &cfg->pppoe);
	if (err < 0) {
		nl_err("pppoe: bad pppoe-host-uniq, pppoe-mac or pppoe-sess value");
		free(c);
		return err;
	}
	err = nl_pppoe_if_open(&c->iface, loop, cfg->pppoe.iface, 16, &if_ops, c);
	if (err < 0) {
		free(c);
		return err;
	}
	if (nl_dataplane_pppoe_kernel(cfg))
		nl_pppoe_if_kernel_sessions(c->iface, reg ? nl_registry_genl(reg) : NULL);
	*cp = c;
	if (c->sess_sid) {
		nl_timer_arm(loop, &c->kick, 0);
		return 0;
	}
	/*
	 * RFC 4638: an MRU over 1492 is asked for as PPP-Max-Payload, when the
	 * interface's MTU leaves room for it and the PPPoE header.
	 */
	if (cfg->mru > 1492 && cfg->mru <= 0xffff) {
		if (c->iface->mtu >= cfg->mru + 8)
			c->host.max_payload = (uint16_t)cfg->mru;
		else
			nl_warn("pppoe %s: mru %u needs an MTU of %u (it is %u): asking for 1492",
				c->iface->name, cfg->mru, cfg->mru + 8, c->iface->mtu);
	}
	nl_info("pppoe %s: sending PADI%s%s", c->iface->name, c->host.service[0] ? " for " : "",
		c->host.service);
	nl_pppoe_host_start(&c->host);
	return 0;
}

void nl_pppoe_client_free(struct nl_pppoe_client *c)
{
	if (!c)
		return;
	nl_pppoe_host_close(&c->host);
	nl_timer_cancel(c->loop, &c->timer);
	nl_timer_cancel(c->loop, &c->kick);
	nl_pppoe_if_close(c->iface);
	free(c);
}
