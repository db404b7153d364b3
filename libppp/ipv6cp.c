// SPDX-License-Identifier: GPL-2.0
/*
 * IPv6CP option codec (RFC 5072): the Interface-Identifier, from which each
 * side builds its link-local address. The only rule that matters is that the
 * two identifiers differ and are not zero (section 4.1): a peer that
 * proposes zero or our own identifier is naked with a fresh one. IPv6
 * header compression (option 2) is rejected.
 *
 * As in lcp.c, state is committed only once a packet has been validated.
 */
#include "libppp/ipv6cp.h"
#include "libppp/options.h"
#include "libppp/ppp.h"

enum {
	IPV6CP_LEN_IFID = 10,
};

static uint64_t ipv6cp_get_be64(const uint8_t *p)
{
	return (uint64_t)ppp_get_be32(p) << 32 | ppp_get_be32(p + 4);
}

static void ipv6cp_put_ifid(uint8_t *b, uint64_t id)
{
	b[0] = PPP_IPV6CP_OPT_IFID;
	b[1] = IPV6CP_LEN_IFID;
	ppp_put_be32(b + 2, (uint32_t)(id >> 32));
	ppp_put_be32(b + 6, (uint32_t)id);
}

/* Our request: the one option, for as long as we still negotiate it. */
static size_t ipv6cp_put_req(const struct ppp_ipv6cp_neg *n, uint8_t *b)
{
	if (!n->neg_ifid)
		return 0;
	ipv6cp_put_ifid(b, n->cur);
	return IPV6CP_LEN_IFID;
}

/*
 * A random identifier that is neither 0, @a nor @b. A missing or stuck
 * generator must not hang us: fall back to something derived from them.
 */
static uint64_t ipv6cp_new_id(struct ppp_ipv6cp_neg *n, uint64_t a, uint64_t b)
{
	uint64_t id;
	int i;

	for (i = 0; n->random64 && i < 8; i++) {
		id = n->random64(n->random_ctx);
		if (id && id != a && id != b)
			return id;
	}
	/* A full-period LCG never repeats within three steps. */
	for (id = a ^ b;; id = id * 6364136223846793005ull + 1442695040888963407ull)
		if (id && id != a && id != b)
			return id;
}

/* The identifier to offer a peer whose choice we cannot accept. */
static uint64_t ipv6cp_suggest(struct ppp_ipv6cp_neg *n)
{
	if (n->remote && n->remote != n->cur)
		return n->remote;
	return ipv6cp_new_id(n, n->cur, 0);
}

void ppp_ipv6cp_reset(struct ppp_ipv6cp_neg *n)
{
	n->cur = n->local ? n->local : ipv6cp_new_id(n, 0, 0);
	n->neg_ifid = true;
	n->got = 0;
	n->his = 0;
}

size_t ppp_ipv6cp_build_req(struct ppp_ipv6cp_neg *n, uint8_t *buf,
			    size_t cap)
{
	uint8_t req[IPV6CP_LEN_IFID];
	size_t len = ipv6cp_put_req(n, req);

	return ppp_opt_copy(buf, cap, req, len);
}

int ppp_ipv6cp_recv_ack(struct ppp_ipv6cp_neg *n, const uint8_t *p,
			size_t len)
{
	uint8_t req[IPV6CP_LEN_IFID];
	size_t rlen = ipv6cp_put_req(n, req);

	if (ppp_opt_check_ack(p, len, req, rlen))
		return -EINVAL;
	/* Even unnegotiated, cur is the identifier we will use. */
	n->got = n->cur;
	return 0;
}

int ppp_ipv6cp_recv_nak(struct ppp_ipv6cp_neg *n, const uint8_t *p,
			size_t len, bool last)
{
	uint64_t cur = n->cur;
	bool neg = n->neg_ifid, seen = false;
	const uint8_t *o;
	size_t off = 0;
	uint8_t olen;
	int r;

	while ((r = ppp_opt_next(p, len, &off, &o, &olen)) > 0) {
		uint64_t sug;

		if (o[0] != PPP_IPV6CP_OPT_IFID)
			continue;	/* a suggestion we did not ask for */
		if (olen != IPV6CP_LEN_IFID || seen)
			return -EINVAL;
		seen = true;
		if (!n->neg_ifid)
			continue;
		sug = ipv6cp_get_be64(o + 2);
		if (last)
			neg = false;
		else if (n->local && !n->accept_local)
			;	/* configured and fixed: insist */
		else if (sug && sug != n->his)
			cur = sug;
		else
			cur = ipv6cp_new_id(n, n->cur, n->his);
	}
	if (r < 0)
		return r;
	n->cur = cur;
	n->neg_ifid = neg;
	return 0;
}

int ppp_ipv6cp_recv_rej(struct ppp_ipv6cp_neg *n, const uint8_t *p,
			size_t len)
{
	uint8_t req[IPV6CP_LEN_IFID];
	size_t rlen = ipv6cp_put_req(n, req);

	if (ppp_opt_check_rej(p, len, req, rlen))
		return -EINVAL;
	/* We send one option, so a valid non-empty Reject is all of it. */
	if (len)
		n->neg_ifid = false;
	return 0;
}

int ppp_ipv6cp_recv_req(struct ppp_ipv6cp_neg *n, const uint8_t *p,
			size_t len, uint8_t *out, size_t cap, size_t *outlen,
			bool no_nak)
{
	struct ppp_opt_reply rep;
	uint64_t his = 0;
	bool seen = false;
	const uint8_t *o;
	size_t off = 0;
	uint8_t olen;
	int r;

	*outlen = 0;
	ppp_opt_reply_init(&rep, out, cap);
	while ((r = ppp_opt_next(p, len, &off, &o, &olen)) > 0) {
		uint8_t nak[IPV6CP_LEN_IFID];
		uint64_t id;

		/* Compression, unknown options, bad lengths, duplicates. */
		if (o[0] != PPP_IPV6CP_OPT_IFID || olen != IPV6CP_LEN_IFID ||
		    seen) {
			ppp_opt_reply_add(&rep, PPP_CONFREJ, o, olen);
			continue;
		}
		seen = true;
		id = ipv6cp_get_be64(o + 2);
		if (id && id != n->cur && (!n->remote || id == n->remote)) {
			his = id;
			ppp_opt_reply_add(&rep, PPP_CONFACK, o, olen);
		} else if (no_nak) {
			ppp_opt_reply_add(&rep, PPP_CONFREJ, o, olen);
		} else {
			/* Zero, a collision with ours, or not the configured one. */
			ipv6cp_put_ifid(nak, ipv6cp_suggest(n));
			ppp_opt_reply_add(&rep, PPP_CONFNAK, nak, sizeof(nak));
		}
	}
	if (r < 0)
		return r;
	r = ppp_opt_reply_end(&rep, p, len, outlen);
	if (r < 0)
		return r;

	n->his = r == PPP_CONFACK ? his : 0;
	return r;
}
