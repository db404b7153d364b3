// SPDX-License-Identifier: GPL-2.0
/* The load generator's pure parts: the ICMP echo responder and latency percentiles. */
#include "test.h"

#include "../bench/loadgen/icmp.h"
#include "../bench/loadgen/stats.h"

enum { SELF = 0x0a090102, PEER = 0x0a090001, OTHER = 0x0a090103, ID = 7 };

TEST(inet_csum_matches_rfc1071_example)
{
	/* RFC 1071 section 3: these bytes sum to 0xddf2. */
	const unsigned char b[] = { 0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7 };

	CHECK_EQ(lg_inet_csum(b, sizeof(b)), 0x220d);
}

TEST(inet_csum_pads_an_odd_length_with_zero)
{
	const unsigned char odd[] = { 0x12, 0x34, 0x56 };
	const unsigned char even[] = { 0x12, 0x34, 0x56, 0x00 };

	CHECK_EQ(lg_inet_csum(odd, sizeof(odd)), lg_inet_csum(even, sizeof(even)));
}

TEST(echo_request_built_has_valid_checksums)
{
	unsigned char p[LG_ICMP_ECHO_LEN];

	CHECK_EQ(lg_icmp_echo_build(p, sizeof(p), PEER, SELF, ID, 1), LG_ICMP_ECHO_LEN);
	CHECK_EQ(lg_inet_csum(p, 20), 0);
	CHECK_EQ(lg_inet_csum(p + 20, LG_ICMP_ECHO_LEN - 20), 0);
	CHECK_EQ(p[9], 1);
	CHECK_EQ(p[20], 8);
	CHECK_EQ(lg_icmp_echo_build(p, sizeof(p) - 1, PEER, SELF, ID, 1), 0);
}

TEST(echo_request_to_us_becomes_reply_to_sender)
{
	unsigned char p[LG_ICMP_ECHO_LEN], orig[LG_ICMP_ECHO_LEN];

	lg_icmp_echo_build(p, sizeof(p), PEER, SELF, ID, 3);
	memcpy(orig, p, sizeof(p));
	CHECK_EQ(lg_icmp_echo_reply(p, sizeof(p), SELF), LG_ICMP_ECHO_LEN);
	CHECK_EQ(lg_inet_csum(p, 20), 0);
	CHECK_EQ(lg_inet_csum(p + 20, LG_ICMP_ECHO_LEN - 20), 0);
	CHECK_MEM(p + 12, orig + 16, 4);	/* addresses swapped */
	CHECK_MEM(p + 16, orig + 12, 4);
	CHECK_EQ(p[20], 0);			/* type Echo Reply */
	CHECK_MEM(p + 24, orig + 24, LG_ICMP_ECHO_LEN - 24);	/* id, seq, data kept */
	/* What the pinger sees. */
	CHECK(lg_icmp_is_reply(p, sizeof(p), PEER, SELF, ID));
	CHECK(!lg_icmp_is_reply(p, sizeof(p), PEER, SELF, ID + 1));
	CHECK(!lg_icmp_is_reply(p, sizeof(p), PEER, OTHER, ID));
}

TEST(echo_request_to_another_address_is_left_alone)
{
	unsigned char p[LG_ICMP_ECHO_LEN], orig[LG_ICMP_ECHO_LEN];

	lg_icmp_echo_build(p, sizeof(p), PEER, OTHER, ID, 1);
	memcpy(orig, p, sizeof(p));
	CHECK_EQ(lg_icmp_echo_reply(p, sizeof(p), SELF), 0);
	CHECK_MEM(p, orig, sizeof(p));
}

TEST(echo_reply_is_not_answered)
{
	unsigned char p[LG_ICMP_ECHO_LEN];

	lg_icmp_echo_build(p, sizeof(p), PEER, SELF, ID, 1);
	lg_icmp_echo_reply(p, sizeof(p), SELF);		/* now a reply to PEER */
	CHECK_EQ(lg_icmp_echo_reply(p, sizeof(p), PEER), 0);
}

TEST(corrupt_or_truncated_requests_are_ignored)
{
	unsigned char p[LG_ICMP_ECHO_LEN];

	lg_icmp_echo_build(p, sizeof(p), PEER, SELF, ID, 1);
	CHECK_EQ(lg_icmp_echo_reply(p, sizeof(p) - 1, SELF), 0);	/* shorter than Total Length */
	CHECK_EQ(lg_icmp_echo_reply(p, 19, SELF), 0);
	p[40] ^= 1;							/* ICMP checksum fails */
	CHECK_EQ(lg_icmp_echo_reply(p, sizeof(p), SELF), 0);
	p[40] ^= 1;
	p[8] ^= 1;							/* IP header checksum fails */
	CHECK_EQ(lg_icmp_echo_reply(p, sizeof(p), SELF), 0);
}

TEST(fragments_are_ignored)
{
	unsigned char p[LG_ICMP_ECHO_LEN];

	lg_icmp_echo_build(p, sizeof(p), PEER, SELF, ID, 1);
	p[6] = 0x20;	/* More Fragments */
	test_ipv4_checksum(p);
	CHECK_EQ(lg_icmp_echo_reply(p, sizeof(p), SELF), 0);
}

TEST(link_padding_after_the_datagram_is_not_echoed)
{
	unsigned char p[LG_ICMP_ECHO_LEN + 6];

	memset(p, 0xee, sizeof(p));
	lg_icmp_echo_build(p, sizeof(p), PEER, SELF, ID, 1);
	CHECK_EQ(lg_icmp_echo_reply(p, sizeof(p), SELF), LG_ICMP_ECHO_LEN);
	CHECK_EQ(p[LG_ICMP_ECHO_LEN], 0xee);
}

TEST(percentiles_are_nearest_rank)
{
	double v[100];
	int i;

	for (i = 0; i < 100; i++)
		v[i] = 100 - i;		/* unsorted: 100 .. 1 */
	lg_sort(v, 100);
	CHECK_EQ(v[0], 1);
	CHECK_EQ(lg_percentile(v, 100, 0), 1);
	CHECK_EQ(lg_percentile(v, 100, 50), 50);
	CHECK_EQ(lg_percentile(v, 100, 99), 99);
	CHECK_EQ(lg_percentile(v, 100, 100), 100);
	CHECK_EQ(lg_percentile(v, 10, 99), 10);	/* p99 of 10 samples is the max */
	CHECK_EQ(lg_percentile(v, 4, 50), 2);
	CHECK_EQ(lg_percentile(v, 1, 99), 1);
	CHECK_EQ(lg_percentile(v, 0, 50), 0);
}

int main(void)
{
	RUN(inet_csum_matches_rfc1071_example);
	RUN(inet_csum_pads_an_odd_length_with_zero);
	RUN(echo_request_built_has_valid_checksums);
	RUN(echo_request_to_us_becomes_reply_to_sender);
	RUN(echo_request_to_another_address_is_left_alone);
	RUN(echo_reply_is_not_answered);
	RUN(corrupt_or_truncated_requests_are_ignored);
	RUN(fragments_are_ignored);
	RUN(link_padding_after_the_datagram_is_not_echoed);
	RUN(percentiles_are_nearest_rank);
	return test_summary();
}
