// SPDX-License-Identifier: GPL-2.0
/* IPCP option codec: addresses, RFC 1877 DNS/NBNS, and client/server runs. */
#include "test.h"
#include "libppp/ipcp.h"
#include "libppp/ppp.h"

#define IP(a, b, c, d) ((uint32_t)(a) << 24 | (b) << 16 | (c) << 8 | (d))

static void ipcp_setup(struct ppp_ipcp_neg *n, uint32_t local, uint32_t remote)
{
	memset(n, 0, sizeof(*n));
	n->local = local;
	n->remote = remote;
	n->accept_local = local == 0;	/* as pppd's noipdefault implies */
	ppp_ipcp_reset(n);
}

static int req(struct ppp_ipcp_neg *n, const uint8_t *p, size_t len,
	       uint8_t *out, size_t *outlen)
{
	return ppp_ipcp_recv_req(n, p, len, out, 256, outlen, false);
}

/* --- Our Configure-Request ---------------------------------------------- */

TEST(ipcp_request_of_a_configured_server_is_its_address)
{
	struct ppp_ipcp_neg n;
	uint8_t b[64];
	static const uint8_t want[] = { 3, 6, 10, 0, 0, 1 };

	ipcp_setup(&n, IP(10, 0, 0, 1), IP(10, 0, 0, 2));
	CHECK_EQ(ppp_ipcp_build_req(&n, b, sizeof(b)), sizeof(want));
	CHECK_MEM(b, want, sizeof(want));
}

TEST(ipcp_request_of_noipdefault_usepeerdns_client_asks_for_everything)
{
	struct ppp_ipcp_neg n;
	uint8_t b[64];
	static const uint8_t want[] = {
		3, 6, 0, 0, 0, 0, 129, 6, 0, 0, 0, 0, 131, 6, 0, 0, 0, 0,
	};

	memset(&n, 0, sizeof(n));
	n.req_dns = true;
	ppp_ipcp_reset(&n);
	CHECK_EQ(ppp_ipcp_build_req(&n, b, sizeof(b)), sizeof(want));
	CHECK_MEM(b, want, sizeof(want));
	CHECK(!n.cur.neg_nbns1 && !n.cur.neg_nbns2);
}

TEST(ipcp_build_req_writes_only_whole_options_into_a_small_buffer)
{
	struct ppp_ipcp_neg n;
	uint8_t b[32];

	memset(&n, 0, sizeof(n));
	n.req_dns = true;
	ppp_ipcp_reset(&n);
	memset(b, 0xee, sizeof(b));
	CHECK_EQ(ppp_ipcp_build_req(&n, b, 13), 12);
	CHECK_EQ(b[12], 0xee);
	CHECK_EQ(ppp_ipcp_build_req(&n, b, 5), 0);
}

TEST(ipcp_reset_clears_got_and_his)
{
	struct ppp_ipcp_neg n;

	ipcp_setup(&n, IP(10, 0, 0, 1), 0);
	n.got.addr = 1;
	n.his.addr = 2;
	n.cur.neg_addr = false;
	ppp_ipcp_reset(&n);
	CHECK_EQ(n.got.addr, 0);
	CHECK_EQ(n.his.addr, 0);
	CHECK(n.cur.neg_addr);
}

/* --- Ack / Nak / Reject of our request ---------------------------------- */

TEST(ipcp_ack_matching_our_request_sets_got)
{
	struct ppp_ipcp_neg n;
	uint8_t b[64];
	size_t l;

	ipcp_setup(&n, IP(192, 168, 1, 1), 0);
	l = ppp_ipcp_build_req(&n, b, sizeof(b));
	CHECK_EQ(ppp_ipcp_recv_ack(&n, b, l), 0);
	CHECK_EQ(n.got.addr, IP(192, 168, 1, 1));
}

TEST(ipcp_ack_differing_from_our_request_is_invalid)
{
	struct ppp_ipcp_neg n;
	static const uint8_t other[] = { 3, 6, 10, 0, 0, 9 };
	static const uint8_t extra[] = { 3, 6, 10, 0, 0, 1, 129, 6, 0, 0, 0, 0 };

	ipcp_setup(&n, IP(10, 0, 0, 1), 0);
	CHECK_EQ(ppp_ipcp_recv_ack(&n, other, sizeof(other)), -EINVAL);
	CHECK_EQ(ppp_ipcp_recv_ack(&n, extra, sizeof(extra)), -EINVAL);
	CHECK_EQ(ppp_ipcp_recv_ack(&n, NULL, 0), -EINVAL);
	CHECK_EQ(n.got.addr, 0);
}

TEST(ipcp_nak_gives_an_address_to_a_client_without_one)
{
	struct ppp_ipcp_neg n;
	static const uint8_t nak[] = { 3, 6, 10, 0, 0, 2 };

	memset(&n, 0, sizeof(n));
	ppp_ipcp_reset(&n);
	CHECK_EQ(ppp_ipcp_recv_nak(&n, nak, sizeof(nak), false), 0);
	CHECK_EQ(n.cur.addr, IP(10, 0, 0, 2));
}

TEST(ipcp_nak_does_not_move_a_configured_address_without_accept_local)
{
	struct ppp_ipcp_neg n;
	static const uint8_t nak[] = { 3, 6, 10, 0, 0, 2 };

	ipcp_setup(&n, IP(10, 0, 0, 5), 0);
	CHECK_EQ(ppp_ipcp_recv_nak(&n, nak, sizeof(nak), false), 0);
	CHECK_EQ(n.cur.addr, IP(10, 0, 0, 5));
	n.accept_local = true;
	CHECK_EQ(ppp_ipcp_recv_nak(&n, nak, sizeof(nak), false), 0);
	CHECK_EQ(n.cur.addr, IP(10, 0, 0, 2));
}

TEST(ipcp_nak_with_zero_address_is_ignored)
{
	struct ppp_ipcp_neg n;
	static const uint8_t nak[] = { 3, 6, 0, 0, 0, 0 };

	ipcp_setup(&n, IP(10, 0, 0, 5), 0);
	n.accept_local = true;
	CHECK_EQ(ppp_ipcp_recv_nak(&n, nak, sizeof(nak), false), 0);
	CHECK_EQ(n.cur.addr, IP(10, 0, 0, 5));
	CHECK(n.cur.neg_addr);
}

TEST(ipcp_nak_of_dns_hands_us_the_servers)
{
	struct ppp_ipcp_neg n;
	static const uint8_t nak[] = {
		129, 6, 8, 8, 8, 8, 131, 6, 1, 1, 1, 1,
	};

	memset(&n, 0, sizeof(n));
	n.req_dns = true;
	ppp_ipcp_reset(&n);
	CHECK_EQ(ppp_ipcp_recv_nak(&n, nak, sizeof(nak), false), 0);
	CHECK_EQ(n.cur.dns1, IP(8, 8, 8, 8));
	CHECK_EQ(n.cur.dns2, IP(1, 1, 1, 1));
	CHECK_EQ(n.cur.addr, 0);
}

TEST(ipcp_nak_of_dns_with_zero_stops_asking)
{
	struct ppp_ipcp_neg n;
	static const uint8_t nak[] = { 131, 6, 0, 0, 0, 0 };

	memset(&n, 0, sizeof(n));
	n.req_dns = true;
	ppp_ipcp_reset(&n);
	CHECK_EQ(ppp_ipcp_recv_nak(&n, nak, sizeof(nak), false), 0);
	CHECK(n.cur.neg_dns1);
	CHECK(!n.cur.neg_dns2);
}

TEST(ipcp_nak_of_options_we_did_not_send_is_ignored)
{
	struct ppp_ipcp_neg n;
	struct ppp_ipcp_opts before;
	static const uint8_t nak[] = {
		129, 6, 8, 8, 8, 8, 130, 6, 1, 2, 3, 4, 2, 6, 0, 0x2d, 15, 1,
		200, 2,
	};

	ipcp_setup(&n, IP(10, 0, 0, 1), 0);
	before = n.cur;
	CHECK_EQ(ppp_ipcp_recv_nak(&n, nak, sizeof(nak), false), 0);
	CHECK_MEM(&n.cur, &before, sizeof(before));
}

TEST(ipcp_last_nak_is_treated_as_reject)
{
	struct ppp_ipcp_neg n;
	uint8_t b[64];
	static const uint8_t nak[] = {
		3, 6, 10, 0, 0, 2, 129, 6, 8, 8, 8, 8,
	};

	memset(&n, 0, sizeof(n));
	n.req_dns = true;
	ppp_ipcp_reset(&n);
	CHECK_EQ(ppp_ipcp_recv_nak(&n, nak, sizeof(nak), true), 0);
	CHECK(!n.cur.neg_addr);
	CHECK(!n.cur.neg_dns1);
	CHECK_EQ(n.cur.dns1, 0);
	CHECK(n.cur.neg_dns2);
	CHECK_EQ(ppp_ipcp_build_req(&n, b, sizeof(b)), 6);
	CHECK_EQ(b[0], 131);
}

TEST(ipcp_malformed_nak_is_invalid_and_changes_nothing)
{
	struct ppp_ipcp_neg n;
	struct ppp_ipcp_opts before;
	static const uint8_t short_addr[] = { 3, 4, 10, 0 };
	static const uint8_t long_dns[] = { 129, 7, 8, 8, 8, 8, 0 };
	static const uint8_t overrun[] = { 129, 6, 8, 8, 8, 8, 3, 6, 10 };
	static const uint8_t zero_len[] = { 200, 0 };
	static const uint8_t twice[] = { 3, 6, 10, 0, 0, 2, 3, 6, 10, 0, 0, 3 };

	memset(&n, 0, sizeof(n));
	n.req_dns = true;
	ppp_ipcp_reset(&n);
	before = n.cur;
	CHECK_EQ(ppp_ipcp_recv_nak(&n, short_addr, sizeof(short_addr), false), -EINVAL);
	CHECK_EQ(ppp_ipcp_recv_nak(&n, long_dns, sizeof(long_dns), false), -EINVAL);
	CHECK_EQ(ppp_ipcp_recv_nak(&n, overrun, sizeof(overrun), false), -EINVAL);
	CHECK_EQ(ppp_ipcp_recv_nak(&n, zero_len, sizeof(zero_len), false), -EINVAL);
	CHECK_EQ(ppp_ipcp_recv_nak(&n, twice, sizeof(twice), false), -EINVAL);
	CHECK_MEM(&n.cur, &before, sizeof(before));
}

TEST(ipcp_reject_of_dns_stops_asking_for_it)
{
	struct ppp_ipcp_neg n;
	uint8_t b[64];
	static const uint8_t rej[] = { 129, 6, 0, 0, 0, 0, 131, 6, 0, 0, 0, 0 };
	size_t l;

	memset(&n, 0, sizeof(n));
	n.req_dns = true;
	ppp_ipcp_reset(&n);
	CHECK_EQ(ppp_ipcp_recv_rej(&n, rej, sizeof(rej)), 0);
	CHECK(!n.cur.neg_dns1 && !n.cur.neg_dns2);
	l = ppp_ipcp_build_req(&n, b, sizeof(b));
	CHECK_EQ(l, 6);
	CHECK_EQ(ppp_ipcp_recv_ack(&n, b, l), 0);
	CHECK_EQ(n.got.dns1, 0);
}

TEST(ipcp_reject_of_our_address_keeps_a_configured_one)
{
	struct ppp_ipcp_neg n;
	static const uint8_t rej[] = { 3, 6, 10, 0, 0, 1 };

	ipcp_setup(&n, IP(10, 0, 0, 1), 0);
	CHECK_EQ(ppp_ipcp_recv_rej(&n, rej, sizeof(rej)), 0);
	CHECK(!n.cur.neg_addr);
	CHECK_EQ(ppp_ipcp_recv_ack(&n, NULL, 0), 0);
	CHECK_EQ(n.got.addr, IP(10, 0, 0, 1));
}

TEST(ipcp_reject_of_address_leaves_an_unconfigured_client_without_one)
{
	struct ppp_ipcp_neg n;
	static const uint8_t rej[] = { 3, 6, 0, 0, 0, 0 };

	memset(&n, 0, sizeof(n));
	ppp_ipcp_reset(&n);
	CHECK_EQ(ppp_ipcp_recv_rej(&n, rej, sizeof(rej)), 0);
	CHECK_EQ(ppp_ipcp_recv_ack(&n, NULL, 0), 0);
	CHECK_EQ(n.got.addr, 0);	/* the owner fails IPCP */
}

TEST(ipcp_reject_that_modifies_or_reorders_our_options_is_invalid)
{
	struct ppp_ipcp_neg n;
	struct ppp_ipcp_opts before;
	static const uint8_t changed[] = { 129, 6, 1, 0, 0, 0 };
	static const uint8_t reordered[] = { 131, 6, 0, 0, 0, 0, 3, 6, 0, 0, 0, 0 };
	static const uint8_t unsent[] = { 130, 6, 0, 0, 0, 0 };
	static const uint8_t malformed[] = { 3, 6, 0, 0 };

	memset(&n, 0, sizeof(n));
	n.req_dns = true;
	ppp_ipcp_reset(&n);
	before = n.cur;
	CHECK_EQ(ppp_ipcp_recv_rej(&n, changed, sizeof(changed)), -EINVAL);
	CHECK_EQ(ppp_ipcp_recv_rej(&n, reordered, sizeof(reordered)), -EINVAL);
	CHECK_EQ(ppp_ipcp_recv_rej(&n, unsent, sizeof(unsent)), -EINVAL);
	CHECK_EQ(ppp_ipcp_recv_rej(&n, malformed, sizeof(malformed)), -EINVAL);
	CHECK_MEM(&n.cur, &before, sizeof(before));
}

/* --- The peer's Configure-Request ---------------------------------------- */

TEST(ipcp_req_zero_address_is_naked_with_the_remote_address)
{
	struct ppp_ipcp_neg n;
	uint8_t out[256];
	size_t ol;
	static const uint8_t p[] = { 3, 6, 0, 0, 0, 0 };
	static const uint8_t want[] = { 3, 6, 10, 0, 0, 2 };

	ipcp_setup(&n, IP(10, 0, 0, 1), IP(10, 0, 0, 2));
	CHECK_EQ(req(&n, p, sizeof(p), out, &ol), PPP_CONFNAK);
	CHECK_EQ(ol, sizeof(want));
	CHECK_MEM(out, want, sizeof(want));
}

TEST(ipcp_req_zero_address_is_rejected_when_we_have_none_to_give)
{
	struct ppp_ipcp_neg n;
	uint8_t out[256];
	size_t ol;
	static const uint8_t p[] = { 3, 6, 0, 0, 0, 0 };

	ipcp_setup(&n, IP(10, 0, 0, 1), 0);
	CHECK_EQ(req(&n, p, sizeof(p), out, &ol), PPP_CONFREJ);
	CHECK_MEM(out, p, sizeof(p));
}

TEST(ipcp_req_other_address_is_naked_towards_remote_unless_accept_remote)
{
	struct ppp_ipcp_neg n;
	uint8_t out[256];
	size_t ol;
	static const uint8_t p[] = { 3, 6, 10, 0, 0, 9 };
	static const uint8_t want[] = { 3, 6, 10, 0, 0, 2 };

	ipcp_setup(&n, IP(10, 0, 0, 1), IP(10, 0, 0, 2));
	CHECK_EQ(req(&n, p, sizeof(p), out, &ol), PPP_CONFNAK);
	CHECK_MEM(out, want, sizeof(want));
	CHECK_EQ(n.his.addr, 0);
	n.accept_remote = true;
	CHECK_EQ(req(&n, p, sizeof(p), out, &ol), PPP_CONFACK);
	CHECK_EQ(n.his.addr, IP(10, 0, 0, 9));
}

TEST(ipcp_req_address_is_acked_when_it_matches_or_we_have_no_preference)
{
	struct ppp_ipcp_neg n;
	uint8_t out[256];
	size_t ol;
	static const uint8_t p[] = { 3, 6, 10, 0, 0, 2 };

	ipcp_setup(&n, IP(10, 0, 0, 1), IP(10, 0, 0, 2));
	CHECK_EQ(req(&n, p, sizeof(p), out, &ol), PPP_CONFACK);
	CHECK_EQ(ol, sizeof(p));
	CHECK_MEM(out, p, sizeof(p));
	CHECK(n.his.neg_addr);
	CHECK_EQ(n.his.addr, IP(10, 0, 0, 2));
	ipcp_setup(&n, IP(10, 0, 0, 1), 0);
	CHECK_EQ(req(&n, p, sizeof(p), out, &ol), PPP_CONFACK);
	CHECK_EQ(n.his.addr, IP(10, 0, 0, 2));
}

TEST(ipcp_req_without_address_is_acked_and_leaves_his_addr_zero)
{
	struct ppp_ipcp_neg n;
	uint8_t out[256];
	size_t ol;

	ipcp_setup(&n, IP(10, 0, 0, 1), IP(10, 0, 0, 2));
	CHECK_EQ(ppp_ipcp_recv_req(&n, NULL, 0, out, 0, &ol, false), PPP_CONFACK);
	CHECK_EQ(ol, 0);
	CHECK_EQ(n.his.addr, 0);
	CHECK(!n.his.neg_addr);
}

TEST(ipcp_req_dns_is_naked_with_ours_acked_when_equal_rejected_when_none)
{
	struct ppp_ipcp_neg n;
	uint8_t out[256];
	size_t ol;
	static const uint8_t ask[] = {
		3, 6, 10, 0, 0, 2, 129, 6, 0, 0, 0, 0, 131, 6, 0, 0, 0, 0,
	};
	static const uint8_t want[] = {
		129, 6, 8, 8, 8, 8, 131, 6, 8, 8, 4, 4,
	};
	static const uint8_t again[] = {
		3, 6, 10, 0, 0, 2, 129, 6, 8, 8, 8, 8, 131, 6, 8, 8, 4, 4,
	};

	ipcp_setup(&n, IP(10, 0, 0, 1), IP(10, 0, 0, 2));
	n.dns[0] = IP(8, 8, 8, 8);
	n.dns[1] = IP(8, 8, 4, 4);
	CHECK_EQ(req(&n, ask, sizeof(ask), out, &ol), PPP_CONFNAK);
	CHECK_EQ(ol, sizeof(want));
	CHECK_MEM(out, want, sizeof(want));
	CHECK_EQ(req(&n, again, sizeof(again), out, &ol), PPP_CONFACK);
	CHECK_EQ(n.his.dns1, IP(8, 8, 8, 8));
	CHECK_EQ(n.his.dns2, IP(8, 8, 4, 4));

	n.dns[1] = 0;
	CHECK_EQ(req(&n, again, sizeof(again), out, &ol), PPP_CONFREJ);
	CHECK_EQ(ol, 6);
	CHECK_MEM(out, again + 12, 6);
}

TEST(ipcp_req_nbns_follows_the_dns_rules)
{
	struct ppp_ipcp_neg n;
	uint8_t out[256];
	size_t ol;
	static const uint8_t ask[] = { 130, 6, 0, 0, 0, 0, 132, 6, 0, 0, 0, 0 };
	static const uint8_t want[] = { 130, 6, 10, 0, 0, 53 };

	ipcp_setup(&n, IP(10, 0, 0, 1), 0);
	n.nbns[0] = IP(10, 0, 0, 53);
	CHECK_EQ(req(&n, ask, sizeof(ask), out, &ol), PPP_CONFREJ);
	CHECK_EQ(ol, 6);
	CHECK_MEM(out, ask + 6, 6);
	CHECK_EQ(req(&n, ask, 6, out, &ol), PPP_CONFNAK);
	CHECK_MEM(out, want, sizeof(want));
	CHECK_EQ(req(&n, want, sizeof(want), out, &ol), PPP_CONFACK);
	CHECK_EQ(n.his.nbns1, IP(10, 0, 0, 53));
}

TEST(ipcp_req_vj_old_addresses_and_unknown_options_are_rejected)
{
	struct ppp_ipcp_neg n;
	uint8_t out[256];
	size_t ol;
	static const uint8_t p[] = {
		2, 6, 0x00, 0x2d, 0x0f, 0x01,			/* VJ */
		1, 10, 10, 0, 0, 2, 10, 0, 0, 1,		/* IP-Addresses */
		3, 6, 10, 0, 0, 2,
		4, 6, 255, 255, 255, 0,				/* Mobile/unknown */
	};

	ipcp_setup(&n, IP(10, 0, 0, 1), 0);
	CHECK_EQ(req(&n, p, sizeof(p), out, &ol), PPP_CONFREJ);
	CHECK_EQ(ol, sizeof(p) - 6);
	CHECK_MEM(out, p, 16);
	CHECK_MEM(out + 16, p + 22, 6);
}

TEST(ipcp_req_options_with_wrong_length_are_rejected)
{
	static const uint8_t cases[][8] = {
		{ 3, 4, 10, 0 },
		{ 3, 7, 10, 0, 0, 2, 0 },
		{ 129, 2 },
		{ 131, 8, 8, 8, 8, 8, 0, 0 },
		{ 130, 5, 1, 2, 3 },
	};
	struct ppp_ipcp_neg n;
	uint8_t out[256];
	size_t i, ol;

	ipcp_setup(&n, IP(10, 0, 0, 1), IP(10, 0, 0, 2));
	n.dns[0] = n.dns[1] = n.nbns[0] = IP(1, 1, 1, 1);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t l = cases[i][1];

		CHECK_EQ(req(&n, cases[i], l, out, &ol), PPP_CONFREJ);
		CHECK_EQ(ol, l);
		CHECK_MEM(out, cases[i], l);
	}
}

TEST(ipcp_req_second_copy_of_an_option_is_rejected)
{
	struct ppp_ipcp_neg n;
	uint8_t out[256];
	size_t ol;
	static const uint8_t p[] = { 3, 6, 10, 0, 0, 2, 131, 6, 0, 0, 0, 0,
				     3, 6, 10, 0, 0, 3 };

	ipcp_setup(&n, IP(10, 0, 0, 1), 0);
	n.dns[1] = IP(9, 9, 9, 9);
	CHECK_EQ(req(&n, p, sizeof(p), out, &ol), PPP_CONFREJ);
	CHECK_EQ(ol, 6);
	CHECK_MEM(out, p + 12, 6);
}

TEST(ipcp_req_no_nak_turns_naks_into_rejects)
{
	struct ppp_ipcp_neg n;
	uint8_t out[256];
	size_t ol;
	static const uint8_t p[] = { 3, 6, 0, 0, 0, 0, 129, 6, 0, 0, 0, 0 };

	ipcp_setup(&n, IP(10, 0, 0, 1), IP(10, 0, 0, 2));
	n.dns[0] = IP(8, 8, 8, 8);
	CHECK_EQ(ppp_ipcp_recv_req(&n, p, sizeof(p), out, sizeof(out), &ol, true),
		 PPP_CONFREJ);
	CHECK_EQ(ol, sizeof(p));
	CHECK_MEM(out, p, sizeof(p));
}

TEST(ipcp_req_malformed_list_is_invalid_and_keeps_his)
{
	struct ppp_ipcp_neg n;
	uint8_t out[256];
	size_t ol;
	static const uint8_t good[] = { 3, 6, 10, 0, 0, 2 };
	static const uint8_t overrun[] = { 3, 6, 10, 0, 0, 2, 129, 6, 0 };
	static const uint8_t zero_len[] = { 3, 0, 1, 2 };
	static const uint8_t one_byte[] = { 3 };

	ipcp_setup(&n, IP(10, 0, 0, 1), 0);
	CHECK_EQ(req(&n, good, sizeof(good), out, &ol), PPP_CONFACK);
	CHECK_EQ(req(&n, overrun, sizeof(overrun), out, &ol), -EINVAL);
	CHECK_EQ(req(&n, zero_len, sizeof(zero_len), out, &ol), -EINVAL);
	CHECK_EQ(req(&n, one_byte, sizeof(one_byte), out, &ol), -EINVAL);
	CHECK_EQ(n.his.addr, IP(10, 0, 0, 2));
}

TEST(ipcp_req_reply_that_does_not_fit_is_refused_without_overflow)
{
	struct ppp_ipcp_neg n;
	uint8_t out[16];
	size_t ol;
	static const uint8_t p[] = { 3, 6, 10, 0, 0, 2, 2, 6, 0, 0x2d, 15, 1 };

	ipcp_setup(&n, IP(10, 0, 0, 1), 0);
	memset(out, 0xee, sizeof(out));
	CHECK_EQ(ppp_ipcp_recv_req(&n, p, 6, out, 5, &ol, false), -ENOSPC);
	CHECK_EQ(ppp_ipcp_recv_req(&n, p, sizeof(p), out, 5, &ol, false), -ENOSPC);
	CHECK_EQ(out[5], 0xee);
	CHECK_EQ(ppp_ipcp_recv_req(&n, p, sizeof(p), out, 6, &ol, false), PPP_CONFREJ);
}

/* --- Two sides negotiating by hand ---------------------------------------- */

struct side {
	struct ppp_ipcp_neg *n;
	bool acked;
	unsigned int naks_sent, naks_got;
};

static int ipcp_step(struct side *a, struct side *b)
{
	uint8_t q[64], out[256];
	size_t l, ol;
	int code, rc;

	l = ppp_ipcp_build_req(a->n, q, sizeof(q));
	code = ppp_ipcp_recv_req(b->n, q, l, out, sizeof(out), &ol,
				 b->naks_sent >= 5);
	switch (code) {
	case PPP_CONFACK:
		CHECK_EQ(ol, l);
		CHECK_MEM(out, q, l);
		rc = ppp_ipcp_recv_ack(a->n, out, ol);
		a->acked = rc == 0;
		return rc;
	case PPP_CONFNAK:
		b->naks_sent++;
		return ppp_ipcp_recv_nak(a->n, out, ol, ++a->naks_got >= 5);
	case PPP_CONFREJ:
		return ppp_ipcp_recv_rej(a->n, out, ol);
	}
	return code;
}

static int ipcp_negotiate(struct ppp_ipcp_neg *x, struct ppp_ipcp_neg *y)
{
	struct side a = { .n = x }, b = { .n = y };
	int round;

	for (round = 1; round <= 20; round++) {
		if (!a.acked && ipcp_step(&a, &b))
			return -1;
		if (!b.acked && ipcp_step(&b, &a))
			return -1;
		if (a.acked && b.acked)
			return round;
	}
	return -1;
}

TEST(ipcp_server_assigns_address_and_dns_to_a_noipdefault_usepeerdns_client)
{
	struct ppp_ipcp_neg srv, cli;

	ipcp_setup(&srv, IP(10, 0, 0, 1), IP(10, 0, 0, 2));
	srv.dns[0] = IP(8, 8, 8, 8);
	srv.dns[1] = IP(1, 1, 1, 1);
	ipcp_setup(&cli, 0, 0);
	cli.req_dns = true;
	ppp_ipcp_reset(&cli);

	CHECK_EQ(ipcp_negotiate(&srv, &cli), 2);
	CHECK_EQ(cli.got.addr, IP(10, 0, 0, 2));
	CHECK_EQ(cli.got.dns1, IP(8, 8, 8, 8));
	CHECK_EQ(cli.got.dns2, IP(1, 1, 1, 1));
	CHECK_EQ(cli.his.addr, IP(10, 0, 0, 1));
	CHECK_EQ(srv.got.addr, IP(10, 0, 0, 1));
	CHECK_EQ(srv.his.addr, IP(10, 0, 0, 2));
	CHECK_EQ(srv.his.dns1, IP(8, 8, 8, 8));
}

TEST(ipcp_server_without_dns_rejects_it_and_client_still_gets_an_address)
{
	struct ppp_ipcp_neg srv, cli;

	ipcp_setup(&srv, IP(10, 0, 0, 1), IP(10, 0, 0, 2));
	ipcp_setup(&cli, 0, 0);
	cli.req_dns = true;
	ppp_ipcp_reset(&cli);

	CHECK(ipcp_negotiate(&srv, &cli) > 0);
	CHECK_EQ(cli.got.addr, IP(10, 0, 0, 2));
	CHECK(!cli.got.neg_dns1 && !cli.got.neg_dns2);
	CHECK_EQ(cli.got.dns1, 0);
}

TEST(ipcp_client_with_accept_local_moves_to_the_servers_choice)
{
	struct ppp_ipcp_neg srv, cli;

	ipcp_setup(&srv, IP(10, 0, 0, 1), IP(10, 0, 0, 2));
	ipcp_setup(&cli, IP(10, 0, 0, 77), 0);
	cli.accept_local = true;
	CHECK_EQ(ipcp_negotiate(&srv, &cli), 2);
	CHECK_EQ(cli.got.addr, IP(10, 0, 0, 2));
	CHECK_EQ(srv.his.addr, IP(10, 0, 0, 2));
}

TEST(ipcp_client_insisting_on_another_address_never_gets_it_acked)
{
	struct ppp_ipcp_neg srv, cli;

	ipcp_setup(&srv, IP(10, 0, 0, 1), IP(10, 0, 0, 2));
	ipcp_setup(&cli, IP(10, 0, 0, 77), 0);
	ipcp_negotiate(&srv, &cli);
	CHECK(srv.his.addr != IP(10, 0, 0, 77));
}

TEST(ipcp_two_configured_peers_agree_in_one_round)
{
	struct ppp_ipcp_neg a, b;

	ipcp_setup(&a, IP(172, 16, 0, 1), IP(172, 16, 0, 2));
	ipcp_setup(&b, IP(172, 16, 0, 2), IP(172, 16, 0, 1));
	CHECK_EQ(ipcp_negotiate(&a, &b), 1);
	CHECK_EQ(a.his.addr, b.got.addr);
	CHECK_EQ(b.his.addr, a.got.addr);
}

/* --- VJ compression (RFC 1332 section 4) ------------------------------- */

static void vj_setup(struct ppp_ipcp_neg *n, unsigned int slots, bool cid)
{
	ipcp_setup(n, IP(10, 0, 0, 1), IP(10, 0, 0, 2));
	n->vj = true;
	n->vj_max_slot = (uint8_t)(slots - 1);
	n->vj_cid = cid;
	ppp_ipcp_reset(n);
}

TEST(ipcp_request_puts_vj_first_with_max_slot_id_and_comp_slot_id)
{
	struct ppp_ipcp_neg n;
	uint8_t b[64];
	static const uint8_t want[] = { 2, 6, 0x00, 0x2d, 15, 1, 3, 6, 10, 0, 0, 1 };

	vj_setup(&n, 16, true);
	CHECK_EQ(ppp_ipcp_build_req(&n, b, sizeof(b)), sizeof(want));
	CHECK_MEM(b, want, sizeof(want));
	CHECK_EQ(ppp_ipcp_recv_ack(&n, want, sizeof(want)), 0);
	CHECK(n.got.neg_vj && n.got.vj_cid);
	CHECK_EQ(n.got.vj_max_slot, 15);
}

TEST(ipcp_nak_of_vj_lowers_slots_and_drops_slot_id_compression_never_raises)
{
	struct ppp_ipcp_neg n;
	uint8_t b[64];
	static const uint8_t fewer[] = { 2, 6, 0x00, 0x2d, 3, 0 };
	static const uint8_t more[] = { 2, 6, 0x00, 0x2d, 200, 1 };
	static const uint8_t want[] = { 2, 6, 0x00, 0x2d, 3, 0, 3, 6, 10, 0, 0, 1 };

	vj_setup(&n, 8, true);
	CHECK_EQ(ppp_ipcp_recv_nak(&n, more, sizeof(more), false), 0);
	CHECK_EQ(n.cur.vj_max_slot, 7);
	CHECK(n.cur.vj_cid);
	CHECK_EQ(ppp_ipcp_recv_nak(&n, fewer, sizeof(fewer), false), 0);
	CHECK_EQ(ppp_ipcp_build_req(&n, b, sizeof(b)), sizeof(want));
	CHECK_MEM(b, want, sizeof(want));
}

TEST(ipcp_nak_of_vj_with_old_0037_or_short_form_or_last_nak_stops_asking)
{
	static const uint8_t old[] = { 2, 6, 0x00, 0x37, 15, 1 };
	static const uint8_t shrt[] = { 2, 4, 0x00, 0x2d };
	static const uint8_t good[] = { 2, 6, 0x00, 0x2d, 3, 1 };
	struct ppp_ipcp_neg n;

	vj_setup(&n, 16, true);
	CHECK_EQ(ppp_ipcp_recv_nak(&n, old, sizeof(old), false), 0);
	CHECK(!n.cur.neg_vj);
	vj_setup(&n, 16, true);
	CHECK_EQ(ppp_ipcp_recv_nak(&n, shrt, sizeof(shrt), false), 0);
	CHECK(!n.cur.neg_vj);
	vj_setup(&n, 16, true);
	CHECK_EQ(ppp_ipcp_recv_nak(&n, good, sizeof(good), true), 0);
	CHECK(!n.cur.neg_vj);
}

TEST(ipcp_nak_suggesting_vj_we_did_not_ask_for_turns_nothing_on)
{
	static const uint8_t good[] = { 2, 6, 0x00, 0x2d, 3, 1 };
	struct ppp_ipcp_neg n;

	ipcp_setup(&n, IP(10, 0, 0, 1), IP(10, 0, 0, 2));
	CHECK_EQ(ppp_ipcp_recv_nak(&n, good, sizeof(good), false), 0);
	CHECK(!n.cur.neg_vj);
}

TEST(ipcp_malformed_or_duplicate_vj_nak_is_invalid_and_changes_nothing)
{
	static const uint8_t odd[] = { 2, 5, 0x00, 0x2d, 3 };
	static const uint8_t twice[] = { 2, 6, 0x00, 0x2d, 3, 0, 2, 6, 0x00, 0x2d, 3, 0 };
	struct ppp_ipcp_neg n;

	vj_setup(&n, 16, true);
	CHECK_EQ(ppp_ipcp_recv_nak(&n, odd, sizeof(odd), false), -EINVAL);
	CHECK_EQ(ppp_ipcp_recv_nak(&n, twice, sizeof(twice), false), -EINVAL);
	CHECK(n.cur.neg_vj && n.cur.vj_cid);
	CHECK_EQ(n.cur.vj_max_slot, 15);
}

TEST(ipcp_reject_of_vj_stops_asking_for_it)
{
	static const uint8_t rej[] = { 2, 6, 0x00, 0x2d, 15, 1 };
	static const uint8_t want[] = { 3, 6, 10, 0, 0, 1 };
	struct ppp_ipcp_neg n;
	uint8_t b[64];

	vj_setup(&n, 16, true);
	CHECK_EQ(ppp_ipcp_recv_rej(&n, rej, sizeof(rej)), 0);
	CHECK(!n.cur.neg_vj);
	CHECK_EQ(ppp_ipcp_build_req(&n, b, sizeof(b)), sizeof(want));
	CHECK_MEM(b, want, sizeof(want));
}

TEST(ipcp_req_vj_within_our_limits_is_acked_as_what_we_send_with)
{
	static const uint8_t p[] = { 2, 6, 0x00, 0x2d, 3, 1, 3, 6, 10, 0, 0, 2 };
	struct ppp_ipcp_neg n;
	uint8_t out[256];
	size_t ol;

	vj_setup(&n, 16, true);
	CHECK_EQ(req(&n, p, sizeof(p), out, &ol), PPP_CONFACK);
	CHECK_MEM(out, p, sizeof(p));
	CHECK(n.his.neg_vj && n.his.vj_cid);
	CHECK_EQ(n.his.vj_max_slot, 3);
}

TEST(ipcp_req_vj_with_more_slots_or_slot_id_compression_under_novjccomp_is_naked)
{
	static const uint8_t many[] = { 2, 6, 0x00, 0x2d, 255, 1 };
	static const uint8_t many_nak[] = { 2, 6, 0x00, 0x2d, 3, 1 };
	static const uint8_t cid[] = { 2, 6, 0x00, 0x2d, 2, 1 };
	static const uint8_t cid_nak[] = { 2, 6, 0x00, 0x2d, 2, 0 };
	struct ppp_ipcp_neg n;
	uint8_t out[256];
	size_t ol;

	vj_setup(&n, 4, true);
	CHECK_EQ(req(&n, many, sizeof(many), out, &ol), PPP_CONFNAK);
	CHECK_EQ(ol, sizeof(many_nak));
	CHECK_MEM(out, many_nak, sizeof(many_nak));
	CHECK(!n.his.neg_vj);
	vj_setup(&n, 4, false);
	CHECK_EQ(req(&n, cid, sizeof(cid), out, &ol), PPP_CONFNAK);
	CHECK_MEM(out, cid_nak, sizeof(cid_nak));
	CHECK_EQ(req(&n, cid_nak, sizeof(cid_nak), out, &ol), PPP_CONFACK);
	CHECK(n.his.neg_vj && !n.his.vj_cid);
	CHECK_EQ(ppp_ipcp_recv_req(&n, many, sizeof(many), out, sizeof(out), &ol, true),
		 PPP_CONFREJ);
}

TEST(ipcp_req_vj_0037_short_form_or_under_novj_is_rejected)
{
	static const uint8_t old[] = { 2, 6, 0x00, 0x37, 15, 1 };
	static const uint8_t old4[] = { 2, 4, 0x00, 0x37 };
	static const uint8_t shrt[] = { 2, 4, 0x00, 0x2d };
	static const uint8_t good[] = { 2, 6, 0x00, 0x2d, 15, 1 };
	struct ppp_ipcp_neg n;
	uint8_t out[256];
	size_t ol;

	vj_setup(&n, 16, true);
	CHECK_EQ(req(&n, old, sizeof(old), out, &ol), PPP_CONFREJ);
	CHECK_MEM(out, old, sizeof(old));
	CHECK_EQ(req(&n, old4, sizeof(old4), out, &ol), PPP_CONFREJ);
	CHECK_EQ(req(&n, shrt, sizeof(shrt), out, &ol), PPP_CONFREJ);
	n.vj = false;
	CHECK_EQ(req(&n, good, sizeof(good), out, &ol), PPP_CONFREJ);
	CHECK(!n.his.neg_vj);
}

TEST(ipcp_vj_each_direction_is_negotiated_on_its_own)
{
	struct ppp_ipcp_neg a, b;

	vj_setup(&a, 16, true);
	vj_setup(&b, 4, false);
	b.local = IP(10, 0, 0, 2);
	b.remote = IP(10, 0, 0, 1);
	ppp_ipcp_reset(&b);
	CHECK(ipcp_negotiate(&a, &b) > 0);
	/* b receives with 4 slots and no slot-id compression: a sends so. */
	CHECK(a.his.neg_vj && b.got.neg_vj);
	CHECK_EQ(a.his.vj_max_slot, 3);
	CHECK(!a.his.vj_cid && !b.got.vj_cid);
	/* a's 16-slot request is more than b's limit: naked down to 4. */
	CHECK(a.got.neg_vj && b.his.neg_vj);
	CHECK_EQ(a.got.vj_max_slot, 3);
	CHECK_EQ(b.his.vj_max_slot, 3);
	CHECK(!b.his.vj_cid);

	vj_setup(&a, 16, true);
	ipcp_setup(&b, IP(10, 0, 0, 2), IP(10, 0, 0, 1));	/* novj */
	CHECK(ipcp_negotiate(&a, &b) > 0);
	CHECK(!a.got.neg_vj && !a.his.neg_vj && !b.got.neg_vj && !b.his.neg_vj);
}

/* --- Addresses no endpoint may have (pppd's bad_ip_adrs, plus 0/8) ------- */

TEST(ipv4_addr_unusable_refuses_zero_net_loopback_multicast_class_e_broadcast)
{
	static const struct {
		uint32_t addr;
		const char *why;	/* a word of the reason; NULL = usable */
	} v[] = {
		{ IP(0, 0, 0, 1), "0.0.0.0/8" },
		{ IP(0, 255, 255, 255), "0.0.0.0/8" },
		{ IP(127, 0, 0, 1), "loopback" },
		{ IP(127, 255, 255, 254), "loopback" },
		{ IP(224, 0, 0, 5), "multicast" },
		{ IP(239, 255, 255, 255), "multicast" },
		{ IP(240, 0, 0, 1), "class E" },
		{ IP(254, 1, 2, 3), "class E" },
		{ IP(255, 255, 255, 254), "class E" },
		{ IP(255, 255, 255, 255), "broadcast" },
		{ IP(1, 0, 0, 0), NULL },
		{ IP(10, 77, 0, 2), NULL },
		{ IP(126, 255, 255, 255), NULL },
		{ IP(128, 0, 0, 1), NULL },
		{ IP(169, 254, 1, 1), NULL },
		{ IP(192, 168, 1, 255), NULL },
		{ IP(223, 255, 255, 255), NULL },
	};
	size_t i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		const char *why = ppp_ipv4_addr_unusable(v[i].addr);

		if (v[i].why ? !why || !strstr(why, v[i].why) : why != NULL) {
			fprintf(stderr, "  %u.%u.%u.%u: got \"%s\", want \"%s\"\n",
				v[i].addr >> 24, v[i].addr >> 16 & 255, v[i].addr >> 8 & 255,
				v[i].addr & 255, why ? why : "(usable)",
				v[i].why ? v[i].why : "(usable)");
			test_cur_failed = 1;
		}
	}
}

int main(void)
{
	RUN(ipcp_request_of_a_configured_server_is_its_address);
	RUN(ipcp_request_of_noipdefault_usepeerdns_client_asks_for_everything);
	RUN(ipcp_build_req_writes_only_whole_options_into_a_small_buffer);
	RUN(ipcp_reset_clears_got_and_his);
	RUN(ipcp_ack_matching_our_request_sets_got);
	RUN(ipcp_ack_differing_from_our_request_is_invalid);
	RUN(ipcp_nak_gives_an_address_to_a_client_without_one);
	RUN(ipcp_nak_does_not_move_a_configured_address_without_accept_local);
	RUN(ipcp_nak_with_zero_address_is_ignored);
	RUN(ipcp_nak_of_dns_hands_us_the_servers);
	RUN(ipcp_nak_of_dns_with_zero_stops_asking);
	RUN(ipcp_nak_of_options_we_did_not_send_is_ignored);
	RUN(ipcp_last_nak_is_treated_as_reject);
	RUN(ipcp_malformed_nak_is_invalid_and_changes_nothing);
	RUN(ipcp_reject_of_dns_stops_asking_for_it);
	RUN(ipcp_reject_of_our_address_keeps_a_configured_one);
	RUN(ipcp_reject_of_address_leaves_an_unconfigured_client_without_one);
	RUN(ipcp_reject_that_modifies_or_reorders_our_options_is_invalid);
	RUN(ipcp_req_zero_address_is_naked_with_the_remote_address);
	RUN(ipcp_req_zero_address_is_rejected_when_we_have_none_to_give);
	RUN(ipcp_req_other_address_is_naked_towards_remote_unless_accept_remote);
	RUN(ipcp_req_address_is_acked_when_it_matches_or_we_have_no_preference);
	RUN(ipcp_req_without_address_is_acked_and_leaves_his_addr_zero);
	RUN(ipcp_req_dns_is_naked_with_ours_acked_when_equal_rejected_when_none);
	RUN(ipcp_req_nbns_follows_the_dns_rules);
	RUN(ipcp_req_vj_old_addresses_and_unknown_options_are_rejected);
	RUN(ipcp_req_options_with_wrong_length_are_rejected);
	RUN(ipcp_req_second_copy_of_an_option_is_rejected);
	RUN(ipcp_req_no_nak_turns_naks_into_rejects);
	RUN(ipcp_req_malformed_list_is_invalid_and_keeps_his);
	RUN(ipcp_req_reply_that_does_not_fit_is_refused_without_overflow);
	RUN(ipcp_server_assigns_address_and_dns_to_a_noipdefault_usepeerdns_client);
	RUN(ipcp_server_without_dns_rejects_it_and_client_still_gets_an_address);
	RUN(ipcp_client_with_accept_local_moves_to_the_servers_choice);
	RUN(ipcp_client_insisting_on_another_address_never_gets_it_acked);
	RUN(ipcp_two_configured_peers_agree_in_one_round);
	RUN(ipcp_request_puts_vj_first_with_max_slot_id_and_comp_slot_id);
	RUN(ipcp_nak_of_vj_lowers_slots_and_drops_slot_id_compression_never_raises);
	RUN(ipcp_nak_of_vj_with_old_0037_or_short_form_or_last_nak_stops_asking);
	RUN(ipcp_nak_suggesting_vj_we_did_not_ask_for_turns_nothing_on);
	RUN(ipcp_malformed_or_duplicate_vj_nak_is_invalid_and_changes_nothing);
	RUN(ipcp_reject_of_vj_stops_asking_for_it);
	RUN(ipcp_req_vj_within_our_limits_is_acked_as_what_we_send_with);
	RUN(ipcp_req_vj_with_more_slots_or_slot_id_compression_under_novjccomp_is_naked);
	RUN(ipcp_req_vj_0037_short_form_or_under_novj_is_rejected);
	RUN(ipcp_vj_each_direction_is_negotiated_on_its_own);
	RUN(ipv4_addr_unusable_refuses_zero_net_loopback_multicast_class_e_broadcast);
	return test_summary();
}
