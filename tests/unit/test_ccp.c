// SPDX-License-Identifier: GPL-2.0
/* CCP option negotiation (libppp/ccp.c): requests, replies, Naks, Rejects. */
#include "libppp/ccp.h"
#include "libppp/ppp.h"
#include "test.h"

static void setup(struct ppp_ccp_neg *n)
{
	memset(n, 0, sizeof(*n));
	n->allow = PPP_CCP_MPPE | PPP_CCP_DEFLATE | PPP_CCP_DEFLATE_DRAFT | PPP_CCP_BSD |
		   PPP_CCP_PRED1;
	n->mppe_keys = PPP_MPPE_OPT_S | PPP_MPPE_OPT_L;
	n->deflate_rx = n->deflate_tx = 15;
	n->bsd_rx = n->bsd_tx = 15;
	ppp_ccp_reset(n);
}

static int req(struct ppp_ccp_neg *n, const uint8_t *p, size_t len, uint8_t *out, size_t *ol)
{
	return ppp_ccp_recv_req(n, p, len, out, 64, ol, false);
}

TEST(request_lists_every_method_in_preference_order_with_pppd_encodings)
{
	struct ppp_ccp_neg n;
	uint8_t buf[64];
	static const uint8_t want[] = {
		18, 6, 0x01, 0, 0, 0x60,	/* MPPE: stateless, 128 and 40 bits */
		26, 4, 0x78, 0x00,		/* Deflate, window 15 */
		24, 4, 0x78, 0x00,		/* the draft's Deflate */
		21, 3, 0x2f,			/* BSD-Compress v1, 15 bits */
		1, 2,				/* Predictor-1 */
	};

	setup(&n);
	CHECK_EQ(ppp_ccp_build_req(&n, buf, sizeof(buf)), sizeof(want));
	CHECK_MEM(buf, want, sizeof(want));
	/* require-mppe: nothing else is asked for. */
	n.mppe_required = true;
	ppp_ccp_reset(&n);
	CHECK_EQ(ppp_ccp_build_req(&n, buf, sizeof(buf)), 6);
	/* A short buffer gets whole options only. */
	n.mppe_required = false;
	ppp_ccp_reset(&n);
	CHECK_EQ(ppp_ccp_build_req(&n, buf, 13), 10);
}

TEST(ack_of_our_request_sets_got_and_the_method_is_the_most_preferred)
{
	struct ppp_ccp_neg n;
	uint8_t buf[64];
	size_t len;

	setup(&n);
	len = ppp_ccp_build_req(&n, buf, sizeof(buf));
	CHECK_EQ(ppp_ccp_recv_ack(&n, buf, len), 0);
	CHECK_EQ(ppp_ccp_method(&n.got), PPP_CCP_MPPE);
	buf[5] ^= 0x40;
	CHECK_EQ(ppp_ccp_recv_ack(&n, buf, len), -EINVAL);
}

TEST(reject_removes_methods_and_nak_adopts_acceptable_suggestions)
{
	struct ppp_ccp_neg n;
	static const uint8_t rej_mppe[] = { 18, 6, 0x01, 0, 0, 0x60 };
	static const uint8_t nak_deflate12[] = { 26, 4, 0x48, 0x00 };
	static const uint8_t nak_deflate8[] = { 26, 4, 0x08, 0x00 };
	static const uint8_t nak_bsd12[] = { 21, 3, 0x2c };
	static const uint8_t nak_mppe_stateful[] = { 18, 6, 0, 0, 0, 0x40 };
	static const uint8_t nak_mppe_40[] = { 18, 6, 0x01, 0, 0, 0x20 };

	setup(&n);
	CHECK_EQ(ppp_ccp_recv_rej(&n, rej_mppe, sizeof(rej_mppe)), 0);
	CHECK(!(n.cur.methods & PPP_CCP_MPPE));
	CHECK_EQ(ppp_ccp_recv_nak(&n, nak_deflate12, sizeof(nak_deflate12)), 0);
	CHECK_EQ(n.cur.deflate_window, 12);
	CHECK_EQ(ppp_ccp_recv_nak(&n, nak_bsd12, sizeof(nak_bsd12)), 0);
	CHECK_EQ(n.cur.bsd_bits, 12);
	/* Below zlib's safe minimum: Deflate is dropped, not shrunk. */
	CHECK_EQ(ppp_ccp_recv_nak(&n, nak_deflate8, sizeof(nak_deflate8)), 0);
	CHECK(!(n.cur.methods & PPP_CCP_DEFLATE));

	setup(&n);
	/* Stateful MPPE without mppe-stateful: MPPE is dropped. */
	CHECK_EQ(ppp_ccp_recv_nak(&n, nak_mppe_stateful, sizeof(nak_mppe_stateful)), 0);
	CHECK(!(n.cur.methods & PPP_CCP_MPPE));
	setup(&n);
	CHECK_EQ(ppp_ccp_recv_nak(&n, nak_mppe_40, sizeof(nak_mppe_40)), 0);
	CHECK_EQ(n.cur.mppe, PPP_MPPE_OPT_H | PPP_MPPE_OPT_L);
	CHECK_EQ(ppp_mppe_key_bits(n.cur.mppe), 40);
}

TEST(peer_request_gets_one_method_acked_the_first_acceptable)
{
	struct ppp_ccp_neg n;
	uint8_t out[64];
	size_t ol;
	static const uint8_t deflate_bsd[] = { 26, 4, 0x78, 0x00, 21, 3, 0x2f };
	static const uint8_t deflate[] = { 26, 4, 0x78, 0x00 };
	static const uint8_t unknown_pred1[] = { 17, 5, 0, 1, 3, 1, 2 };

	setup(&n);
	CHECK_EQ(req(&n, deflate_bsd, sizeof(deflate_bsd), out, &ol), PPP_CONFREJ);
	CHECK_EQ(ol, 3);
	CHECK_EQ(out[0], 21);
	CHECK_EQ(req(&n, deflate, sizeof(deflate), out, &ol), PPP_CONFACK);
	CHECK_EQ(ppp_ccp_method(&n.his), PPP_CCP_DEFLATE);
	CHECK_EQ(n.his.deflate_window, 15);
	/* Stac LZS (17) is unknown: rejected; Predictor-1 acked after it. */
	CHECK_EQ(req(&n, unknown_pred1, sizeof(unknown_pred1), out, &ol), PPP_CONFREJ);
	CHECK_EQ(ol, 5);
	CHECK_EQ(req(&n, unknown_pred1 + 5, 2, out, &ol), PPP_CONFACK);
	CHECK_EQ(ppp_ccp_method(&n.his), PPP_CCP_PRED1);
}

TEST(peer_mppe_request_is_naked_to_one_key_length_and_stateless)
{
	struct ppp_ccp_neg n;
	uint8_t out[64];
	size_t ol;
	static const uint8_t both_stateful[] = { 18, 6, 0, 0, 0, 0x60 };
	static const uint8_t want[] = { 18, 6, 0x01, 0, 0, 0x40 };
	static const uint8_t only56[] = { 18, 6, 0x01, 0, 0, 0x80 };
	static const uint8_t mppc[] = { 18, 6, 0x01, 0, 0, 0x41 };

	setup(&n);
	CHECK_EQ(req(&n, both_stateful, sizeof(both_stateful), out, &ol), PPP_CONFNAK);
	CHECK_EQ(ol, sizeof(want));
	CHECK_MEM(out, want, sizeof(want));
	CHECK_EQ(req(&n, want, sizeof(want), out, &ol), PPP_CONFACK);
	CHECK_EQ(ppp_ccp_method(&n.his), PPP_CCP_MPPE);
	CHECK_EQ(ppp_mppe_key_bits(n.his.mppe), 128);
	/* A key length we do not accept: our strongest instead. */
	CHECK_EQ(req(&n, only56, sizeof(only56), out, &ol), PPP_CONFNAK);
	CHECK_MEM(out, want, sizeof(want));
	/* MPPC is not offered. */
	CHECK_EQ(req(&n, mppc, sizeof(mppc), out, &ol), PPP_CONFNAK);
	CHECK_MEM(out, want, sizeof(want));
	/* mppe-stateful: a stateful request is fine. */
	n.mppe_stateful = true;
	CHECK_EQ(req(&n, both_stateful, sizeof(both_stateful), out, &ol), PPP_CONFNAK);
	CHECK_EQ(out[2], 0);
	CHECK_EQ(out[5], 0x40);
	/* max-failure reached: a Reject instead of the Nak. */
	CHECK_EQ(ppp_ccp_recv_req(&n, only56, sizeof(only56), out, 64, &ol, true), PPP_CONFREJ);
	CHECK_MEM(out, only56, sizeof(only56));
}

TEST(require_mppe_rejects_every_other_method)
{
	struct ppp_ccp_neg n;
	uint8_t out[64];
	size_t ol;
	static const uint8_t deflate_mppe[] = { 26, 4, 0x78, 0x00, 18, 6, 0x01, 0, 0, 0x40 };

	setup(&n);
	n.mppe_required = true;
	ppp_ccp_reset(&n);
	CHECK_EQ(req(&n, deflate_mppe, sizeof(deflate_mppe), out, &ol), PPP_CONFREJ);
	CHECK_EQ(ol, 4);
	CHECK_EQ(req(&n, deflate_mppe + 4, 6, out, &ol), PPP_CONFACK);
	CHECK_EQ(ppp_ccp_method(&n.his), PPP_CCP_MPPE);
}

TEST(malformed_lists_and_options_are_refused)
{
	struct ppp_ccp_neg n;
	uint8_t out[64];
	size_t ol;
	static const uint8_t overrun[] = { 26, 9, 0x78 };
	static const uint8_t short_mppe[] = { 18, 4, 0, 0 };
	static const uint8_t bsd_v2[] = { 21, 3, 0x4f };
	static const uint8_t bsd_tiny[] = { 21, 3, 0x24 };

	setup(&n);
	CHECK_EQ(req(&n, overrun, sizeof(overrun), out, &ol), -EINVAL);
	CHECK_EQ(req(&n, short_mppe, sizeof(short_mppe), out, &ol), PPP_CONFREJ);
	CHECK_EQ(req(&n, bsd_v2, sizeof(bsd_v2), out, &ol), PPP_CONFREJ);
	CHECK_EQ(req(&n, bsd_tiny, sizeof(bsd_tiny), out, &ol), PPP_CONFREJ);
	CHECK_EQ(ppp_ccp_recv_nak(&n, overrun, sizeof(overrun)), -EINVAL);
}

int main(void)
{
	RUN(request_lists_every_method_in_preference_order_with_pppd_encodings);
	RUN(ack_of_our_request_sets_got_and_the_method_is_the_most_preferred);
	RUN(reject_removes_methods_and_nak_adopts_acceptable_suggestions);
	RUN(peer_request_gets_one_method_acked_the_first_acceptable);
	RUN(peer_mppe_request_is_naked_to_one_key_length_and_stateless);
	RUN(require_mppe_rejects_every_other_method);
	RUN(malformed_lists_and_options_are_refused);
	return test_summary();
}
