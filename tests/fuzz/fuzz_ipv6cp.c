// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz the IPv6CP option codec. The input is a configuration followed by a
 * script of steps (see optcheck.h for the script and what is checked):
 *
 *   cfg[20] then  { op, len, data[len] }...
 *
 * On top of optcheck.h: our identifier is never zero, a configured one only
 * moves when allowed, and a Nak suggests one identifier that is neither
 * zero nor ours (RFC 5072 4.1).
 */
#include "libppp/ipv6cp.h"
#define OPTCHECK_PROTO ipv6cp
#include "optcheck.h"

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

static void check_proto(struct ppp_ipv6cp_neg *n, const uint8_t *req,
			size_t len)
{
	REQUIRE(len == (n->neg_ifid ? 10u : 0u));
	REQUIRE(n->cur != 0);
	if (n->local && !n->accept_local)
		REQUIRE(n->cur == n->local);
}

static void check_nak(struct ppp_ipv6cp_neg *n, const uint8_t *nak,
		      size_t len)
{
	REQUIRE(len == 10);
	/* RFC 5072 4.1: never suggest zero or our own identifier. */
	REQUIRE(get_be64(nak + 2) != 0 && get_be64(nak + 2) != n->cur);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ppp_ipv6cp_neg n;
	struct rnd r;
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
	optcheck_run(&n, data + 20, size - 20);
	return 0;
}
