// SPDX-License-Identifier: GPL-2.0
/* LCP option codec: request bytes, Ack/Nak/Reject decisions, loopback, two-sided runs. */
#include "test.h"
#include "libppp/lcp.h"
#include "libppp/ppp.h"

/* A deterministic generator: a fixed script, then an LCG. */
struct rnd {
	const uint32_t *script;
	unsigned int n, i;
	uint32_t state;
};

static uint32_t rnd32(void *ctx)
{
	struct rnd *r = ctx;

	if (r->i < r->n)
		return r->script[r->i++];
	r->state = r->state * 1664525u + 1013904223u;
	return r->state;
}

/* pppd's defaults: ACCM 0, magic, PFC, ACFC; MRU 1500 (so not sent). */
static void lcp_setup(struct ppp_lcp_neg *n, struct rnd *r, uint32_t seed)
{
	memset(n, 0, sizeof(*n));
	memset(r, 0, sizeof(*r));
	r->state = seed;
	n->want.neg_mru = true;
	n->want.mru = PPP_MRU_DEFAULT;
	n->want.neg_accm = true;
	n->want.accm = 0;
	n->want.neg_magic = true;
	n->want.neg_pfc = true;
	n->want.neg_acfc = true;
	n->allow_auth = PPP_AUTH_PAP | PPP_AUTH_CHAP_MD5;
	n->allow_pfc = n->allow_acfc = n->allow_magic = true;
	n->random32 = rnd32;
	n->random_ctx = r;
	ppp_lcp_reset(n);
}

static void set_magic(struct ppp_lcp_neg *n, uint32_t m)
{
	n->cur.magic = m;
}

static size_t req_of(struct ppp_lcp_neg *n, uint8_t *buf)
{
	return ppp_lcp_build_req(n, buf, 64);
}

/* --- Configure-Request contents --------------------------------------- */

TEST(lcp_request_with_defaults_is_accm_magic_pfc_acfc_without_mru)
{
	struct ppp_lcp_neg n;
	struct rnd r;
	uint8_t b[64];
	static const uint8_t want[] = {
		2, 6, 0, 0, 0, 0, 5, 6, 0x12, 0x34, 0x56, 0x78, 7, 2, 8, 2,
	};

	lcp_setup(&n, &r, 1);
	set_magic(&n, 0x12345678);
	CHECK_EQ(req_of(&n, b), sizeof(want));
	CHECK_MEM(b, want, sizeof(want));
}

TEST(lcp_request_lists_all_options_in_rfc_order)
{
	struct ppp_lcp_neg n;
	struct rnd r;
	uint8_t b[64];
	static const uint8_t want[] = {
		1, 4, 0x05, 0xd4,
		2, 6, 0x00, 0x0a, 0x00, 0x00,
		3, 5, 0xc2, 0x23, 0x05,
		5, 6, 0xde, 0xad, 0xbe, 0xef,
		7, 2,
		8, 2,
	};

	lcp_setup(&n, &r, 1);
	n.want.mru = 1492;
	n.want.accm = 0x000a0000;
	n.require_auth = PPP_AUTH_CHAP_MD5;
	ppp_lcp_reset(&n);
	set_magic(&n, 0xdeadbeef);
	CHECK_EQ(req_of(&n, b), sizeof(want));
	CHECK_MEM(b, want, sizeof(want));
}

TEST(lcp_request_prefers_chap_md5_when_both_required)
{
	struct ppp_lcp_neg n;
	struct rnd r;

	lcp_setup(&n, &r, 1);
	n.require_auth = PPP_AUTH_PAP | PPP_AUTH_CHAP_MD5;
	ppp_lcp_reset(&n);
	CHECK_EQ(n.cur.auth, PPP_PROTO_CHAP);
}

TEST(lcp_request_pap_required_sends_pap_option)
{
	struct ppp_lcp_neg n;
	struct rnd r;
	uint8_t b[64];
	static const uint8_t want[] = { 3, 4, 0xc0, 0x23 };

	lcp_setup(&n, &r, 1);
	n.want.neg_accm = n.want.neg_magic = false;
	n.want.neg_pfc = n.want.neg_acfc = false;
	n.require_auth = PPP_AUTH_PAP;
	n.want.auth = PPP_PROTO_CHAP;	/* ignored */
	ppp_lcp_reset(&n);
	CHECK_EQ(req_of(&n, b), sizeof(want));
	CHECK_MEM(b, want, sizeof(want));
}

TEST(lcp_request_sends_mru_only_when_not_1500)
{
	struct ppp_lcp_neg n;
	struct rnd r;
	uint8_t b[64];

	lcp_setup(&n, &r, 1);
	req_of(&n, b);
	CHECK(b[0] != PPP_LCP_OPT_MRU);
	n.want.mru = 1400;
	ppp_lcp_reset(&n);
	req_of(&n, b);
	CHECK_EQ(b[0], PPP_LCP_OPT_MRU);
	CHECK_EQ(ppp_get_be16(b + 2), 1400);
	n.want.neg_mru = false;
	ppp_lcp_reset(&n);
	req_of(&n, b);
	CHECK(b[0] != PPP_LCP_OPT_MRU);
}

TEST(lcp_reset_never_picks_zero_magic_and_clears_state)
{
	struct ppp_lcp_neg n;
	struct rnd r;
	static const uint32_t script[] = { 0, 0, 0x11223344 };

	lcp_setup(&n, &r, 1);
	r.script = script;
	r.n = 3;
	r.i = 0;
	n.loop_count = 3;
	n.looped = true;
	n.got.neg_pfc = true;
	n.his.mru = 99;
	ppp_lcp_reset(&n);
	CHECK_EQ(n.cur.magic, 0x11223344);
	CHECK_EQ(n.loop_count, 0);
	CHECK(!n.looped);
	CHECK(!n.got.neg_pfc);
	CHECK_EQ(n.his.mru, 0);
}

TEST(lcp_reset_survives_a_generator_stuck_at_zero)
{
	struct ppp_lcp_neg n;
	struct rnd r;
	static const uint32_t zeros[16];

	lcp_setup(&n, &r, 1);
	r.script = zeros;
	r.n = 16;
	r.i = 0;
	ppp_lcp_reset(&n);
	CHECK(n.cur.magic != 0);
}

TEST(lcp_build_req_writes_only_whole_options_into_a_small_buffer)
{
	struct ppp_lcp_neg n;
	struct rnd r;
	uint8_t b[16];

	lcp_setup(&n, &r, 1);
	memset(b, 0xee, sizeof(b));
	CHECK_EQ(ppp_lcp_build_req(&n, b, 9), 6);	/* ACCM fits, Magic doesn't */
	CHECK_EQ(b[6], 0xee);
	CHECK_EQ(ppp_lcp_build_req(&n, b, 0), 0);
}

/* --- Configure-Ack ------------------------------------------------------- */

TEST(lcp_ack_matching_our_request_sets_got)
{
	struct ppp_lcp_neg n;
	struct rnd r;
	uint8_t b[64];
	size_t l;

	lcp_setup(&n, &r, 1);
	n.require_auth = PPP_AUTH_PAP;
	ppp_lcp_reset(&n);
	l = req_of(&n, b);
	CHECK_EQ(ppp_lcp_recv_ack(&n, b, l), 0);
	CHECK_EQ(n.got.auth, PPP_PROTO_PAP);
	CHECK_EQ(n.got.magic, n.cur.magic);
	CHECK(n.got.neg_pfc && n.got.neg_acfc && n.got.neg_accm);
}

TEST(lcp_ack_differing_from_our_request_is_invalid)
{
	struct ppp_lcp_neg n;
	struct rnd r;
	uint8_t b[64], c[64];
	size_t l;

	lcp_setup(&n, &r, 1);
	l = req_of(&n, b);

	memcpy(c, b, l);
	c[5] ^= 1;			/* ACCM value changed */
	CHECK_EQ(ppp_lcp_recv_ack(&n, c, l), -EINVAL);
	CHECK_EQ(ppp_lcp_recv_ack(&n, b, l - 2), -EINVAL);	/* ACFC missing */
	memcpy(c, b, l);
	c[l] = 7;
	c[l + 1] = 2;
	CHECK_EQ(ppp_lcp_recv_ack(&n, c, l + 2), -EINVAL);	/* extra PFC */
	/* PFC and ACFC swapped. */
	memcpy(c, b, l);
	c[l - 4] = 8;
	c[l - 2] = 7;
	CHECK_EQ(ppp_lcp_recv_ack(&n, c, l), -EINVAL);
	CHECK_EQ(ppp_lcp_recv_ack(&n, b, 0), -EINVAL);
	CHECK(!n.got.neg_magic);
}

/* --- Configure-Nak ------------------------------------------------------- */

TEST(lcp_nak_mru_up_to_1500_is_adopted)
{
	struct ppp_lcp_neg n;
	struct rnd r;
	static const uint8_t nak[] = { 1, 4, 0x05, 0x78 };	/* 1400 */

	lcp_setup(&n, &r, 1);
	n.want.mru = 1200;
	ppp_lcp_reset(&n);
	CHECK_EQ(ppp_lcp_recv_nak(&n, nak, sizeof(nak), false), 0);
	CHECK(n.cur.neg_mru);
	CHECK_EQ(n.cur.mru, 1400);
}

TEST(lcp_nak_mru_above_what_we_can_take_stops_sending_mru)
{
	struct ppp_lcp_neg n;
	struct rnd r;
	uint8_t b[64];
	static const uint8_t big[] = { 1, 4, 0x10, 0x00 };	/* 4096 */

	lcp_setup(&n, &r, 1);
	n.want.mru = 1200;
	ppp_lcp_reset(&n);
	CHECK_EQ(ppp_lcp_recv_nak(&n, big, sizeof(big), false), 0);
	CHECK(!n.cur.neg_mru);
	req_of(&n, b);
	CHECK(b[0] != PPP_LCP_OPT_MRU);
}

TEST(lcp_nak_mru_below_128_stops_sending_mru)
{
	struct ppp_lcp_neg n;
	struct rnd r;
	static const uint8_t tiny[] = { 1, 4, 0x00, 0x40 };

	lcp_setup(&n, &r, 1);
	n.want.mru = 1200;
	ppp_lcp_reset(&n);
	CHECK_EQ(ppp_lcp_recv_nak(&n, tiny, sizeof(tiny), false), 0);
	CHECK(!n.cur.neg_mru);
}

TEST(lcp_nak_mru_above_1500_is_adopted_when_we_want_more)
{
	struct ppp_lcp_neg n;
	struct rnd r;
	static const uint8_t nak[] = { 1, 4, 0x0f, 0xa0 };	/* 4000 */

	lcp_setup(&n, &r, 1);
	n.want.mru = 8000;
	ppp_lcp_reset(&n);
	CHECK_EQ(ppp_lcp_recv_nak(&n, nak, sizeof(nak), false), 0);
	CHECK_EQ(n.cur.mru, 4000);
}

TEST(lcp_nak_suggesting_smaller_mru_when_silent_at_1500_starts_sending_it)
{
	struct ppp_lcp_neg n;
	struct rnd r;
	uint8_t b[64];
	static const uint8_t nak[] = { 1, 4, 0x05, 0xd4 };	/* 1492 */

	lcp_setup(&n, &r, 1);
	CHECK_EQ(ppp_lcp_recv_nak(&n, nak, sizeof(nak), false), 0);
	CHECK_EQ(n.cur.mru, 1492);
	req_of(&n, b);
	CHECK_EQ(b[0], PPP_LCP_OPT_MRU);
	CHECK_EQ(ppp_get_be16(b + 2), 1492);
}

TEST(lcp_nak_accm_takes_the_union)
{
	struct ppp_lcp_neg n;
	struct rnd r;
	static const uint8_t nak[] = { 2, 6, 0x00, 0x0a, 0x00, 0x01 };

	lcp_setup(&n, &r, 1);
	n.want.accm = 0x00000300;
	ppp_lcp_reset(&n);
	CHECK_EQ(ppp_lcp_recv_nak(&n, nak, sizeof(nak), false), 0);
	CHECK_EQ(n.cur.accm, 0x000a0301);
}

TEST(lcp_nak_chap_with_pap_switches_to_pap_when_pap_is_acceptable)
{
	struct ppp_lcp_neg n;
	struct rnd r;
	static const uint8_t nak[] = { 3, 4, 0xc0, 0x23 };

	lcp_setup(&n, &r, 1);
	n.require_auth = PPP_AUTH_PAP | PPP_AUTH_CHAP_MD5;
	ppp_lcp_reset(&n);
	CHECK_EQ(ppp_lcp_recv_nak(&n, nak, sizeof(nak), false), 0);
	CHECK_EQ(n.cur.auth, PPP_PROTO_PAP);
}

TEST(lcp_nak_chap_with_pap_drops_auth_when_only_chap_is_required)
{
	struct ppp_lcp_neg n;
	struct rnd r;
	static const uint8_t nak[] = { 3, 4, 0xc0, 0x23 };

	lcp_setup(&n, &r, 1);
	n.require_auth = PPP_AUTH_CHAP_MD5;
	ppp_lcp_reset(&n);
	CHECK_EQ(ppp_lcp_recv_nak(&n, nak, sizeof(nak), false), 0);
	CHECK_EQ(n.cur.auth, 0);
}

TEST(lcp_nak_pap_with_chap_switches_when_chap_is_acceptable)
{
	struct ppp_lcp_neg n;
	struct rnd r;
	static const uint8_t nak[] = { 3, 5, 0xc2, 0x23, 0x05 };

	lcp_setup(&n, &r, 1);
	n.require_auth = PPP_AUTH_PAP | PPP_AUTH_CHAP_MD5;
	ppp_lcp_reset(&n);
	n.cur.auth = PPP_PROTO_PAP;
	CHECK_EQ(ppp_lcp_recv_nak(&n, nak, sizeof(nak), false), 0);
	CHECK_EQ(n.cur.auth, PPP_PROTO_CHAP);
}

TEST(lcp_nak_auth_with_unknown_protocol_steps_down_our_preferences)
{
	struct ppp_lcp_neg n;
	struct rnd r;
	static const uint8_t eap[] = { 3, 4, 0xc2, 0x27 };
	static const uint8_t mschap2[] = { 3, 5, 0xc2, 0x23, 0x81 };

	lcp_setup(&n, &r, 1);
	n.require_auth = PPP_AUTH_PAP | PPP_AUTH_CHAP_MD5;
	ppp_lcp_reset(&n);
	CHECK_EQ(ppp_lcp_recv_nak(&n, mschap2, sizeof(mschap2), false), 0);
	CHECK_EQ(n.cur.auth, PPP_PROTO_PAP);
	CHECK_EQ(ppp_lcp_recv_nak(&n, eap, sizeof(eap), false), 0);
	CHECK_EQ(n.cur.auth, 0);
}

static int req(struct ppp_lcp_neg *n, const uint8_t *p, size_t len,
	       uint8_t *out, size_t *outlen);

TEST(lcp_request_asks_for_the_strongest_required_method_first)
{
	struct ppp_lcp_neg n;
	struct rnd r;

	lcp_setup(&n, &r, 1);
	n.require_auth = PPP_AUTH_PAP | PPP_AUTH_CHAP_ANY;
	ppp_lcp_reset(&n);
	CHECK_EQ(n.cur.auth, PPP_PROTO_CHAP);
	CHECK_EQ(n.cur.chap_alg, PPP_CHAP_MSCHAP_V2);
	CHECK_EQ(ppp_lcp_auth_method(&n.cur), PPP_AUTH_MSCHAP_V2);
	n.require_auth = PPP_AUTH_PAP | PPP_AUTH_MSCHAP | PPP_AUTH_CHAP_MD5;
	ppp_lcp_reset(&n);
	CHECK_EQ(n.cur.chap_alg, PPP_CHAP_MSCHAP);
}

TEST(lcp_nak_of_mschap_v2_steps_down_through_chap_variants_to_pap)
{
	struct ppp_lcp_neg n;
	struct rnd r;
	uint8_t buf[64];
	size_t len;
	static const uint8_t md5[] = { 3, 5, 0xc2, 0x23, 0x05 };
	static const uint8_t eap[] = { 3, 4, 0xc2, 0x27 };
	static const uint8_t want_md5[] = { 3, 5, 0xc2, 0x23, 0x05 };

	lcp_setup(&n, &r, 1);
	n.require_auth = PPP_AUTH_PAP | PPP_AUTH_CHAP_ANY;
	ppp_lcp_reset(&n);
	/* The peer suggests MD5, which we accept: asked next. */
	CHECK_EQ(ppp_lcp_recv_nak(&n, md5, sizeof(md5), false), 0);
	CHECK_EQ(ppp_lcp_auth_method(&n.cur), PPP_AUTH_CHAP_MD5);
	len = req_of(&n, buf);
	CHECK(len >= sizeof(want_md5));
	CHECK(memmem(buf, len, want_md5, sizeof(want_md5)) != NULL);
	/* Something we do not know: the next weaker one, PAP, then nothing. */
	CHECK_EQ(ppp_lcp_recv_nak(&n, eap, sizeof(eap), false), 0);
	CHECK_EQ(ppp_lcp_auth_method(&n.cur), PPP_AUTH_PAP);
	CHECK_EQ(ppp_lcp_recv_nak(&n, eap, sizeof(eap), false), 0);
	CHECK_EQ(n.cur.auth, 0);

	/* Only MS-CHAPv2 required: MD5 suggested means no agreement. */
	n.require_auth = PPP_AUTH_MSCHAP_V2;
	ppp_lcp_reset(&n);
	CHECK_EQ(ppp_lcp_recv_nak(&n, md5, sizeof(md5), false), 0);
	CHECK_EQ(n.cur.auth, 0);
}

TEST(lcp_req_for_mschap_is_acked_when_allowed_and_naked_with_ours_when_not)
{
	struct ppp_lcp_neg n;
	struct rnd r;
	uint8_t out[64];
	size_t ol;
	static const uint8_t v2[] = { 3, 5, 0xc2, 0x23, 0x81 };
	static const uint8_t v1[] = { 3, 5, 0xc2, 0x23, 0x80 };
	static const uint8_t nak_md5[] = { 3, 5, 0xc2, 0x23, 0x05 };

	lcp_setup(&n, &r, 1);
	n.allow_auth = PPP_AUTH_PAP | PPP_AUTH_CHAP_ANY;
	CHECK_EQ(req(&n, v2, sizeof(v2), out, &ol), PPP_CONFACK);
	CHECK_EQ(n.his.auth, PPP_PROTO_CHAP);
	CHECK_EQ(n.his.chap_alg, PPP_CHAP_MSCHAP_V2);
	CHECK_EQ(req(&n, v1, sizeof(v1), out, &ol), PPP_CONFACK);
	CHECK_EQ(n.his.chap_alg, PPP_CHAP_MSCHAP);
	/* refuse-mschap-v2 refuse-mschap: Nak with the best we still do. */
	n.allow_auth = PPP_AUTH_PAP | PPP_AUTH_CHAP_MD5;
	CHECK_EQ(req(&n, v2, sizeof(v2), out, &ol), PPP_CONFNAK);
	CHECK_EQ(ol, sizeof(nak_md5));
	CHECK_MEM(out, nak_md5, sizeof(nak_md5));
}

TEST(lcp_nak_of_our_auth_with_the_same_protocol_is_invalid)
{
	struct ppp_lcp_neg n;
	struct rnd r;
	static const uint8_t nak[] = { 3, 5, 0xc2, 0x23, 0x05 };

	lcp_setup(&n, &r, 1);
	n.require_auth = PPP_AUTH_CHAP_MD5;
	ppp_lcp_reset(&n);
	CHECK_EQ(ppp_lcp_recv_nak(&n, nak, sizeof(nak), false), -EINVAL);
	CHECK_EQ(n.cur.auth, PPP_PROTO_CHAP);
}

TEST(lcp_nak_suggesting_auth_we_did_not_request_is_ignored)
{
	struct ppp_lcp_neg n;
	struct rnd r;
	static const uint8_t nak[] = { 3, 4, 0xc0, 0x23 };

	lcp_setup(&n, &r, 1);
	CHECK_EQ(ppp_lcp_recv_nak(&n, nak, sizeof(nak), false), 0);
	CHECK_EQ(n.cur.auth, 0);
}

TEST(lcp_nak_magic_picks_a_new_magic_and_counts_towards_loopback)
{
	struct ppp_lcp_neg n;
	struct rnd r;
	uint8_t nak[] = { 5, 6, 0, 0, 0, 0 };
	uint32_t old;

	lcp_setup(&n, &r, 1);
	old = n.cur.magic;
	ppp_put_be32(nak + 2, 0xcafef00d);
	CHECK_EQ(ppp_lcp_recv_nak(&n, nak, sizeof(nak), false), 0);
	CHECK(n.cur.magic != old);
	CHECK(n.cur.magic != 0);
	CHECK_EQ(n.loop_count, 1);
	CHECK(!n.looped);
}

TEST(lcp_nak_of_pfc_and_acfc_turns_them_off)
{
	struct ppp_lcp_neg n;
	struct rnd r;
	static const uint8_t nak[] = { 7, 2, 8, 2 };

	lcp_setup(&n, &r, 1);
	CHECK_EQ(ppp_lcp_recv_nak(&n, nak, sizeof(nak), false), 0);
	CHECK(!n.cur.neg_pfc);
	CHECK(!n.cur.neg_acfc);
	CHECK(n.cur.neg_accm);
}

TEST(lcp_last_nak_is_treated_as_reject)
{
	struct ppp_lcp_neg n;
	struct rnd r;
	static const uint8_t nak[] = {
		1, 4, 0x05, 0x78, 2, 6, 0, 0, 0, 1, 3, 4, 0xc0, 0x23,
		5, 6, 1, 2, 3, 4,
	};

	lcp_setup(&n, &r, 1);
	n.want.mru = 1200;
	n.require_auth = PPP_AUTH_CHAP_MD5 | PPP_AUTH_PAP;
	ppp_lcp_reset(&n);
	CHECK_EQ(ppp_lcp_recv_nak(&n, nak, sizeof(nak), true), 0);
	CHECK(!n.cur.neg_mru);
	CHECK(!n.cur.neg_accm);
	CHECK_EQ(n.cur.auth, 0);
	CHECK(!n.cur.neg_magic);
	CHECK_EQ(n.loop_count, 0);
}

TEST(lcp_nak_ignores_unknown_options)
{
	struct ppp_lcp_neg n;
	struct rnd r;
	struct ppp_lcp_opts before;
	static const uint8_t nak[] = { 13, 3, 6, 4, 6, 0, 0, 0, 0 };

	lcp_setup(&n, &r, 1);
	before = n.cur;
	CHECK_EQ(ppp_lcp_recv_nak(&n, nak, sizeof(nak), false), 0);
	CHECK_MEM(&n.cur, &before, sizeof(before));
}

TEST(lcp_malformed_nak_is_invalid_and_changes_nothing)
{
	struct ppp_lcp_neg n;
	struct rnd r;
	struct ppp_lcp_opts before;
	/* A valid ACCM nak followed by an option running past the end. */
	static const uint8_t overrun[] = { 2, 6, 0, 0, 0, 1, 5, 6, 1, 2 };
	static const uint8_t zero_len[] = { 7, 0 };
	static const uint8_t one_byte[] = { 7 };
	static const uint8_t short_mru[] = { 1, 3, 5 };
	static const uint8_t long_magic[] = { 5, 7, 1, 2, 3, 4, 5 };
	static const uint8_t pfc_body[] = { 7, 3, 0 };
	static const uint8_t short_auth[] = { 3, 3, 0xc0 };
	static const uint8_t twice[] = { 2, 6, 0, 0, 0, 1, 2, 6, 0, 0, 0, 2 };

	lcp_setup(&n, &r, 1);
	n.require_auth = PPP_AUTH_PAP;
	ppp_lcp_reset(&n);
	before = n.cur;
	CHECK_EQ(ppp_lcp_recv_nak(&n, overrun, sizeof(overrun), false), -EINVAL);
	CHECK_EQ(ppp_lcp_recv_nak(&n, zero_len, sizeof(zero_len), false), -EINVAL);
	CHECK_EQ(ppp_lcp_recv_nak(&n, one_byte, sizeof(one_byte), false), -EINVAL);
	CHECK_EQ(ppp_lcp_recv_nak(&n, short_mru, sizeof(short_mru), false), -EINVAL);
	CHECK_EQ(ppp_lcp_recv_nak(&n, long_magic, sizeof(long_magic), false), -EINVAL);
	CHECK_EQ(ppp_lcp_recv_nak(&n, pfc_body, sizeof(pfc_body), false), -EINVAL);
	CHECK_EQ(ppp_lcp_recv_nak(&n, short_auth, sizeof(short_auth), false), -EINVAL);
	CHECK_EQ(ppp_lcp_recv_nak(&n, twice, sizeof(twice), false), -EINVAL);
	CHECK_MEM(&n.cur, &before, sizeof(before));
	CHECK_EQ(n.loop_count, 0);
}

/* --- Configure-Reject ---------------------------------------------------- */

TEST(lcp_reject_turns_off_each_rejected_option)
{
	struct ppp_lcp_neg n;
	struct rnd r;
	uint8_t b[64], rej[64];
	size_t l;

	lcp_setup(&n, &r, 1);
	n.want.mru = 1000;
	ppp_lcp_reset(&n);
	l = req_of(&n, b);
	/* Reject MRU (first 4 bytes) and PFC+ACFC (last 4). */
	memcpy(rej, b, 4);
	memcpy(rej + 4, b + l - 4, 4);
	CHECK_EQ(ppp_lcp_recv_rej(&n, rej, 8), 0);
	CHECK(!n.cur.neg_mru);
	CHECK(!n.cur.neg_pfc);
	CHECK(!n.cur.neg_acfc);
	CHECK(n.cur.neg_accm);
	CHECK(n.cur.neg_magic);
	l = req_of(&n, b);
	CHECK_EQ(l, 12);
	CHECK_EQ(b[0], PPP_LCP_OPT_ACCM);
	CHECK_EQ(b[6], PPP_LCP_OPT_MAGIC);
}

TEST(lcp_reject_of_required_auth_leaves_got_auth_zero)
{
	struct ppp_lcp_neg n;
	struct rnd r;
	uint8_t b[64];
	static const uint8_t rej[] = { 3, 5, 0xc2, 0x23, 0x05 };
	size_t l;

	lcp_setup(&n, &r, 1);
	n.require_auth = PPP_AUTH_CHAP_MD5;
	ppp_lcp_reset(&n);
	CHECK_EQ(ppp_lcp_recv_rej(&n, rej, sizeof(rej)), 0);
	CHECK_EQ(n.cur.auth, 0);
	l = req_of(&n, b);
	CHECK_EQ(ppp_lcp_recv_ack(&n, b, l), 0);
	CHECK_EQ(n.got.auth, 0);
}

TEST(lcp_reject_that_modifies_or_reorders_our_options_is_invalid)
{
	struct ppp_lcp_neg n;
	struct rnd r;
	struct ppp_lcp_opts before;
	static const uint8_t changed[] = { 2, 6, 0, 0, 0, 1 };
	static const uint8_t unsent[] = { 1, 4, 0x05, 0xdc };
	static const uint8_t reordered[] = { 8, 2, 7, 2 };
	static const uint8_t malformed[] = { 7, 2, 8 };

	lcp_setup(&n, &r, 1);
	before = n.cur;
	CHECK_EQ(ppp_lcp_recv_rej(&n, changed, sizeof(changed)), -EINVAL);
	CHECK_EQ(ppp_lcp_recv_rej(&n, unsent, sizeof(unsent)), -EINVAL);
	CHECK_EQ(ppp_lcp_recv_rej(&n, reordered, sizeof(reordered)), -EINVAL);
	CHECK_EQ(ppp_lcp_recv_rej(&n, malformed, sizeof(malformed)), -EINVAL);
	CHECK_MEM(&n.cur, &before, sizeof(before));
}

/* --- The peer's Configure-Request --------------------------------------- */

static int req(struct ppp_lcp_neg *n, const uint8_t *p, size_t len,
	       uint8_t *out, size_t *outlen)
{
	return ppp_lcp_recv_req(n, p, len, out, 256, outlen, false);
}

TEST(lcp_req_typical_pppd_request_is_acked_verbatim)
{
	struct ppp_lcp_neg n;
	struct rnd r;
	uint8_t out[256];
	size_t ol;
	static const uint8_t p[] = {
		1, 4, 0x05, 0xd4, 2, 6, 0, 0, 0, 0, 3, 5, 0xc2, 0x23, 0x05,
		5, 6, 0x5e, 0x1f, 0x2a, 0x33, 7, 2, 8, 2,
	};

	lcp_setup(&n, &r, 1);
	CHECK_EQ(req(&n, p, sizeof(p), out, &ol), PPP_CONFACK);
	CHECK_EQ(ol, sizeof(p));
	CHECK_MEM(out, p, sizeof(p));
	CHECK(n.his.neg_mru);
	CHECK_EQ(n.his.mru, 1492);
	CHECK(n.his.neg_accm);
	CHECK_EQ(n.his.accm, 0);
	CHECK_EQ(n.his.auth, PPP_PROTO_CHAP);
	CHECK_EQ(n.his.magic, 0x5e1f2a33);
	CHECK(n.his.neg_pfc && n.his.neg_acfc);
}

TEST(lcp_req_empty_is_acked_with_defaults_in_his)
{
	struct ppp_lcp_neg n;
	struct rnd r;
	uint8_t out[4];
	size_t ol = 99;

	lcp_setup(&n, &r, 1);
	CHECK_EQ(ppp_lcp_recv_req(&n, NULL, 0, out, 0, &ol, false), PPP_CONFACK);
	CHECK_EQ(ol, 0);
	CHECK(!n.his.neg_mru);
	CHECK_EQ(n.his.mru, PPP_MRU_DEFAULT);
	CHECK_EQ(n.his.accm, 0xffffffff);
	CHECK_EQ(n.his.auth, 0);
}

TEST(lcp_req_mru_below_minimum_is_naked_with_the_minimum)
{
	struct ppp_lcp_neg n;
	struct rnd r;
	uint8_t out[256];
	size_t ol;
	static const uint8_t p[] = { 1, 4, 0x00, 0x40, 7, 2 };
	static const uint8_t want128[] = { 1, 4, 0x00, 0x80 };
	static const uint8_t want576[] = { 1, 4, 0x02, 0x40 };

	lcp_setup(&n, &r, 1);
	CHECK_EQ(req(&n, p, sizeof(p), out, &ol), PPP_CONFNAK);
	CHECK_EQ(ol, sizeof(want128));
	CHECK_MEM(out, want128, sizeof(want128));
	CHECK(!n.his.neg_pfc);	/* his only set on Ack */

	n.mru_min = 576;
	CHECK_EQ(req(&n, p, sizeof(p), out, &ol), PPP_CONFNAK);
	CHECK_MEM(out, want576, sizeof(want576));
}

TEST(lcp_req_large_mru_is_acked)
{
	struct ppp_lcp_neg n;
	struct rnd r;
	uint8_t out[256];
	size_t ol;
	static const uint8_t p[] = { 1, 4, 0xff, 0xff };

	lcp_setup(&n, &r, 1);
	CHECK_EQ(req(&n, p, sizeof(p), out, &ol), PPP_CONFACK);
	CHECK_EQ(n.his.mru, 65535);
}

TEST(lcp_req_options_with_wrong_length_are_rejected)
{
	static const uint8_t cases[][8] = {
		{ 1, 3, 0x05 },			/* MRU */
		{ 1, 5, 0x05, 0xdc, 0 },
		{ 2, 5, 0, 0, 0 },		/* ACCM */
		{ 5, 4, 1, 2 },			/* Magic */
		{ 5, 8, 1, 2, 3, 4, 5, 6 },
		{ 7, 3, 0 },			/* PFC */
		{ 8, 4, 0, 0 },			/* ACFC */
		{ 3, 2 },			/* Auth, no protocol */
		{ 3, 3, 0xc0 },
		{ 3, 5, 0xc0, 0x23, 0 },	/* PAP with a body */
		{ 3, 4, 0xc2, 0x23 },		/* CHAP without algorithm */
		{ 3, 6, 0xc2, 0x23, 5, 0 },
	};
	struct ppp_lcp_neg n;
	struct rnd r;
	uint8_t out[256];
	size_t i, ol;

	lcp_setup(&n, &r, 1);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t l = cases[i][1];

		CHECK_EQ(req(&n, cases[i], l, out, &ol), PPP_CONFREJ);
		CHECK_EQ(ol, l);
		CHECK_MEM(out, cases[i], l);
	}
}

TEST(lcp_req_auth_we_allow_is_acked)
{
	struct ppp_lcp_neg n;
	struct rnd r;
	uint8_t out[256];
	size_t ol;
	static const uint8_t pap[] = { 3, 4, 0xc0, 0x23 };
	static const uint8_t chap[] = { 3, 5, 0xc2, 0x23, 5 };

	lcp_setup(&n, &r, 1);
	n.allow_auth = PPP_AUTH_PAP;
	CHECK_EQ(req(&n, pap, sizeof(pap), out, &ol), PPP_CONFACK);
	CHECK_EQ(n.his.auth, PPP_PROTO_PAP);
	n.allow_auth = PPP_AUTH_CHAP_MD5;
	CHECK_EQ(req(&n, chap, sizeof(chap), out, &ol), PPP_CONFACK);
	CHECK_EQ(n.his.auth, PPP_PROTO_CHAP);
}

TEST(lcp_req_auth_we_do_not_allow_is_naked_with_one_we_do)
{
	struct ppp_lcp_neg n;
	struct rnd r;
	uint8_t out[256];
	size_t ol;
	static const uint8_t pap[] = { 3, 4, 0xc0, 0x23 };
	static const uint8_t chap[] = { 3, 5, 0xc2, 0x23, 5 };
	static const uint8_t mschap[] = { 3, 5, 0xc2, 0x23, 0x80 };
	static const uint8_t eap[] = { 3, 4, 0xc2, 0x27 };

	lcp_setup(&n, &r, 1);
	n.allow_auth = PPP_AUTH_CHAP_MD5;
	CHECK_EQ(req(&n, pap, sizeof(pap), out, &ol), PPP_CONFNAK);
	CHECK_EQ(ol, sizeof(chap));
	CHECK_MEM(out, chap, sizeof(chap));

	n.allow_auth = PPP_AUTH_PAP;
	CHECK_EQ(req(&n, chap, sizeof(chap), out, &ol), PPP_CONFNAK);
	CHECK_EQ(ol, sizeof(pap));
	CHECK_MEM(out, pap, sizeof(pap));

	n.allow_auth = PPP_AUTH_PAP | PPP_AUTH_CHAP_MD5;
	CHECK_EQ(req(&n, mschap, sizeof(mschap), out, &ol), PPP_CONFNAK);
	CHECK_MEM(out, chap, sizeof(chap));
	CHECK_EQ(req(&n, eap, sizeof(eap), out, &ol), PPP_CONFNAK);
	CHECK_MEM(out, chap, sizeof(chap));
}

TEST(lcp_req_auth_is_rejected_when_we_cannot_authenticate)
{
	struct ppp_lcp_neg n;
	struct rnd r;
	uint8_t out[256];
	size_t ol;
	static const uint8_t pap[] = { 3, 4, 0xc0, 0x23 };

	lcp_setup(&n, &r, 1);
	n.allow_auth = 0;
	CHECK_EQ(req(&n, pap, sizeof(pap), out, &ol), PPP_CONFREJ);
	CHECK_MEM(out, pap, sizeof(pap));
}

TEST(lcp_req_magic_zero_is_naked_with_a_nonzero_magic)
{
	struct ppp_lcp_neg n;
	struct rnd r;
	uint8_t out[256];
	size_t ol;
	static const uint8_t p[] = { 5, 6, 0, 0, 0, 0 };

	lcp_setup(&n, &r, 1);
	CHECK_EQ(req(&n, p, sizeof(p), out, &ol), PPP_CONFNAK);
	CHECK_EQ(ol, 6);
	CHECK_EQ(out[0], 5);
	CHECK(ppp_get_be32(out + 2) != 0);
	CHECK(ppp_get_be32(out + 2) != n.cur.magic);
	CHECK_EQ(n.loop_count, 0);
}

TEST(lcp_req_with_our_own_magic_is_naked_and_counted)
{
	struct ppp_lcp_neg n;
	struct rnd r;
	uint8_t out[256], p[6] = { 5, 6 };
	size_t ol;
	uint32_t ours;

	lcp_setup(&n, &r, 1);
	ours = n.cur.magic;
	ppp_put_be32(p + 2, ours);
	CHECK_EQ(req(&n, p, sizeof(p), out, &ol), PPP_CONFNAK);
	CHECK(ppp_get_be32(out + 2) != ours);
	CHECK(ppp_get_be32(out + 2) != 0);
	CHECK_EQ(n.loop_count, 1);
	/* Our outstanding request stays valid: the magic is not changed here. */
	CHECK_EQ(n.cur.magic, ours);
}

TEST(lcp_req_with_a_different_magic_resets_the_loop_count)
{
	struct ppp_lcp_neg n;
	struct rnd r;
	uint8_t out[256], p[6] = { 5, 6 };
	size_t ol;

	lcp_setup(&n, &r, 1);
	n.loop_count = 3;
	ppp_put_be32(p + 2, n.cur.magic + 1);
	CHECK_EQ(req(&n, p, sizeof(p), out, &ol), PPP_CONFACK);
	CHECK_EQ(n.loop_count, 0);
	CHECK_EQ(n.his.magic, n.cur.magic + 1);
}

TEST(lcp_req_magic_pfc_acfc_are_rejected_when_not_allowed)
{
	struct ppp_lcp_neg n;
	struct rnd r;
	uint8_t out[256];
	size_t ol;
	static const uint8_t p[] = { 5, 6, 1, 2, 3, 4, 7, 2, 8, 2 };

	lcp_setup(&n, &r, 1);
	n.allow_magic = false;
	n.allow_pfc = false;
	n.allow_acfc = false;
	CHECK_EQ(req(&n, p, sizeof(p), out, &ol), PPP_CONFREJ);
	CHECK_EQ(ol, sizeof(p));
	CHECK_MEM(out, p, sizeof(p));
}

TEST(lcp_req_quality_protocol_and_unknown_options_are_rejected)
{
	struct ppp_lcp_neg n;
	struct rnd r;
	uint8_t out[256];
	size_t ol;
	/* LQR, Callback (13), MRRU (17), Endpoint-Discriminator (19). */
	static const uint8_t p[] = {
		2, 6, 0, 0, 0, 0,
		4, 8, 0xc0, 0x25, 0, 0, 0x0b, 0xb8,
		13, 3, 6,
		17, 4, 0x05, 0xdc,
		19, 3, 0,
		8, 2,
	};

	lcp_setup(&n, &r, 1);
	CHECK_EQ(req(&n, p, sizeof(p), out, &ol), PPP_CONFREJ);
	CHECK_EQ(ol, sizeof(p) - 8);
	CHECK_MEM(out, p + 6, ol);
}

TEST(lcp_req_reject_beats_nak_and_lists_only_rejected_options)
{
	struct ppp_lcp_neg n;
	struct rnd r;
	uint8_t out[256];
	size_t ol;
	static const uint8_t p[] = {
		1, 4, 0x00, 0x10,	/* too small: would be naked */
		4, 4, 0xc0, 0x25,
		5, 6, 0, 0, 0, 0,	/* zero: would be naked */
	};

	lcp_setup(&n, &r, 1);
	CHECK_EQ(req(&n, p, sizeof(p), out, &ol), PPP_CONFREJ);
	CHECK_EQ(ol, 4);
	CHECK_MEM(out, p + 4, 4);
}

TEST(lcp_req_nak_lists_only_naked_options_in_order)
{
	struct ppp_lcp_neg n;
	struct rnd r;
	uint8_t out[256];
	size_t ol;
	static const uint8_t p[] = {
		1, 4, 0x00, 0x10,
		2, 6, 0, 0, 0, 0,
		3, 4, 0xc0, 0x23,
		5, 6, 0, 0, 0, 0,
		7, 2,
	};

	lcp_setup(&n, &r, 1);
	n.allow_auth = PPP_AUTH_CHAP_MD5;
	CHECK_EQ(req(&n, p, sizeof(p), out, &ol), PPP_CONFNAK);
	CHECK_EQ(ol, 4 + 5 + 6);
	CHECK_EQ(out[0], 1);
	CHECK_EQ(out[4], 3);
	CHECK_EQ(out[5], 5);
	CHECK_EQ(out[9], 5);
}

TEST(lcp_req_no_nak_turns_naks_into_rejects)
{
	struct ppp_lcp_neg n;
	struct rnd r;
	uint8_t out[256];
	size_t ol;
	static const uint8_t p[] = {
		1, 4, 0x00, 0x10, 2, 6, 0, 0, 0, 0, 5, 6, 0, 0, 0, 0,
	};

	lcp_setup(&n, &r, 1);
	CHECK_EQ(ppp_lcp_recv_req(&n, p, sizeof(p), out, sizeof(out), &ol, true),
		 PPP_CONFREJ);
	CHECK_EQ(ol, 10);
	CHECK_MEM(out, p, 4);
	CHECK_MEM(out + 4, p + 10, 6);
}

TEST(lcp_req_second_copy_of_an_option_is_rejected)
{
	struct ppp_lcp_neg n;
	struct rnd r;
	uint8_t out[256];
	size_t ol;
	static const uint8_t p[] = { 1, 4, 0x05, 0xdc, 1, 4, 0x02, 0x40 };

	lcp_setup(&n, &r, 1);
	CHECK_EQ(req(&n, p, sizeof(p), out, &ol), PPP_CONFREJ);
	CHECK_EQ(ol, 4);
	CHECK_MEM(out, p + 4, 4);
}

TEST(lcp_req_malformed_list_is_invalid_and_changes_nothing)
{
	static const uint8_t overrun[] = { 5, 6, 1, 2, 3, 4, 7, 3 };
	static const uint8_t zero_len[] = { 2, 6, 0, 0, 0, 0, 7, 0 };
	static const uint8_t one_len[] = { 7, 1 };
	static const uint8_t dangling[] = { 7, 2, 8 };
	struct ppp_lcp_neg n;
	struct rnd r;
	uint8_t out[256], own[6] = { 5, 6 };
	size_t ol = 77;

	lcp_setup(&n, &r, 1);
	ppp_put_be32(own + 2, 12345);
	CHECK_EQ(req(&n, own, sizeof(own), out, &ol), PPP_CONFACK);
	n.loop_count = 2;
	CHECK_EQ(req(&n, overrun, sizeof(overrun), out, &ol), -EINVAL);
	CHECK_EQ(req(&n, zero_len, sizeof(zero_len), out, &ol), -EINVAL);
	CHECK_EQ(req(&n, one_len, sizeof(one_len), out, &ol), -EINVAL);
	CHECK_EQ(req(&n, dangling, sizeof(dangling), out, &ol), -EINVAL);
	CHECK_EQ(n.loop_count, 2);
	CHECK_EQ(n.his.magic, 12345);
}

TEST(lcp_req_reply_that_does_not_fit_is_refused_without_overflow)
{
	struct ppp_lcp_neg n;
	struct rnd r;
	uint8_t out[16];
	size_t ol;
	static const uint8_t p[] = { 2, 6, 0, 0, 0, 0, 7, 2, 8, 2 };
	static const uint8_t rej[] = { 4, 4, 0xc0, 0x25, 13, 3, 6 };

	lcp_setup(&n, &r, 1);
	memset(out, 0xee, sizeof(out));
	CHECK_EQ(ppp_lcp_recv_req(&n, p, sizeof(p), out, 9, &ol, false), -ENOSPC);
	CHECK_EQ(out[9], 0xee);
	CHECK_EQ(ppp_lcp_recv_req(&n, rej, sizeof(rej), out, 5, &ol, false), -ENOSPC);
	CHECK_EQ(out[5], 0xee);
	CHECK_EQ(ppp_lcp_recv_req(&n, rej, sizeof(rej), out, 7, &ol, false), PPP_CONFREJ);
	CHECK_EQ(ol, 7);
}

/* --- Loopback -------------------------------------------------------------- */

/*
 * A looped-back line: everything we send comes back to us. Our request
 * arrives as the peer's request (own magic: Nak), and that Nak arrives as
 * the answer to our request (new magic). RFC 1661 section 6.4.
 */
TEST(lcp_looped_back_line_is_detected_within_the_limit)
{
	struct ppp_lcp_neg n;
	struct rnd r;
	uint8_t b[64], out[256];
	size_t l, ol;
	int rounds;

	lcp_setup(&n, &r, 7);
	for (rounds = 0; rounds < 20 && !n.looped; rounds++) {
		l = req_of(&n, b);
		CHECK_EQ(req(&n, b, l, out, &ol), PPP_CONFNAK);
		if (n.looped)
			break;
		CHECK_EQ(ppp_lcp_recv_nak(&n, out, ol, false), 0);
	}
	CHECK(n.looped);
	CHECK(n.loop_count >= PPP_LCP_LOOPBACK_LIMIT);
	CHECK(rounds < PPP_LCP_LOOPBACK_LIMIT);
}

TEST(lcp_single_magic_collision_does_not_report_loopback)
{
	struct ppp_lcp_neg n;
	struct rnd r;
	uint8_t out[256], p[6] = { 5, 6 };
	size_t ol;

	lcp_setup(&n, &r, 1);
	ppp_put_be32(p + 2, n.cur.magic);
	CHECK_EQ(req(&n, p, sizeof(p), out, &ol), PPP_CONFNAK);
	ppp_put_be32(p + 2, 0x01020304);
	CHECK_EQ(req(&n, p, sizeof(p), out, &ol), PPP_CONFACK);
	CHECK(!n.looped);
	CHECK_EQ(n.loop_count, 0);
}

/* --- Two sides negotiating by hand --------------------------------------- */

struct side {
	struct ppp_lcp_neg *n;
	bool acked;		/* our request was acked */
	unsigned int naks_sent, naks_got;
};

/* One direction: @a sends its request to @b and handles the reply. */
static int lcp_step(struct side *a, struct side *b)
{
	uint8_t q[64], out[256];
	size_t l, ol;
	int code, rc;

	l = ppp_lcp_build_req(a->n, q, sizeof(q));
	code = ppp_lcp_recv_req(b->n, q, l, out, sizeof(out), &ol,
				b->naks_sent >= 5);
	switch (code) {
	case PPP_CONFACK:
		CHECK_EQ(ol, l);
		CHECK_MEM(out, q, l);
		rc = ppp_lcp_recv_ack(a->n, out, ol);
		a->acked = rc == 0;
		return rc;
	case PPP_CONFNAK:
		b->naks_sent++;
		return ppp_lcp_recv_nak(a->n, out, ol, ++a->naks_got >= 5);
	case PPP_CONFREJ:
		return ppp_lcp_recv_rej(a->n, out, ol);
	}
	return code;
}

/* Run both directions until both requests are acked; rounds used or -1. */
static int lcp_negotiate(struct ppp_lcp_neg *x, struct ppp_lcp_neg *y)
{
	struct side a = { .n = x }, b = { .n = y };
	int round;

	for (round = 1; round <= 20; round++) {
		if (!a.acked && lcp_step(&a, &b))
			return -1;
		if (!b.acked && lcp_step(&b, &a))
			return -1;
		if (a.acked && b.acked)
			return round;
	}
	return -1;
}

TEST(lcp_two_default_peers_agree_in_one_round)
{
	struct ppp_lcp_neg a, b;
	struct rnd ra, rb;

	lcp_setup(&a, &ra, 1);
	lcp_setup(&b, &rb, 2);
	CHECK_EQ(lcp_negotiate(&a, &b), 1);
	CHECK_EQ(a.got.magic, b.his.magic);
	CHECK_EQ(b.got.magic, a.his.magic);
	CHECK(a.got.magic != b.got.magic);
	CHECK(a.his.neg_pfc && a.his.neg_acfc && b.his.neg_pfc && b.his.neg_acfc);
	CHECK_EQ(a.his.mru, PPP_MRU_DEFAULT);
	CHECK_EQ(a.got.auth, 0);
	CHECK_EQ(b.his.auth, 0);
}

TEST(lcp_peers_starting_with_the_same_magic_converge_without_loopback)
{
	struct ppp_lcp_neg a, b;
	struct rnd ra, rb;

	lcp_setup(&a, &ra, 5);
	lcp_setup(&b, &rb, 5);	/* same generator: same magic sequence */
	CHECK_EQ(a.cur.magic, b.cur.magic);
	CHECK(lcp_negotiate(&a, &b) > 1);
	CHECK(a.got.magic != b.got.magic);
	CHECK_EQ(a.got.magic, b.his.magic);
	CHECK(!a.looped && !b.looped);
}

TEST(lcp_server_requiring_chap_authenticates_a_chap_client)
{
	struct ppp_lcp_neg srv, cli;
	struct rnd rs, rc;

	lcp_setup(&srv, &rs, 1);
	lcp_setup(&cli, &rc, 2);
	srv.require_auth = PPP_AUTH_CHAP_MD5;
	ppp_lcp_reset(&srv);
	cli.allow_auth = PPP_AUTH_CHAP_MD5;
	CHECK_EQ(lcp_negotiate(&srv, &cli), 1);
	CHECK_EQ(srv.got.auth, PPP_PROTO_CHAP);
	CHECK_EQ(cli.his.auth, PPP_PROTO_CHAP);
	CHECK_EQ(cli.got.auth, 0);
}

TEST(lcp_server_requiring_pap_authenticates_a_pap_client)
{
	struct ppp_lcp_neg srv, cli;
	struct rnd rs, rc;

	lcp_setup(&srv, &rs, 1);
	lcp_setup(&cli, &rc, 2);
	srv.require_auth = PPP_AUTH_PAP;
	ppp_lcp_reset(&srv);
	CHECK_EQ(lcp_negotiate(&srv, &cli), 1);
	CHECK_EQ(srv.got.auth, PPP_PROTO_PAP);
	CHECK_EQ(cli.his.auth, PPP_PROTO_PAP);
}

TEST(lcp_server_accepting_either_falls_back_to_pap_for_a_pap_only_client)
{
	struct ppp_lcp_neg srv, cli;
	struct rnd rs, rc;

	lcp_setup(&srv, &rs, 1);
	lcp_setup(&cli, &rc, 2);
	srv.require_auth = PPP_AUTH_PAP | PPP_AUTH_CHAP_MD5;
	ppp_lcp_reset(&srv);
	cli.allow_auth = PPP_AUTH_PAP;
	CHECK_EQ(lcp_negotiate(&srv, &cli), 2);
	CHECK_EQ(srv.got.auth, PPP_PROTO_PAP);
	CHECK_EQ(cli.his.auth, PPP_PROTO_PAP);
}

TEST(lcp_server_requiring_chap_ends_without_auth_against_a_pap_only_client)
{
	struct ppp_lcp_neg srv, cli;
	struct rnd rs, rc;

	lcp_setup(&srv, &rs, 1);
	lcp_setup(&cli, &rc, 2);
	srv.require_auth = PPP_AUTH_CHAP_MD5;
	ppp_lcp_reset(&srv);
	cli.allow_auth = PPP_AUTH_PAP;
	CHECK(lcp_negotiate(&srv, &cli) > 0);
	CHECK_EQ(srv.got.auth, 0);	/* the owner must fail the link */
}

TEST(lcp_client_without_secrets_rejects_auth_and_server_sees_none)
{
	struct ppp_lcp_neg srv, cli;
	struct rnd rs, rc;

	lcp_setup(&srv, &rs, 1);
	lcp_setup(&cli, &rc, 2);
	srv.require_auth = PPP_AUTH_CHAP_MD5;
	ppp_lcp_reset(&srv);
	cli.allow_auth = 0;
	CHECK_EQ(lcp_negotiate(&srv, &cli), 2);
	CHECK_EQ(srv.got.auth, 0);
	CHECK_EQ(cli.his.auth, 0);
}

TEST(lcp_different_asyncmaps_are_each_acked_as_asked)
{
	struct ppp_lcp_neg a, b;
	struct rnd ra, rb;

	lcp_setup(&a, &ra, 1);
	lcp_setup(&b, &rb, 2);
	a.want.accm = 0x000a0000;	/* XON/XOFF escaped */
	ppp_lcp_reset(&a);
	CHECK_EQ(lcp_negotiate(&a, &b), 1);
	CHECK_EQ(a.got.accm, 0x000a0000);
	CHECK_EQ(b.his.accm, 0x000a0000);
	CHECK_EQ(b.got.accm, 0);
	CHECK_EQ(a.his.accm, 0);
}

TEST(lcp_small_mru_is_naked_up_to_the_peers_minimum_and_converges)
{
	struct ppp_lcp_neg a, b;
	struct rnd ra, rb;

	lcp_setup(&a, &ra, 1);
	lcp_setup(&b, &rb, 2);
	a.want.mru = 296;
	ppp_lcp_reset(&a);
	b.mru_min = 1000;
	CHECK_EQ(lcp_negotiate(&a, &b), 2);
	CHECK_EQ(a.got.mru, 1000);
	CHECK_EQ(b.his.mru, 1000);
}

TEST(lcp_peer_refusing_pfc_acfc_and_magic_still_converges)
{
	struct ppp_lcp_neg a, b;
	struct rnd ra, rb;

	lcp_setup(&a, &ra, 1);
	lcp_setup(&b, &rb, 2);
	b.allow_pfc = b.allow_acfc = b.allow_magic = false;
	CHECK_EQ(lcp_negotiate(&a, &b), 2);
	CHECK(!a.got.neg_pfc && !a.got.neg_acfc && !a.got.neg_magic);
	CHECK(a.got.neg_accm);
	CHECK(!b.his.neg_pfc);
}

int main(void)
{
	RUN(lcp_request_with_defaults_is_accm_magic_pfc_acfc_without_mru);
	RUN(lcp_request_lists_all_options_in_rfc_order);
	RUN(lcp_request_prefers_chap_md5_when_both_required);
	RUN(lcp_request_pap_required_sends_pap_option);
	RUN(lcp_request_sends_mru_only_when_not_1500);
	RUN(lcp_reset_never_picks_zero_magic_and_clears_state);
	RUN(lcp_reset_survives_a_generator_stuck_at_zero);
	RUN(lcp_build_req_writes_only_whole_options_into_a_small_buffer);
	RUN(lcp_ack_matching_our_request_sets_got);
	RUN(lcp_ack_differing_from_our_request_is_invalid);
	RUN(lcp_nak_mru_up_to_1500_is_adopted);
	RUN(lcp_nak_mru_above_what_we_can_take_stops_sending_mru);
	RUN(lcp_nak_mru_below_128_stops_sending_mru);
	RUN(lcp_nak_mru_above_1500_is_adopted_when_we_want_more);
	RUN(lcp_nak_suggesting_smaller_mru_when_silent_at_1500_starts_sending_it);
	RUN(lcp_nak_accm_takes_the_union);
	RUN(lcp_nak_chap_with_pap_switches_to_pap_when_pap_is_acceptable);
	RUN(lcp_nak_chap_with_pap_drops_auth_when_only_chap_is_required);
	RUN(lcp_nak_pap_with_chap_switches_when_chap_is_acceptable);
	RUN(lcp_nak_auth_with_unknown_protocol_steps_down_our_preferences);
	RUN(lcp_request_asks_for_the_strongest_required_method_first);
	RUN(lcp_nak_of_mschap_v2_steps_down_through_chap_variants_to_pap);
	RUN(lcp_req_for_mschap_is_acked_when_allowed_and_naked_with_ours_when_not);
	RUN(lcp_nak_of_our_auth_with_the_same_protocol_is_invalid);
	RUN(lcp_nak_suggesting_auth_we_did_not_request_is_ignored);
	RUN(lcp_nak_magic_picks_a_new_magic_and_counts_towards_loopback);
	RUN(lcp_nak_of_pfc_and_acfc_turns_them_off);
	RUN(lcp_last_nak_is_treated_as_reject);
	RUN(lcp_nak_ignores_unknown_options);
	RUN(lcp_malformed_nak_is_invalid_and_changes_nothing);
	RUN(lcp_reject_turns_off_each_rejected_option);
	RUN(lcp_reject_of_required_auth_leaves_got_auth_zero);
	RUN(lcp_reject_that_modifies_or_reorders_our_options_is_invalid);
	RUN(lcp_req_typical_pppd_request_is_acked_verbatim);
	RUN(lcp_req_empty_is_acked_with_defaults_in_his);
	RUN(lcp_req_mru_below_minimum_is_naked_with_the_minimum);
	RUN(lcp_req_large_mru_is_acked);
	RUN(lcp_req_options_with_wrong_length_are_rejected);
	RUN(lcp_req_auth_we_allow_is_acked);
	RUN(lcp_req_auth_we_do_not_allow_is_naked_with_one_we_do);
	RUN(lcp_req_auth_is_rejected_when_we_cannot_authenticate);
	RUN(lcp_req_magic_zero_is_naked_with_a_nonzero_magic);
	RUN(lcp_req_with_our_own_magic_is_naked_and_counted);
	RUN(lcp_req_with_a_different_magic_resets_the_loop_count);
	RUN(lcp_req_magic_pfc_acfc_are_rejected_when_not_allowed);
	RUN(lcp_req_quality_protocol_and_unknown_options_are_rejected);
	RUN(lcp_req_reject_beats_nak_and_lists_only_rejected_options);
	RUN(lcp_req_nak_lists_only_naked_options_in_order);
	RUN(lcp_req_no_nak_turns_naks_into_rejects);
	RUN(lcp_req_second_copy_of_an_option_is_rejected);
	RUN(lcp_req_malformed_list_is_invalid_and_changes_nothing);
	RUN(lcp_req_reply_that_does_not_fit_is_refused_without_overflow);
	RUN(lcp_looped_back_line_is_detected_within_the_limit);
	RUN(lcp_single_magic_collision_does_not_report_loopback);
	RUN(lcp_two_default_peers_agree_in_one_round);
	RUN(lcp_peers_starting_with_the_same_magic_converge_without_loopback);
	RUN(lcp_server_requiring_chap_authenticates_a_chap_client);
	RUN(lcp_server_requiring_pap_authenticates_a_pap_client);
	RUN(lcp_server_accepting_either_falls_back_to_pap_for_a_pap_only_client);
	RUN(lcp_server_requiring_chap_ends_without_auth_against_a_pap_only_client);
	RUN(lcp_client_without_secrets_rejects_auth_and_server_sees_none);
	RUN(lcp_different_asyncmaps_are_each_acked_as_asked);
	RUN(lcp_small_mru_is_naked_up_to_the_peers_minimum_and_converges);
	RUN(lcp_peer_refusing_pfc_acfc_and_magic_still_converges);
	return test_summary();
}
