// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz the IPv6CP option codec. The input is a configuration followed by a
 * script of steps, so the fuzzer can drive a negotiation through several
 * packets:
 *
 *   cfg[20] then  { op, len, data[len] }...
 *
 * op bits 0-2: 0 Configure-Request from the peer, 1 Nak, 2 Reject, 3 Ack of
 * the data; 4 reset; 5 the peer acks our request; 6 the peer rejects all of
 * it; 7 our own request looped back to us. Bit 3: last / no_nak. Bits 4-7:
 * output capacity (0 = plenty, else 4 * n bytes).
 *
 * Checked: no crash; replies fit and are well-formed option lists; an Ack
 * echoes the request, a Reject only holds the peer's options unchanged and
 * in order; a malformed list is refused and changes nothing; our own request
 * is always well-formed and acceptable to ack and reject.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "libppp/ipv6cp.h"
#include "libppp/ppp.h"

#define REQUIRE(c) do { if (!(c)) abort(); } while (0)

/*
 * The header promises random64 never returns 0, but a stuck generator (always
 * the same value) must still not hang or collide us.
 */
struct rnd {
	uint64_t state;
	bool stuck;
};

static uint64_t rnd64(void *ctx)
{
	struct rnd *r = ctx;

	if (!r->stuck)
		r->state = r->state * 6364136223846793005ull + 1;
	return r->state ? r->state : 1;
}

static uint64_t get_be64(const uint8_t *p)
{
	return (uint64_t)ppp_get_be32(p) << 32 | ppp_get_be32(p + 4);
}

static bool valid_list(const uint8_t *p, size_t len)
{
	size_t off = 0;

	while (off < len) {
		if (len - off < 2 || p[off + 1] < 2 || p[off + 1] > len - off)
			return false;
		off += p[off + 1];
	}
	return true;
}

/* Every option of @sub appears byte-identical in @p, in the same order. */
static bool is_sublist(const uint8_t *sub, size_t slen, const uint8_t *p,
		       size_t len)
{
	size_t so = 0, po = 0;

	while (so < slen) {
		while (po < len && !(p[po + 1] == sub[so + 1] &&
				     !memcmp(p + po, sub + so, sub[so + 1])))
			po += p[po + 1];
		if (po >= len)
			return false;
		po += p[po + 1];
		so += sub[so + 1];
	}
	return true;
}

/* The option types of @sub appear in @p in the same order. */
static bool types_in_order(const uint8_t *sub, size_t slen, const uint8_t *p,
			   size_t len)
{
	size_t so = 0, po = 0;

	while (so < slen) {
		while (po < len && p[po] != sub[so])
			po += p[po + 1];
		if (po >= len)
			return false;
		po += p[po + 1];
		so += sub[so + 1];
	}
	return true;
}

static void check_invariants(struct ppp_ipv6cp_neg *n)
{
	struct ppp_ipv6cp_neg copy;
	uint8_t b[64];
	size_t l = ppp_ipv6cp_build_req(n, b, sizeof(b));

	REQUIRE(l == (n->neg_ifid ? 10u : 0u));
	REQUIRE(valid_list(b, l));
	REQUIRE(n->cur != 0);
	if (n->local && !n->accept_local)
		REQUIRE(n->cur == n->local);
	copy = *n;
	REQUIRE(ppp_ipv6cp_recv_ack(&copy, b, l) == 0);
	copy = *n;
	REQUIRE(ppp_ipv6cp_recv_rej(&copy, b, l) == 0);
	REQUIRE(ppp_ipv6cp_build_req(&copy, b, sizeof(b)) == 0);
}

static void do_req(struct ppp_ipv6cp_neg *n, const uint8_t *p, size_t len,
		   size_t cap, bool flag)
{
	struct ppp_ipv6cp_neg before = *n;
	uint8_t *out = malloc(cap ? cap : 1);
	size_t ol = 0;
	int rc;

	rc = ppp_ipv6cp_recv_req(n, p, len, out, cap, &ol, flag);
	if (!valid_list(p, len)) {
		REQUIRE(rc == -EINVAL);
	}
	if (rc < 0) {
		REQUIRE(rc == -EINVAL || rc == -ENOSPC);
		REQUIRE(!memcmp(&before, n, sizeof(before)));
		free(out);
		return;
	}
	REQUIRE(ol <= cap);
	REQUIRE(valid_list(out, ol));
	switch (rc) {
	case PPP_CONFACK:
		REQUIRE(ol == len && (!len || !memcmp(out, p, len)));
		break;
	case PPP_CONFREJ:
		REQUIRE(ol > 0 && is_sublist(out, ol, p, len));
		break;
	case PPP_CONFNAK:
		REQUIRE(!flag);
		REQUIRE(ol == 10 && types_in_order(out, ol, p, len));
		/* RFC 5072 4.1: never suggest zero or our own identifier. */
		REQUIRE(get_be64(out + 2) != 0 && get_be64(out + 2) != n->cur);
		break;
	default:
		abort();
	}
	free(out);
}

static void do_reply(struct ppp_ipv6cp_neg *n, int op, const uint8_t *p,
		     size_t len, bool flag)
{
	struct ppp_ipv6cp_neg before = *n;
	int rc;

	if (op == 1)
		rc = ppp_ipv6cp_recv_nak(n, p, len, flag);
	else if (op == 2)
		rc = ppp_ipv6cp_recv_rej(n, p, len);
	else
		rc = ppp_ipv6cp_recv_ack(n, p, len);
	REQUIRE(rc == 0 || rc == -EINVAL);
	if (!valid_list(p, len))
		REQUIRE(rc == -EINVAL);
	if (rc)
		REQUIRE(!memcmp(&before, n, sizeof(before)));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ppp_ipv6cp_neg n;
	struct rnd r;
	uint8_t b[64];
	size_t off, l;
	uint8_t f;

	if (size < 20)
		return 0;
	memset(&n, 0, sizeof(n));
	memset(&r, 0, sizeof(r));
	f = data[0];
	r.state = ppp_get_be32(data) >> 8 | (uint64_t)data[3] << 56;
	r.stuck = f & 8;
	n.local = f & 1 ? get_be64(data + 4) : 0;
	n.remote = f & 2 ? get_be64(data + 12) : 0;
	n.accept_local = f & 4;
	n.random64 = f & 16 ? NULL : rnd64;
	n.random_ctx = &r;
	ppp_ipv6cp_reset(&n);
	check_invariants(&n);

	for (off = 20; off + 2 <= size; off += 2 + l) {
		uint8_t op = data[off];
		bool flag = op & 8;
		size_t cap = op >> 4 ? (size_t)(op >> 4) * 4 : 512;
		const uint8_t *p = data + off + 2;

		l = data[off + 1];
		if (l > size - off - 2)
			l = size - off - 2;
		switch (op & 7) {
		case 0:
			do_req(&n, p, l, cap, flag);
			break;
		case 1:
		case 2:
		case 3:
			do_reply(&n, op & 7, p, l, flag);
			break;
		case 4:
			ppp_ipv6cp_reset(&n);
			break;
		case 5:
			l = 0;
			REQUIRE(ppp_ipv6cp_recv_ack(&n, b, ppp_ipv6cp_build_req(&n, b, sizeof(b))) == 0);
			break;
		case 6:
			l = 0;
			REQUIRE(ppp_ipv6cp_recv_rej(&n, b, ppp_ipv6cp_build_req(&n, b, sizeof(b))) == 0);
			break;
		case 7:
			l = 0;
			do_req(&n, b, ppp_ipv6cp_build_req(&n, b, sizeof(b)), cap, flag);
			break;
		}
		check_invariants(&n);
	}
	return 0;
}
