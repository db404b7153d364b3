// SPDX-License-Identifier: GPL-2.0
/* The PPPoE access concentrator: see ac.h. */
#include <errno.h>
#include <json-c/json.h>
#include <openssl/crypto.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include "config.h"
#include "dataplane/dataplane.h"
#include "log.h"
#include "pppoe/ac.h"
#include "pppoe/disc.h"
#include "pppoe/iface.h"
#include "registry.h"
#include "server.h"
#include "transport/transport.h"

enum {
	PADO_QUEUE = 64,	/* PADIs waiting out pppoe-pado-delay, per interface */
};

struct pending_padi {
	uint64_t due_ms;
	uint8_t src[6];
	uint16_t len;
	uint8_t pkt[PPP_PPPOE_PADI_MAX];
};

struct ac_if {
	struct nl_pppoe_acs *acs;
	struct nl_pppoe_if *iface;
	struct nl_pppoe_ac ac;
	/* pppoe-padi-limit: a token bucket, one token a PADI, refilled each second. */
	uint64_t bucket_s;
	unsigned int tokens;
	uint64_t padi_limited, padi_queue_full, padt_rx, padt_tx;
	uint64_t closing;		/* PADI/PADR dropped: shutting down */
	/* pppoe-pado-delay: a ring of PADIs, oldest first (all wait equally long). */
	struct pending_padi *q;
	unsigned int qhead, qlen;
	struct nl_timer qtimer;
	/*
	 * Sessions by the AC-Cookie of their PADR: a PADR sent again (its
	 * PADS was lost) or replayed gets the same session, not another.
	 */
	struct ac_sess **ctab;
	uint32_t cmask;
	const uint8_t *cur_pkt;		/* the PADR being answered */
	size_t cur_len;
	uint64_t padr_again;
};

struct nl_pppoe_acs {
	struct nl_server *srv;
	struct nl_loop *loop;
	const struct nl_config *cfg;
	struct ac_if ifs[NL_PPPOE_LISTEN_MAX];
	unsigned int n;
};

/* A session between its PADR and the end of its link. */
struct ac_sess {
	struct ac_if *ai;
	struct nl_pppoe_sess *s;
	struct ac_sess *cnext;	/* in ai->ctab */
	uint8_t cookie[NL_PPPOE_COOKIE_LEN];
	uint8_t peer[6];
	uint32_t uniq;		/* hash of the PADR's Host-Uniq: two hosts behind one MAC */
	struct nl_transport *tr;	/* until the link takes it (then NULL: it is big) */
	struct nl_timer start;
	uint32_t key;
	char name[64];
};

/* FNV-1a of @mac (6 bytes) or of @p (@len bytes); never 0. */
static uint32_t fnv32(const uint8_t *mac, const uint8_t *p, size_t len)
{
	uint32_t h = 2166136261u;
	size_t k;

	if (mac) {
		p = mac;
		len = 6;
	}
	for (k = 0; k < len; k++)
		h = (h ^ p[k]) * 16777619u;
	return h ? h : 1;
}

static void send_padt(struct ac_if *ai, struct nl_pppoe_sess *s)
{
	uint8_t buf[PPP_PPPOE_HDRLEN + 32];
	struct ppp_pppoe_writer w;
	size_t n;

	ppp_pppoe_begin(&w, buf, sizeof(buf), PPP_PADT, s->sid);
	n = ppp_pppoe_end(&w);
	if (n && nl_pppoe_if_send_disc(ai->iface, s->peer, buf, n) == 0)
		ai->padt_tx++;
}

static uint32_t cookie_hash(const uint8_t *c)
{
	/* Its last bytes are an HMAC: already uniformly spread. */
	return (uint32_t)c[NL_PPPOE_COOKIE_LEN - 1] | (uint32_t)c[NL_PPPOE_COOKIE_LEN - 2] << 8 |
	       (uint32_t)c[NL_PPPOE_COOKIE_LEN - 3] << 16;
}

static struct ac_sess **cookie_slot(struct ac_if *ai, const uint8_t *cookie)
{
	return &ai->ctab[cookie_hash(cookie) & ai->cmask];
}

static void sess_forget(struct ac_sess *as)
{
	struct ac_sess **pp;

	for (pp = cookie_slot(as->ai, as->cookie); *pp; pp = &(*pp)->cnext)
		if (*pp == as) {
			*pp = as->cnext;
			break;
		}
	nl_timer_cancel(as->ai->acs->loop, &as->start);
	if (as->tr) {
		nl_transport_close(as->tr);
		free(as->tr);
	}
	nl_pppoe_sess_free(as->s);
	free(as);
}

/* After the PADS went out: the link's first LCP frame must not overtake it. */
static void start_fn(void *ctx)
{
	struct ac_sess *as = ctx;

	/* On failure the transport is closed: its EOF ends the session (PADT). */
	nl_server_start(as->ai->acs->srv, as->tr, as->name, as->key);
	free(as->tr);
	as->tr = NULL;
}

/* --- the engine's callbacks --------------------------------------------------- */

static void e_send(void *ctx, const uint8_t dst[6], const uint8_t *pkt, size_t len)
{
	struct ac_if *ai = ctx;

	nl_pppoe_if_send_disc(ai->iface, dst, pkt, len);
}

static uint16_t e_new_session(void *ctx, const uint8_t peer[6], const char *service,
			      uint16_t max_payload)
{
	struct ac_if *ai = ctx;
	struct ppp_pppoe_disc d;
	struct ac_sess *as;
	uint32_t uniq;
	uint16_t sid;

	/* The engine checked the cookie: it is there, NL_PPPOE_COOKIE_LEN long. */
	if (!ai->cur_pkt || ppp_pppoe_parse(ai->cur_pkt, ai->cur_len, &d) != PPP_PPPOE_OK ||
	    d.cookie.len != NL_PPPOE_COOKIE_LEN)
		return 0;
	uniq = d.host_uniq.present ? fnv32(NULL, d.host_uniq.val, d.host_uniq.len) : 0;
	for (as = *cookie_slot(ai, d.cookie.val); as; as = as->cnext)
		if (!memcmp(as->cookie, d.cookie.val, NL_PPPOE_COOKIE_LEN) &&
		    !memcmp(as->peer, peer, 6) && as->uniq == uniq) {
			ai->padr_again++;
			return as->s->sid;
		}
	as = calloc(1, sizeof(*as));
	if (!as)
		return 0;
	as->tr = calloc(1, sizeof(*as->tr));
	if (!as->tr) {
		free(as);
		return 0;
	}
	as->ai = ai;
	memcpy(as->cookie, d.cookie.val, NL_PPPOE_COOKIE_LEN);
	memcpy(as->peer, peer, 6);
	as->uniq = uniq;
	as->key = fnv32(peer, NULL, 0);
	snprintf(as->name, sizeof(as->name), "pppoe:%s:%02x:%02x:%02x:%02x:%02x:%02x",
		 ai->iface->name, peer[0], peer[1], peer[2], peer[3], peer[4], peer[5]);
	sid = nl_pppoe_if_free_sid(ai->iface);
	if (!sid || !nl_server_admit(ai->acs->srv, as->key, as->name) ||
	    nl_pppoe_sess_new(&as->s, ai->iface, peer, sid, max_payload, as, as->tr) < 0) {
		free(as->tr);
		free(as);
		return 0;
	}
	as->cnext = *cookie_slot(ai, as->cookie);
	*cookie_slot(ai, as->cookie) = as;
	nl_timer_init(&as->start, start_fn, as);
	nl_timer_arm(ai->acs->loop, &as->start, 0);
	nl_info("%s: session %u%s%s", as->name, sid, *service ? " for service " : "", service);
	return sid;
}

static void e_padt(void *ctx, const uint8_t peer[6], uint16_t sid)
{
	struct ac_if *ai = ctx;
	struct nl_pppoe_sess *s = nl_pppoe_sess_find(ai->iface, peer, sid);
	struct ac_sess *as;

	if (!s) {
		ai->ac.stats.not_for_us++;
		return;
	}
	as = s->owner;
	ai->padt_rx++;
	nl_info("%s: PADT from the host ends session %u", as->name, sid);
	/* Its link reads EOF: a hangup. */
	sess_forget(as);
}

static const struct nl_pppoe_ac_ops engine_ops = {
	.send = e_send,
	.new_session = e_new_session,
	.padt = e_padt,
};

/* --- the interface's callbacks ------------------------------------------------ */

static bool padi_allowed(struct ac_if *ai)
{
	unsigned int limit = ai->acs->cfg->pppoe.padi_limit;
	uint64_t now_s = nl_now_ms() / 1000;

	if (!limit)
		return true;
	if (now_s != ai->bucket_s) {
		ai->bucket_s = now_s;
		ai->tokens = limit;
	}
	if (!ai->tokens) {
		ai->padi_limited++;
		return false;
	}
	ai->tokens--;
	return true;
}

static void input(struct ac_if *ai, const uint8_t src[6], const uint8_t *pkt, size_t len)
{
	ai->ac.now_s = nl_now_ms() / 1000;
	ai->cur_pkt = pkt;
	ai->cur_len = len;
	nl_pppoe_ac_input(&ai->ac, src, pkt, len);
	ai->cur_pkt = NULL;
}

static void qtimer_fn(void *ctx)
{
	struct ac_if *ai = ctx;
	uint64_t now = nl_now_ms();

	while (ai->qlen && ai->q[ai->qhead].due_ms <= now) {
		struct pending_padi *p = &ai->q[ai->qhead];

		input(ai, p->src, p->pkt, p->len);
		ai->qhead = (ai->qhead + 1) % PADO_QUEUE;
		ai->qlen--;
	}
	if (ai->qlen)
		nl_timer_arm(ai->acs->loop, &ai->qtimer, ai->q[ai->qhead].due_ms - now);
}

static void delay_padi(struct ac_if *ai, const uint8_t src[6], const uint8_t *pkt, size_t len)
{
	struct pending_padi *p;

	/* Too big for a PADI: no use waiting to refuse it (and count it). */
	if (len > sizeof(p->pkt)) {
		input(ai, src, pkt, len);
		return;
	}
	if (ai->qlen >= PADO_QUEUE) {
		ai->padi_queue_full++;
		return;
	}
	p = &ai->q[(ai->qhead + ai->qlen++) % PADO_QUEUE];
	p->due_ms = nl_now_ms() + ai->acs->cfg->pppoe.pado_delay;
	memcpy(p->src, src, 6);
	memcpy(p->pkt, pkt, len);
	p->len = (uint16_t)len;
	if (ai->qlen == 1)
		nl_timer_arm(ai->acs->loop, &ai->qtimer, ai->acs->cfg->pppoe.pado_delay);
}

static void i_disc(void *ctx, struct nl_pppoe_if *i, const uint8_t src[6], const uint8_t *pkt,
		   size_t len)
{
	struct ac_if *ai = ctx;

	/* Shutting down: no new sessions, but PADTs still end old ones. */
	if (len >= 2 && (pkt[1] == PPP_PADI || pkt[1] == PPP_PADR) &&
	    nl_server_closing(ai->acs->srv)) {
		ai->closing++;
		return;
	}
	if (len >= 2 && pkt[1] == PPP_PADI) {
		if (!padi_allowed(ai))
			return;
		if (ai->acs->cfg->pppoe.pado_delay) {
			delay_padi(ai, src, pkt, len);
			return;
		}
	}
	input(ai, src, pkt, len);
}

static void i_closed(void *ctx, struct nl_pppoe_sess *s)
{
	struct ac_if *ai = ctx;

	send_padt(ai, s);
	sess_forget(s->owner);
}

static const struct nl_pppoe_if_ops if_ops = {
	.disc = i_disc,
	.closed = i_closed,
};

/* --- opening and closing ------------------------------------------------------ */

static int open_if(struct nl_pppoe_acs *a, struct ac_if *ai, const char *name)
{
	const struct nl_pppoe_conf *pc = &a->cfg->pppoe;
	struct nl_pppoe_ac *ac = &ai->ac;
	unsigned int k, mp, buckets = a->cfg->max_sessions ? a->cfg->max_sessions : 16384;
	int err;

	ai->acs = a;
	nl_timer_init(&ai->qtimer, qtimer_fn, ai);
	if (pc->pado_delay) {
		ai->q = calloc(PADO_QUEUE, sizeof(*ai->q));
		if (!ai->q)
			return -ENOMEM;
	}
	ac->ops = &engine_ops;
	ac->ctx = ai;
	if (pc->ac_name[0])
		snprintf(ac->ac_name, sizeof(ac->ac_name), "%s", pc->ac_name);
	else if (gethostname(ac->ac_name, sizeof(ac->ac_name) - 1) < 0)
		strcpy(ac->ac_name, "nlpppd");
	for (k = 0; k < pc->nservices && k < sizeof(ac->services) / sizeof(ac->services[0]); k++)
		snprintf(ac->services[k], sizeof(ac->services[k]), "%s", pc->services[k]);
	ac->nservices = k;
	if (getrandom(ac->key, sizeof(ac->key), 0) != sizeof(ac->key))
		return -EIO;
	for (ai->cmask = 15; ai->cmask < buckets - 1 && ai->cmask < (1u << 20) - 1;)
		ai->cmask = ai->cmask << 1 | 1;
	ai->ctab = calloc(ai->cmask + 1, sizeof(*ai->ctab));
	if (!ai->ctab)
		return -ENOMEM;
	err = nl_pppoe_if_open(&ai->iface, a->loop, name, buckets, &if_ops, ai);
	if (err < 0)
		return err;
	if (nl_dataplane_pppoe_kernel(a->cfg))
		nl_pppoe_if_kernel_sessions(ai->iface,
					    nl_registry_genl(nl_server_registry(a->srv)));
	/*
	 * RFC 4638: grant more than 1492 up to what the interface carries and
	 * our MRU (1500 unless set): the session's LCP then asks for that.
	 */
	mp = a->cfg->mru ? a->cfg->mru : 1500;
	if (mp > ai->iface->mtu - 8)
		mp = ai->iface->mtu - 8;
	ac->max_payload = mp > 1492 && mp <= 0xffff ? (uint16_t)mp : 0;
	nl_notice("PPPoE access concentrator '%s' on %s", ac->ac_name, name);
	return 0;
}

int nl_pppoe_acs_open(struct nl_pppoe_acs **ap, struct nl_server *srv, struct nl_loop *loop,
		      const struct nl_config *cfg)
{
	struct nl_pppoe_acs *a = calloc(1, sizeof(*a));
	unsigned int k;
	int err;

	*ap = NULL;
	if (!a)
		return -ENOMEM;
	a->srv = srv;
	a->loop = loop;
	a->cfg = cfg;
	for (k = 0; k < cfg->pppoe.nlisten; k++) {
		err = open_if(a, &a->ifs[k], cfg->pppoe.listen[k]);
		a->n = k + 1;
		if (err < 0) {
			nl_pppoe_acs_close(a);
			return err;
		}
	}
	*ap = a;
	return 0;
}

static void log_counters(const struct ac_if *ai)
{
	const struct nl_pppoe_disc_stats *d = &ai->ac.stats;
	const struct nl_pppoe_if_stats *st = &ai->iface->stats;
	uint64_t malformed = 0;
	int e;

	for (e = 0; e < PPP_PPPOE_ERR_MAX; e++)
		malformed += d->malformed[e];
	nl_notice("pppoe %s: discovery frames %llu parsed %llu malformed %llu not-for-us %llu "
		  "bad-cookie %llu "
		  "refused %llu padr-again %llu padi-limited %llu pado-queue-full %llu closing %llu "
		  "padt-rx %llu "
		  "padt-tx %llu; "
		  "session rx %llu tx %llu unknown-session %llu bad-header %llu",
		  ai->iface->name, (unsigned long long)st->rx_disc, (unsigned long long)d->rx,
		  (unsigned long long)malformed,
		  (unsigned long long)d->not_for_us, (unsigned long long)d->bad_cookie,
		  (unsigned long long)d->refused, (unsigned long long)ai->padr_again,
		  (unsigned long long)ai->padi_limited,
		  (unsigned long long)ai->padi_queue_full, (unsigned long long)ai->closing,
		  (unsigned long long)ai->padt_rx,
		  (unsigned long long)ai->padt_tx, (unsigned long long)st->rx_ses,
		  (unsigned long long)st->tx_ses, (unsigned long long)st->rx_ses_unknown,
		  (unsigned long long)st->rx_ses_bad);
}

void nl_pppoe_acs_close(struct nl_pppoe_acs *a)
{
	unsigned int k, b;

	if (!a)
		return;
	for (k = 0; k < a->n; k++) {
		struct ac_if *ai = &a->ifs[k];

		if (ai->iface) {
			for (b = 0; b <= ai->iface->mask; b++)
				while (ai->iface->table[b]) {
					struct nl_pppoe_sess *s = ai->iface->table[b];

					send_padt(ai, s);
					sess_forget(s->owner);
				}
			log_counters(ai);
			nl_pppoe_if_close(ai->iface);
		}
		nl_timer_cancel(a->loop, &ai->qtimer);
		free(ai->q);
		free(ai->ctab);
		OPENSSL_cleanse(ai->ac.key, sizeof(ai->ac.key));
	}
	free(a);
}

struct json_object *nl_pppoe_acs_status(const struct nl_pppoe_acs *a)
{
	struct json_object *arr = json_object_new_array();
	unsigned int k;

	for (k = 0; a && k < a->n; k++) {
		const struct ac_if *ai = &a->ifs[k];
		struct json_object *o = json_object_new_object();

		if (!ai->iface)
			continue;
		json_object_object_add(o, "interface", json_object_new_string(ai->iface->name));
		json_object_object_add(o, "sessions", json_object_new_int(ai->iface->nsess));
		json_object_object_add(o, "bad_cookie", json_object_new_int64(ai->ac.stats.bad_cookie));
		json_object_object_add(o, "unknown_session",
				       json_object_new_int64(ai->iface->stats.rx_ses_unknown));
		json_object_array_add(arr, o);
	}
	return arr;
}
