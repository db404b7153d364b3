// SPDX-License-Identifier: GPL-2.0
/* IPv6CP option codec: Interface-Identifier negotiation and collisions (RFC 5072). */
#include "test.h"
#include "libppp/ipv6cp.h"
#include "libppp/ppp.h"

/* A deterministic generator: a fixed script, then an LCG (never 0 here). */
struct rnd {
	const uint64_t *script;
	unsigned int n, i;
	uint64_t state;
};

static uint64_t rnd64(void *ctx)
{
	struct rnd *r = ctx;

	if (r->i < r->n)
		return r->script[r->i++];
	do
		r->state = r->state * 6364136223846793005ull + 1;
	while (!r->state);
	return r->state;
}

static void v6_setup(struct ppp_ipv6cp_neg *n, struct rnd *r, uint64_t seed,
		     uint64_t local, uint64_t remote)
{
	memset(n, 0, sizeof(*n));
	memset(r, 0, sizeof(*r));
	r->state = seed;
	n->local = local;
	n->remote = remote;
	n->random64 = rnd64;
	n->random_ctx = r;
	ppp_ipv6cp_reset(n);
}

static void put_opt(uint8_t *b, uint64_t id)
{
	b[0] = 1;
	b[1] = 10;
	ppp_put_be32(b + 2, (uint32_t)(id >> 32));
	ppp_put_be32(b + 6, (uint32_t)id);
}

static uint64_t get_id(const uint8_t *b)
{
	return (uint64_t)ppp_get_be32(b + 2) << 32 | ppp_get_be32(b + 6);
}

static int req(struct ppp_ipv6cp_neg *n, const uint8_t *p, size_t len,
	       uint8_t *out, size_t *outlen)
{
	return ppp_ipv6cp_recv_req(n, p, len, out, 256, outlen, false);
}

TEST(ipv6cp_request_is_the_interface_identifier_big_endian)
{
	struct ppp_ipv6cp_neg n;
	struct rnd r;
	uint8_t b[32];
	static const uint8_t want[] = {
		1, 10, 0x02, 0x11, 0x22, 0xff, 0xfe, 0x33, 0x44, 0x55,
	};

	v6_setup(&n, &r, 1, 0x021122fffe334455ull, 0);
	CHECK_EQ(ppp_ipv6cp_build_req(&n, b, sizeof(b)), sizeof(want));
	CHECK_MEM(b, want, sizeof(want));
	CHECK_EQ(ppp_ipv6cp_build_req(&n, b, 9), 0);
}

TEST(ipv6cp_reset_picks_a_random_identifier_when_none_configured)
{
	struct ppp_ipv6cp_neg n;
	struct rnd r;
	static const uint64_t script[] = { 0x1234 };

	v6_setup(&n, &r, 1, 0, 0);
	r.script = script;
	r.n = 1;
	r.i = 0;
	n.neg_ifid = false;
	n.got = n.his = 5;
	ppp_ipv6cp_reset(&n);
	CHECK_EQ(n.cur, 0x1234);
	CHECK(n.neg_ifid);
	CHECK_EQ(n.got, 0);
	CHECK_EQ(n.his, 0);
}

TEST(ipv6cp_reset_survives_a_missing_generator)
{
	struct ppp_ipv6cp_neg n;

	memset(&n, 0, sizeof(n));
	ppp_ipv6cp_reset(&n);
	CHECK(n.cur != 0);
}

TEST(ipv6cp_ack_matching_our_request_sets_got)
{
	struct ppp_ipv6cp_neg n;
	struct rnd r;
	uint8_t b[10];

	v6_setup(&n, &r, 1, 0xabcdef, 0);
	put_opt(b, 0xabcdef);
	CHECK_EQ(ppp_ipv6cp_recv_ack(&n, b, 10), 0);
	CHECK_EQ(n.got, 0xabcdef);
}

TEST(ipv6cp_ack_differing_from_our_request_is_invalid)
{
	struct ppp_ipv6cp_neg n;
	struct rnd r;
	uint8_t b[12];

	v6_setup(&n, &r, 1, 0xabcdef, 0);
	put_opt(b, 0xabcdee);
	CHECK_EQ(ppp_ipv6cp_recv_ack(&n, b, 10), -EINVAL);
	put_opt(b, 0xabcdef);
	b[10] = 2;
	b[11] = 2;
	CHECK_EQ(ppp_ipv6cp_recv_ack(&n, b, 12), -EINVAL);
	CHECK_EQ(ppp_ipv6cp_recv_ack(&n, b, 0), -EINVAL);
	CHECK_EQ(n.got, 0);
}

TEST(ipv6cp_req_acceptable_identifier_is_acked)
{
	struct ppp_ipv6cp_neg n;
	struct rnd r;
	uint8_t p[10], out[256];
	size_t ol;

	v6_setup(&n, &r, 1, 0x1111, 0);
	put_opt(p, 0x2222);
	CHECK_EQ(req(&n, p, 10, out, &ol), PPP_CONFACK);
	CHECK_EQ(ol, 10);
	CHECK_MEM(out, p, 10);
	CHECK_EQ(n.his, 0x2222);
}

TEST(ipv6cp_req_zero_identifier_is_naked_with_a_fresh_one)
{
	struct ppp_ipv6cp_neg n;
	struct rnd r;
	uint8_t p[10], out[256];
	size_t ol;
	static const uint64_t script[] = { 0x1111, 0x7777 };

	v6_setup(&n, &r, 1, 0x1111, 0);
	r.script = script;
	r.n = 2;
	put_opt(p, 0);
	CHECK_EQ(req(&n, p, 10, out, &ol), PPP_CONFNAK);
	CHECK_EQ(ol, 10);
	CHECK_EQ(out[0], 1);
	CHECK_EQ(get_id(out), 0x7777);	/* the one equal to ours was skipped */
	CHECK_EQ(n.his, 0);
}

TEST(ipv6cp_req_colliding_identifier_is_naked_with_a_different_one)
{
	struct ppp_ipv6cp_neg n;
	struct rnd r;
	uint8_t p[10], out[256];
	size_t ol;

	v6_setup(&n, &r, 3, 0, 0);
	put_opt(p, n.cur);
	CHECK_EQ(req(&n, p, 10, out, &ol), PPP_CONFNAK);
	CHECK(get_id(out) != n.cur);
	CHECK(get_id(out) != 0);
}

TEST(ipv6cp_req_is_naked_towards_the_configured_remote_identifier)
{
	struct ppp_ipv6cp_neg n;
	struct rnd r;
	uint8_t p[10], out[256];
	size_t ol;

	v6_setup(&n, &r, 1, 0x1111, 0x2222);
	put_opt(p, 0x3333);
	CHECK_EQ(req(&n, p, 10, out, &ol), PPP_CONFNAK);
	CHECK_EQ(get_id(out), 0x2222);
	put_opt(p, 0);
	CHECK_EQ(req(&n, p, 10, out, &ol), PPP_CONFNAK);
	CHECK_EQ(get_id(out), 0x2222);
	put_opt(p, 0x1111);
	CHECK_EQ(req(&n, p, 10, out, &ol), PPP_CONFNAK);
	CHECK_EQ(get_id(out), 0x2222);
	put_opt(p, 0x2222);
	CHECK_EQ(req(&n, p, 10, out, &ol), PPP_CONFACK);
	CHECK_EQ(n.his, 0x2222);
}

TEST(ipv6cp_req_compression_unknown_and_bad_lengths_are_rejected)
{
	struct ppp_ipv6cp_neg n;
	struct rnd r;
	uint8_t out[256];
	size_t ol;
	static const uint8_t p[] = {
		2, 4, 0x00, 0x61,			/* IPHC */
		1, 10, 0, 0, 0, 0, 0, 0, 0, 9,
		9, 3, 0,
	};
	static const uint8_t short_id[] = { 1, 8, 0, 0, 0, 0, 0, 9 };

	v6_setup(&n, &r, 1, 0x1111, 0);
	CHECK_EQ(req(&n, p, sizeof(p), out, &ol), PPP_CONFREJ);
	CHECK_EQ(ol, 7);
	CHECK_MEM(out, p, 4);
	CHECK_MEM(out + 4, p + 14, 3);
	CHECK_EQ(req(&n, short_id, sizeof(short_id), out, &ol), PPP_CONFREJ);
	CHECK_MEM(out, short_id, sizeof(short_id));
}

TEST(ipv6cp_req_second_identifier_is_rejected)
{
	struct ppp_ipv6cp_neg n;
	struct rnd r;
	uint8_t p[20], out[256];
	size_t ol;

	v6_setup(&n, &r, 1, 0x1111, 0);
	put_opt(p, 0x2222);
	put_opt(p + 10, 0x3333);
	CHECK_EQ(req(&n, p, 20, out, &ol), PPP_CONFREJ);
	CHECK_EQ(ol, 10);
	CHECK_MEM(out, p + 10, 10);
}

TEST(ipv6cp_req_no_nak_turns_the_nak_into_a_reject)
{
	struct ppp_ipv6cp_neg n;
	struct rnd r;
	uint8_t p[10], out[256];
	size_t ol;

	v6_setup(&n, &r, 1, 0x1111, 0);
	put_opt(p, 0x1111);
	CHECK_EQ(ppp_ipv6cp_recv_req(&n, p, 10, out, sizeof(out), &ol, true),
		 PPP_CONFREJ);
	CHECK_MEM(out, p, 10);
}

TEST(ipv6cp_req_malformed_list_is_invalid_and_keeps_his)
{
	struct ppp_ipv6cp_neg n;
	struct rnd r;
	uint8_t p[12], out[256];
	size_t ol;

	v6_setup(&n, &r, 1, 0x1111, 0);
	put_opt(p, 0x2222);
	CHECK_EQ(req(&n, p, 10, out, &ol), PPP_CONFACK);
	CHECK_EQ(req(&n, p, 9, out, &ol), -EINVAL);
	p[10] = 2;
	p[11] = 0;
	CHECK_EQ(req(&n, p, 12, out, &ol), -EINVAL);
	CHECK_EQ(req(&n, p, 11, out, &ol), -EINVAL);
	CHECK_EQ(n.his, 0x2222);
}

TEST(ipv6cp_req_reply_that_does_not_fit_is_refused_without_overflow)
{
	struct ppp_ipv6cp_neg n;
	struct rnd r;
	uint8_t p[10], out[16];
	size_t ol;

	v6_setup(&n, &r, 1, 0x1111, 0);
	put_opt(p, 0);
	memset(out, 0xee, sizeof(out));
	CHECK_EQ(ppp_ipv6cp_recv_req(&n, p, 10, out, 9, &ol, false), -ENOSPC);
	CHECK_EQ(out[0], 0xee);
}

TEST(ipv6cp_nak_suggestion_is_adopted)
{
	struct ppp_ipv6cp_neg n;
	struct rnd r;
	uint8_t p[10];

	v6_setup(&n, &r, 1, 0, 0);
	put_opt(p, 0x5555);
	CHECK_EQ(ppp_ipv6cp_recv_nak(&n, p, 10, false), 0);
	CHECK_EQ(n.cur, 0x5555);
}

TEST(ipv6cp_nak_does_not_move_a_configured_identifier_without_accept_local)
{
	struct ppp_ipv6cp_neg n;
	struct rnd r;
	uint8_t p[10];

	v6_setup(&n, &r, 1, 0x1111, 0);
	put_opt(p, 0x5555);
	CHECK_EQ(ppp_ipv6cp_recv_nak(&n, p, 10, false), 0);
	CHECK_EQ(n.cur, 0x1111);
	n.accept_local = true;
	CHECK_EQ(ppp_ipv6cp_recv_nak(&n, p, 10, false), 0);
	CHECK_EQ(n.cur, 0x5555);
}

TEST(ipv6cp_nak_suggesting_zero_or_the_peers_own_id_picks_a_random_one)
{
	struct ppp_ipv6cp_neg n;
	struct rnd r;
	uint8_t p[10];

	v6_setup(&n, &r, 1, 0, 0);
	n.his = 0x9999;
	put_opt(p, 0x9999);
	CHECK_EQ(ppp_ipv6cp_recv_nak(&n, p, 10, false), 0);
	CHECK(n.cur != 0x9999 && n.cur != 0);
	put_opt(p, 0);
	CHECK_EQ(ppp_ipv6cp_recv_nak(&n, p, 10, false), 0);
	CHECK(n.cur != 0x9999 && n.cur != 0);
}

TEST(ipv6cp_last_nak_stops_sending_the_identifier)
{
	struct ppp_ipv6cp_neg n;
	struct rnd r;
	uint8_t p[10], b[16];

	v6_setup(&n, &r, 1, 0x1111, 0);
	put_opt(p, 0x5555);
	CHECK_EQ(ppp_ipv6cp_recv_nak(&n, p, 10, true), 0);
	CHECK(!n.neg_ifid);
	CHECK_EQ(ppp_ipv6cp_build_req(&n, b, sizeof(b)), 0);
	CHECK_EQ(ppp_ipv6cp_recv_ack(&n, b, 0), 0);
	CHECK_EQ(n.got, 0x1111);
}

TEST(ipv6cp_nak_ignores_unknown_options_and_refuses_malformed_ones)
{
	struct ppp_ipv6cp_neg n;
	struct rnd r;
	uint8_t p[24];
	static const uint8_t other[] = { 2, 4, 0, 0x61, 77, 2 };
	static const uint8_t short_id[] = { 1, 8, 0, 0, 0, 0, 0, 1 };

	v6_setup(&n, &r, 1, 0, 0);
	n.cur = 0x1111;
	CHECK_EQ(ppp_ipv6cp_recv_nak(&n, other, sizeof(other), false), 0);
	CHECK_EQ(n.cur, 0x1111);
	CHECK_EQ(ppp_ipv6cp_recv_nak(&n, short_id, sizeof(short_id), false), -EINVAL);
	put_opt(p, 0x5555);
	put_opt(p + 10, 0x6666);
	CHECK_EQ(ppp_ipv6cp_recv_nak(&n, p, 20, false), -EINVAL);
	CHECK_EQ(ppp_ipv6cp_recv_nak(&n, p, 9, false), -EINVAL);
	CHECK_EQ(n.cur, 0x1111);
}

TEST(ipv6cp_reject_stops_sending_and_must_match)
{
	struct ppp_ipv6cp_neg n;
	struct rnd r;
	uint8_t p[10];

	v6_setup(&n, &r, 1, 0x1111, 0);
	put_opt(p, 0x1112);
	CHECK_EQ(ppp_ipv6cp_recv_rej(&n, p, 10), -EINVAL);
	CHECK(n.neg_ifid);
	put_opt(p, 0x1111);
	CHECK_EQ(ppp_ipv6cp_recv_rej(&n, p, 10), 0);
	CHECK(!n.neg_ifid);
	CHECK_EQ(ppp_ipv6cp_recv_rej(&n, p, 10), -EINVAL);
}

/* --- Two sides negotiating by hand ---------------------------------------- */

struct side {
	struct ppp_ipv6cp_neg *n;
	bool acked;
	unsigned int naks_sent, naks_got;
};

static int v6_step(struct side *a, struct side *b)
{
	uint8_t q[64], out[256];
	size_t l, ol;
	int code, rc;

	l = ppp_ipv6cp_build_req(a->n, q, sizeof(q));
	code = ppp_ipv6cp_recv_req(b->n, q, l, out, sizeof(out), &ol,
				   b->naks_sent >= 5);
	switch (code) {
	case PPP_CONFACK:
		CHECK_EQ(ol, l);
		CHECK_MEM(out, q, l);
		rc = ppp_ipv6cp_recv_ack(a->n, out, ol);
		a->acked = rc == 0;
		return rc;
	case PPP_CONFNAK:
		b->naks_sent++;
		return ppp_ipv6cp_recv_nak(a->n, out, ol, ++a->naks_got >= 5);
	case PPP_CONFREJ:
		return ppp_ipv6cp_recv_rej(a->n, out, ol);
	}
	return code;
}

static int v6_negotiate(struct ppp_ipv6cp_neg *x, struct ppp_ipv6cp_neg *y)
{
	struct side a = { .n = x }, b = { .n = y };
	int round;

	for (round = 1; round <= 20; round++) {
		if (!a.acked && v6_step(&a, &b))
			return -1;
		if (!b.acked && v6_step(&b, &a))
			return -1;
		if (a.acked && b.acked)
			return round;
	}
	return -1;
}

TEST(ipv6cp_two_random_peers_agree_in_one_round)
{
	struct ppp_ipv6cp_neg a, b;
	struct rnd ra, rb;

	v6_setup(&a, &ra, 1, 0, 0);
	v6_setup(&b, &rb, 2, 0, 0);
	CHECK_EQ(v6_negotiate(&a, &b), 1);
	CHECK_EQ(a.got, b.his);
	CHECK_EQ(b.got, a.his);
	CHECK(a.got != b.got);
}

TEST(ipv6cp_colliding_identifiers_are_resolved_to_distinct_ones)
{
	struct ppp_ipv6cp_neg a, b;
	struct rnd ra, rb;

	v6_setup(&a, &ra, 9, 0, 0);
	v6_setup(&b, &rb, 9, 0, 0);	/* same generator: same identifiers */
	CHECK_EQ(a.cur, b.cur);
	CHECK(v6_negotiate(&a, &b) > 1);
	CHECK(a.got != b.got);
	CHECK(a.got != 0 && b.got != 0);
	CHECK_EQ(a.got, b.his);
	CHECK_EQ(b.got, a.his);
}

TEST(ipv6cp_server_with_remote_identifier_assigns_it_to_the_client)
{
	struct ppp_ipv6cp_neg srv, cli;
	struct rnd rs, rc;

	v6_setup(&srv, &rs, 1, 0x1, 0x2);
	v6_setup(&cli, &rc, 2, 0, 0);
	CHECK_EQ(v6_negotiate(&srv, &cli), 2);
	CHECK_EQ(cli.got, 0x2);
	CHECK_EQ(srv.his, 0x2);
	CHECK_EQ(cli.his, 0x1);
}

int main(void)
{
	RUN(ipv6cp_request_is_the_interface_identifier_big_endian);
	RUN(ipv6cp_reset_picks_a_random_identifier_when_none_configured);
	RUN(ipv6cp_reset_survives_a_missing_generator);
	RUN(ipv6cp_ack_matching_our_request_sets_got);
	RUN(ipv6cp_ack_differing_from_our_request_is_invalid);
	RUN(ipv6cp_req_acceptable_identifier_is_acked);
	RUN(ipv6cp_req_zero_identifier_is_naked_with_a_fresh_one);
	RUN(ipv6cp_req_colliding_identifier_is_naked_with_a_different_one);
	RUN(ipv6cp_req_is_naked_towards_the_configured_remote_identifier);
	RUN(ipv6cp_req_compression_unknown_and_bad_lengths_are_rejected);
	RUN(ipv6cp_req_second_identifier_is_rejected);
	RUN(ipv6cp_req_no_nak_turns_the_nak_into_a_reject);
	RUN(ipv6cp_req_malformed_list_is_invalid_and_keeps_his);
	RUN(ipv6cp_req_reply_that_does_not_fit_is_refused_without_overflow);
	RUN(ipv6cp_nak_suggestion_is_adopted);
	RUN(ipv6cp_nak_does_not_move_a_configured_identifier_without_accept_local);
	RUN(ipv6cp_nak_suggesting_zero_or_the_peers_own_id_picks_a_random_one);
	RUN(ipv6cp_last_nak_stops_sending_the_identifier);
	RUN(ipv6cp_nak_ignores_unknown_options_and_refuses_malformed_ones);
	RUN(ipv6cp_reject_stops_sending_and_must_match);
	RUN(ipv6cp_two_random_peers_agree_in_one_round);
	RUN(ipv6cp_colliding_identifiers_are_resolved_to_distinct_ones);
	RUN(ipv6cp_server_with_remote_identifier_assigns_it_to_the_client);
	return test_summary();
}
