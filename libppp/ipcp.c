// SPDX-License-Identifier: GPL-2.0
/*
 * IPCP option codec (RFC 1332, RFC 1877).
 *
 * IP-Address works as in pppd: a client with no address (noipdefault) sends
 * 0.0.0.0 and takes whatever the server naks it with; a server with a
 * remote address naks the client towards it unless accept_remote is set.
 * DNS and NBNS use the RFC 1877 trick: the client requests 0.0.0.0 and the
 * server naks with the real value. The old IP-Addresses option (RFC 1172)
 * is rejected, which makes peers fall back to IP-Address.
 *
 * VJ (RFC 1332 section 4) as pppd: we offer our slot count and slot-id
 * compression; a Nak can only lower them (fewer slots, no slot-id
 * compression) and anything else in it stops us asking. A peer asking for
 * more slots than we allow, or for slot-id compression under novjccomp, is
 * naked with our values. RFC 1172's 0x0037 and the 4-byte form of the
 * option are rejected.
 *
 * As in lcp.c, state is committed only once a packet has been validated.
 */
#include "libppp/ipcp.h"
#include "libppp/options.h"
#include "libppp/ppp.h"

enum {
	IPCP_LEN_ADDR = 6,
	IPCP_LEN_VJ = 6,
	IPCP_REQ_MAX = IPCP_LEN_VJ + 5 * IPCP_LEN_ADDR,
	IPCP_SEEN_VJ = 1u << 8,
};

/* Our request order: IP-Address first, then the RFC 1877 options, as pppd. */
static const uint8_t ipcp_req_order[] = {
	PPP_IPCP_OPT_ADDR, PPP_IPCP_OPT_DNS1, PPP_IPCP_OPT_DNS2,
	PPP_IPCP_OPT_NBNS1, PPP_IPCP_OPT_NBNS2,
};

/* The negotiate flag and value for one of the five address-valued options. */
static bool *ipcp_neg(struct ppp_ipcp_opts *o, uint8_t type)
{
	switch (type) {
	case PPP_IPCP_OPT_ADDR:
		return &o->neg_addr;
	case PPP_IPCP_OPT_DNS1:
		return &o->neg_dns1;
	case PPP_IPCP_OPT_DNS2:
		return &o->neg_dns2;
	case PPP_IPCP_OPT_NBNS1:
		return &o->neg_nbns1;
	case PPP_IPCP_OPT_NBNS2:
		return &o->neg_nbns2;
	}
	return NULL;
}

static uint32_t *ipcp_val(struct ppp_ipcp_opts *o, uint8_t type)
{
	switch (type) {
	case PPP_IPCP_OPT_ADDR:
		return &o->addr;
	case PPP_IPCP_OPT_DNS1:
		return &o->dns1;
	case PPP_IPCP_OPT_DNS2:
		return &o->dns2;
	case PPP_IPCP_OPT_NBNS1:
		return &o->nbns1;
	case PPP_IPCP_OPT_NBNS2:
		return &o->nbns2;
	}
	return NULL;
}

/* What we hand out for a DNS/NBNS option the peer requests (0 = nothing). */
static uint32_t ipcp_server(const struct ppp_ipcp_neg *n, uint8_t type)
{
	switch (type) {
	case PPP_IPCP_OPT_DNS1:
		return n->dns[0];
	case PPP_IPCP_OPT_DNS2:
		return n->dns[1];
	case PPP_IPCP_OPT_NBNS1:
		return n->nbns[0];
	case PPP_IPCP_OPT_NBNS2:
		return n->nbns[1];
	}
	return 0;
}

/* A bit per option for spotting duplicates; @type is one of the five. */
static uint32_t ipcp_bit(uint8_t type)
{
	return 1u << (type == PPP_IPCP_OPT_ADDR ? 0 : type - 128);
}

static size_t ipcp_put_vj(uint8_t *b, uint8_t max_slot, bool cid)
{
	size_t l = ppp_opt_put16(b, PPP_IPCP_OPT_COMP, PPP_PROTO_VJC);

	b[1] = IPCP_LEN_VJ;
	b[l++] = max_slot;
	b[l++] = cid;
	return l;
}

/* VJ first, as pppd orders its request. */
static size_t ipcp_put_req(struct ppp_ipcp_opts *o, uint8_t *b)
{
	size_t l = 0, i;

	if (o->neg_vj)
		l += ipcp_put_vj(b, o->vj_max_slot, o->vj_cid);
	for (i = 0; i < sizeof(ipcp_req_order); i++) {
		uint8_t t = ipcp_req_order[i];

		if (*ipcp_neg(o, t))
			l += ppp_opt_put32(b + l, t, *ipcp_val(o, t));
	}
	return l;
}

void ppp_ipcp_reset(struct ppp_ipcp_neg *n)
{
	memset(&n->cur, 0, sizeof(n->cur));
	n->cur.neg_addr = true;
	n->cur.addr = n->local;
	n->cur.neg_dns1 = n->req_dns;
	n->cur.neg_dns2 = n->req_dns;
	n->cur.neg_vj = n->vj;
	n->cur.vj_max_slot = n->vj_max_slot;
	n->cur.vj_cid = n->vj_cid;
	memset(&n->got, 0, sizeof(n->got));
	memset(&n->his, 0, sizeof(n->his));
}

/* Whole options only, as ppp_lcp_build_req(). */
size_t ppp_ipcp_build_req(struct ppp_ipcp_neg *n, uint8_t *buf, size_t cap)
{
	uint8_t req[IPCP_REQ_MAX];
	size_t len = ipcp_put_req(&n->cur, req);

	return ppp_opt_copy(buf, cap, req, len);
}

int ppp_ipcp_recv_ack(struct ppp_ipcp_neg *n, const uint8_t *p, size_t len)
{
	uint8_t req[IPCP_REQ_MAX];
	size_t rlen = ipcp_put_req(&n->cur, req);

	if (ppp_opt_check_ack(p, len, req, rlen))
		return -EINVAL;
	n->got = n->cur;
	return 0;
}

/*
 * A Nak of our VJ option: fewer slots or no slot-id compression are taken;
 * another protocol (0x0037) or form stops us asking, as does the last Nak.
 */
static int ipcp_nak_vj(struct ppp_ipcp_opts *try, const uint8_t *o, uint8_t olen,
		       bool last)
{
	if (olen != IPCP_LEN_VJ && olen != 4)
		return -EINVAL;
	if (last || olen != IPCP_LEN_VJ || ppp_get_be16(o + 2) != PPP_PROTO_VJC) {
		try->neg_vj = false;
		return 0;
	}
	if (o[4] < try->vj_max_slot)
		try->vj_max_slot = o[4];
	if (!o[5])
		try->vj_cid = false;
	return 0;
}

int ppp_ipcp_recv_nak(struct ppp_ipcp_neg *n, const uint8_t *p, size_t len,
		      bool last)
{
	struct ppp_ipcp_opts try = n->cur;
	uint32_t seen = 0;
	const uint8_t *o;
	size_t off = 0;
	uint8_t olen;
	int r;

	while ((r = ppp_opt_next(p, len, &off, &o, &olen)) > 0) {
		bool *neg = ipcp_neg(&try, o[0]);
		uint32_t *val = ipcp_val(&try, o[0]);
		uint32_t v;

		if (o[0] == PPP_IPCP_OPT_COMP) {
			if (seen & IPCP_SEEN_VJ)
				return -EINVAL;
			seen |= IPCP_SEEN_VJ;
			/* A suggestion we did not ask for turns nothing on. */
			if (n->cur.neg_vj && ipcp_nak_vj(&try, o, olen, last) < 0)
				return -EINVAL;
			continue;
		}
		if (!neg)
			continue;	/* a suggestion we did not ask for */
		if (olen != IPCP_LEN_ADDR || (seen & ipcp_bit(o[0])))
			return -EINVAL;
		seen |= ipcp_bit(o[0]);
		if (!*ipcp_neg(&n->cur, o[0]))
			continue;
		v = ppp_get_be32(o + 2);
		if (last) {
			*neg = false;
		} else if (o[0] == PPP_IPCP_OPT_ADDR) {
			/* Keep a configured address unless told otherwise. */
			if (v && (!n->cur.addr || n->accept_local))
				*val = v;
		} else if (v) {
			*val = v;	/* the peer tells us its servers */
		} else {
			*neg = false;	/* "0.0.0.0" for 0.0.0.0: it has none */
		}
		if (!*neg && o[0] != PPP_IPCP_OPT_ADDR)
			*val = 0;
	}
	if (r < 0)
		return r;
	n->cur = try;
	return 0;
}

/* Rejected options must appear unmodified and in order in our request. */
int ppp_ipcp_recv_rej(struct ppp_ipcp_neg *n, const uint8_t *p, size_t len)
{
	uint8_t req[IPCP_REQ_MAX];
	size_t rlen = ipcp_put_req(&n->cur, req), off = 0;
	const uint8_t *o;
	uint8_t olen;

	if (ppp_opt_check_rej(p, len, req, rlen))
		return -EINVAL;
	while (ppp_opt_next(p, len, &off, &o, &olen) > 0) {
		if (o[0] == PPP_IPCP_OPT_COMP) {
			n->cur.neg_vj = false;
			continue;
		}
		/* The rest is one of the five. A rejected address keeps its
		 * value: a configured one is still ours to use. */
		*ipcp_neg(&n->cur, o[0]) = false;
		if (o[0] != PPP_IPCP_OPT_ADDR)
			*ipcp_val(&n->cur, o[0]) = 0;
	}
	return 0;
}

/*
 * The peer's VJ option: what it can receive, so what we would send with.
 * Rejected unless VJ is on here and it is the 6-byte 0x002d form; more
 * slots than ours or slot-id compression under novjccomp are naked.
 */
static void ipcp_req_vj(const struct ppp_ipcp_neg *n, struct ppp_ipcp_opts *his,
			struct ppp_opt_reply *rep, const uint8_t *o, uint8_t olen,
			bool no_nak)
{
	uint8_t nak[IPCP_LEN_VJ];
	bool cid;

	if (!n->vj || olen != IPCP_LEN_VJ || ppp_get_be16(o + 2) != PPP_PROTO_VJC) {
		ppp_opt_reply_add(rep, PPP_CONFREJ, o, olen);
		return;
	}
	cid = o[5] != 0;
	if (o[4] <= n->vj_max_slot && (!cid || n->vj_cid) && o[5] <= 1) {
		his->neg_vj = true;
		his->vj_max_slot = o[4];
		his->vj_cid = cid;
		ppp_opt_reply_add(rep, PPP_CONFACK, o, olen);
		return;
	}
	if (no_nak) {
		ppp_opt_reply_add(rep, PPP_CONFREJ, o, olen);
		return;
	}
	ipcp_put_vj(nak, o[4] < n->vj_max_slot ? o[4] : n->vj_max_slot, cid && n->vj_cid);
	ppp_opt_reply_add(rep, PPP_CONFNAK, nak, sizeof(nak));
}

int ppp_ipcp_recv_req(struct ppp_ipcp_neg *n, const uint8_t *p, size_t len,
		      uint8_t *out, size_t cap, size_t *outlen, bool no_nak)
{
	struct ppp_opt_reply rep;
	struct ppp_ipcp_opts his = { 0 };
	uint32_t seen = 0;
	const uint8_t *o;
	size_t off = 0;
	uint8_t olen;
	int r;

	*outlen = 0;
	ppp_opt_reply_init(&rep, out, cap);
	while ((r = ppp_opt_next(p, len, &off, &o, &olen)) > 0) {
		bool *neg = ipcp_neg(&his, o[0]);
		int code = PPP_CONFREJ;
		uint8_t nak[IPCP_LEN_ADDR];
		uint32_t v, want = 0;

		if (o[0] == PPP_IPCP_OPT_COMP && !(seen & IPCP_SEEN_VJ)) {
			seen |= IPCP_SEEN_VJ;
			ipcp_req_vj(n, &his, &rep, o, olen, no_nak);
			continue;
		}
		/* Unknown, IP-Addresses, wrong length, or a second copy: all
		 * rejected. */
		if (!neg || olen != IPCP_LEN_ADDR || (seen & ipcp_bit(o[0]))) {
			ppp_opt_reply_add(&rep, code, o, olen);
			continue;
		}
		seen |= ipcp_bit(o[0]);
		v = ppp_get_be32(o + 2);

		if (o[0] == PPP_IPCP_OPT_ADDR) {
			if (!v || (n->remote && v != n->remote &&
				   !n->accept_remote))
				want = n->remote;
			else
				code = PPP_CONFACK;
		} else {
			want = ipcp_server(n, o[0]);
			if (want && v == want)
				code = PPP_CONFACK;
		}
		if (code == PPP_CONFACK) {
			*neg = true;
			*ipcp_val(&his, o[0]) = v;
			ppp_opt_reply_add(&rep, code, o, olen);
		} else if (want && !no_nak) {
			ppp_opt_put32(nak, o[0], want);
			ppp_opt_reply_add(&rep, PPP_CONFNAK, nak, sizeof(nak));
		} else {
			ppp_opt_reply_add(&rep, PPP_CONFREJ, o, olen);
		}
	}
	if (r < 0)
		return r;
	r = ppp_opt_reply_end(&rep, p, len, outlen);
	if (r < 0)
		return r;

	memset(&n->his, 0, sizeof(n->his));
	if (r == PPP_CONFACK)
		n->his = his;
	return r;
}

const char *ppp_ipv4_addr_unusable(uint32_t addr)
{
	uint8_t top = addr >> 24;

	if (top == 0)
		return "in 0.0.0.0/8, this network";
	if (top == 127)
		return "a loopback address";
	if ((top & 0xf0) == 0xe0)
		return "a multicast address";
	if (addr == 0xffffffff)
		return "the broadcast address";
	if ((top & 0xf0) == 0xf0)
		return "a reserved (class E) address";
	return NULL;
}
