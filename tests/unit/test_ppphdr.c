// SPDX-License-Identifier: GPL-2.0
/* The PPP header: address/control and protocol field (RFC 1661 2, 6.5, 6.6). */
#include "libppp/ppp.h"
#include "test.h"

static int parse(const uint8_t *p, size_t len, uint16_t *proto)
{
	*proto = 0xdead;
	return ppp_hdr_parse(p, len, proto);
}

TEST(hdr_parse_full_header_gives_protocol_and_length_4)
{
	static const uint8_t f[] = { 0xff, 0x03, 0xc0, 0x21, 0x01 };
	uint16_t proto;

	CHECK_EQ(parse(f, sizeof(f), &proto), 4);
	CHECK_EQ(proto, PPP_PROTO_LCP);
	CHECK_EQ(parse(f, 4, &proto), 4);	/* header only is fine */
}

TEST(hdr_parse_accepts_compressed_address_control_and_protocol)
{
	static const uint8_t acfc[] = { 0x00, 0x21, 0x45 };
	static const uint8_t pfc[] = { 0xff, 0x03, 0x21, 0x45 };
	static const uint8_t both[] = { 0x21, 0x45 };
	static const uint8_t ipcp[] = { 0x80, 0x21, 0x01 };
	uint16_t proto;

	CHECK_EQ(parse(acfc, sizeof(acfc), &proto), 2);
	CHECK_EQ(proto, PPP_PROTO_IP);
	CHECK_EQ(parse(pfc, sizeof(pfc), &proto), 3);
	CHECK_EQ(proto, PPP_PROTO_IP);
	CHECK_EQ(parse(both, sizeof(both), &proto), 1);
	CHECK_EQ(proto, PPP_PROTO_IP);
	CHECK_EQ(parse(ipcp, sizeof(ipcp), &proto), 2);
	CHECK_EQ(proto, PPP_PROTO_IPCP);
}

TEST(hdr_parse_rejects_protocol_with_even_low_byte)
{
	static const uint8_t full[] = { 0xff, 0x03, 0xc0, 0x20, 0x01 };
	static const uint8_t bare[] = { 0x00, 0x20, 0x45 };
	uint16_t proto;

	CHECK_EQ(parse(full, sizeof(full), &proto), -EINVAL);
	CHECK_EQ(parse(bare, sizeof(bare), &proto), -EINVAL);
}

TEST(hdr_parse_rejects_frames_too_short_for_a_protocol)
{
	static const uint8_t ac_only[] = { 0xff, 0x03 };
	static const uint8_t half[] = { 0xff, 0x03, 0xc0 };
	static const uint8_t even[] = { 0x00 };
	uint16_t proto;

	CHECK_EQ(parse(ac_only, 0, &proto), -EINVAL);
	CHECK_EQ(parse(ac_only, sizeof(ac_only), &proto), -EINVAL);
	CHECK_EQ(parse(half, sizeof(half), &proto), -EINVAL);
	CHECK_EQ(parse(even, sizeof(even), &proto), -EINVAL);
}

TEST(hdr_build_writes_full_header_without_compression)
{
	static const uint8_t want[] = { 0xff, 0x03, 0x00, 0x21 };
	uint8_t buf[PPP_HDR_MAX];

	CHECK_EQ(ppp_hdr_build(buf, PPP_PROTO_IP, false, false), 4);
	CHECK_MEM(buf, want, 4);
}

TEST(hdr_build_compresses_address_control_and_protocol_when_allowed)
{
	uint8_t buf[PPP_HDR_MAX];

	CHECK_EQ(ppp_hdr_build(buf, PPP_PROTO_IP, true, true), 1);
	CHECK_EQ(buf[0], 0x21);
	CHECK_EQ(ppp_hdr_build(buf, PPP_PROTO_IP, true, false), 2);
	CHECK_EQ(buf[0], 0x00);
	CHECK_EQ(buf[1], 0x21);
	CHECK_EQ(ppp_hdr_build(buf, PPP_PROTO_IP, false, true), 3);
	CHECK_EQ(buf[2], 0x21);
	/* a protocol above 0xff cannot be compressed */
	CHECK_EQ(ppp_hdr_build(buf, PPP_PROTO_IPCP, true, true), 2);
	CHECK_EQ(buf[0], 0x80);
	CHECK_EQ(buf[1], 0x21);
}

TEST(hdr_build_always_gives_lcp_the_full_header)
{
	static const uint8_t want[] = { 0xff, 0x03, 0xc0, 0x21 };
	uint8_t buf[PPP_HDR_MAX];

	CHECK_EQ(ppp_hdr_build(buf, PPP_PROTO_LCP, true, true), 4);
	CHECK_MEM(buf, want, 4);
}

TEST(hdr_build_then_parse_round_trips_every_protocol_and_option)
{
	static const uint16_t protos[] = {
		PPP_PROTO_IP, PPP_PROTO_VJC, PPP_PROTO_VJUC, PPP_PROTO_IPV6,
		PPP_PROTO_IPCP, PPP_PROTO_IPV6CP, PPP_PROTO_CCP,
		PPP_PROTO_LCP, PPP_PROTO_PAP, PPP_PROTO_LQR, PPP_PROTO_CHAP,
		0x0001, 0x00fd, 0x3e21, 0xfeff,
	};
	unsigned int i, opt;

	for (i = 0; i < sizeof(protos) / sizeof(protos[0]); i++) {
		for (opt = 0; opt < 4; opt++) {
			uint8_t buf[PPP_HDR_MAX + 1];
			uint16_t proto;
			size_t n;

			n = ppp_hdr_build(buf, protos[i], opt & 1, opt & 2);
			buf[n] = 0xff;	/* payload byte */
			CHECK(n <= PPP_HDR_MAX);
			CHECK_EQ(parse(buf, n + 1, &proto), (int)n);
			CHECK_EQ(proto, protos[i]);
		}
	}
}

TEST(proto_name_names_known_protocols_and_returns_null_otherwise)
{
	CHECK(ppp_proto_name(PPP_PROTO_LCP) &&
	      !strcmp(ppp_proto_name(PPP_PROTO_LCP), "LCP"));
	CHECK(ppp_proto_name(PPP_PROTO_IPCP) &&
	      !strcmp(ppp_proto_name(PPP_PROTO_IPCP), "IPCP"));
	CHECK(ppp_proto_name(PPP_PROTO_CHAP) &&
	      !strcmp(ppp_proto_name(PPP_PROTO_CHAP), "CHAP"));
	CHECK(ppp_proto_name(PPP_PROTO_IPV6) &&
	      !strcmp(ppp_proto_name(PPP_PROTO_IPV6), "IPv6"));
	CHECK(ppp_proto_name(0x1234) == NULL);
	CHECK(ppp_proto_name(0) == NULL);
}

/* Where the sync deframer cuts the first frame of a delivery: at the
 * length the frame records when that is shorter than @len, else at @len. */
static size_t first_frame(const uint8_t *p, size_t len)
{
	size_t need;

	return ppp_sync_peek(p, len, &need, NULL) == 1 && need < len ? need : len;
}

/* Does @p start an IPv4 frame whose header checksum holds? */
static bool ipv4_start(const uint8_t *p, size_t len)
{
	uint16_t proto = 0;
	size_t need;

	return ppp_sync_peek(p, len, &need, &proto) == 1 && proto == PPP_PROTO_IP;
}

/* An IPv4 packet of @total bytes behind a full header, in @f. */
static size_t ipv4_frame(uint8_t *f, size_t total)
{
	memset(f, 0, 4 + total);
	f[0] = 0xff, f[1] = 0x03, f[2] = 0x00, f[3] = 0x21;
	f[4] = 0x45;
	f[6] = total >> 8, f[7] = total & 0xff;
	f[12] = 64, f[13] = 6;	/* TTL, TCP */
	test_ipv4_checksum(f + 4);
	return 4 + total;
}

TEST(sync_frame_len_splits_merged_ipv4_frames_at_total_length)
{
	uint8_t f[3 * 1504];
	size_t a = ipv4_frame(f, 1500), b = ipv4_frame(f + a, 60);

	CHECK_EQ(first_frame(f, a), a);	/* one frame: all of it */
	CHECK_EQ(first_frame(f, a + b), a);
	CHECK_EQ(first_frame(f + a, b), b);
	/* Truncated (the length says more than there is): the whole chunk. */
	CHECK_EQ(first_frame(f, a - 1), a - 1);
	/* ACFC and PFC: a 1-byte header (0x21), then whatever follows. */
	memset(f, 0, sizeof(f));
	b = ipv4_frame(f, 60);
	CHECK_EQ(first_frame(f + 3, b - 3 + 10), b - 3);
	/* A Total Length shorter than the IP header: not a length to trust. */
	f[6] = 0, f[7] = 12;
	test_ipv4_checksum(f + 4);
	CHECK_EQ(first_frame(f, b), b);
	/* Nor one behind a header whose checksum fails. */
	ipv4_frame(f, 60);
	CHECK_EQ(first_frame(f, 100), 64);
	f[20] ^= 1;	/* a source address bit */
	CHECK_EQ(first_frame(f, 100), 100);
	CHECK(!ipv4_start(f, 100));
	f[20] ^= 1;
	CHECK(ipv4_start(f, 100));
	CHECK(!ipv4_start(f, 10));	/* header incomplete */
}

TEST(sync_frame_len_splits_ipv6_and_control_packets)
{
	uint8_t f[200] = { 0 };
	/* IPv6, 8-byte payload: 2 + 48 bytes under ACFC. */
	f[0] = 0x00, f[1] = 0x57, f[2] = 0x60, f[6] = 0, f[7] = 8;
	CHECK_EQ(first_frame(f, 120), 50);
	/* LCP Echo-Request of 8 bytes, then padding/another frame. */
	memset(f, 0, sizeof(f));
	f[0] = 0xff, f[1] = 0x03, f[2] = 0xc0, f[3] = 0x21;
	f[4] = 9, f[5] = 1, f[6] = 0, f[7] = 8;
	CHECK_EQ(first_frame(f, 40), 12);
	CHECK_EQ(first_frame(f, 12), 12);
	/* CHAP, IPCP: the same packet format. */
	f[2] = 0xc2, f[3] = 0x23;
	CHECK_EQ(first_frame(f, 40), 12);
	f[2] = 0x80, f[3] = 0x21;
	CHECK_EQ(first_frame(f, 40), 12);
}

TEST(sync_frame_len_keeps_whole_chunk_when_no_length_is_recorded)
{
	uint8_t f[64] = { 0xff, 0x03, 0x00, 0x2d };	/* VJ compressed */
	uint8_t lqr[64] = { 0xff, 0x03, 0xc0, 0x25, 0, 0, 0, 8 };
	uint8_t bad[64] = { 0xff, 0x03, 0xc0, 0x21, 1, 1, 0, 3 };	/* Length < 4 */
	uint8_t code16[64] = { 0xff, 0x03, 0xc0, 0x21, 16, 1, 0, 8 };	/* Code 16 */
	uint8_t v6[64] = { 0x00, 0x21, 0x60 };	/* IPv4 protocol, version 6 */
	uint8_t junk[64] = { 0x02, 0x02 };	/* even protocol: no header */

	CHECK_EQ(first_frame(f, sizeof(f)), sizeof(f));
	CHECK_EQ(first_frame(lqr, sizeof(lqr)), sizeof(lqr));
	CHECK_EQ(first_frame(bad, sizeof(bad)), sizeof(bad));
	CHECK_EQ(first_frame(code16, sizeof(code16)), sizeof(code16));
	CHECK_EQ(first_frame(v6, sizeof(v6)), sizeof(v6));
	CHECK_EQ(first_frame(junk, sizeof(junk)), sizeof(junk));
	CHECK_EQ(first_frame(f, 1), 1);
	CHECK_EQ(first_frame(f, 5), 5);	/* too short to hold a length */
}

int main(void)
{
	RUN(hdr_parse_full_header_gives_protocol_and_length_4);
	RUN(hdr_parse_accepts_compressed_address_control_and_protocol);
	RUN(hdr_parse_rejects_protocol_with_even_low_byte);
	RUN(hdr_parse_rejects_frames_too_short_for_a_protocol);
	RUN(hdr_build_writes_full_header_without_compression);
	RUN(hdr_build_compresses_address_control_and_protocol_when_allowed);
	RUN(hdr_build_always_gives_lcp_the_full_header);
	RUN(hdr_build_then_parse_round_trips_every_protocol_and_option);
	RUN(proto_name_names_known_protocols_and_returns_null_otherwise);
	RUN(sync_frame_len_splits_merged_ipv4_frames_at_total_length);
	RUN(sync_frame_len_splits_ipv6_and_control_packets);
	RUN(sync_frame_len_keeps_whole_chunk_when_no_length_is_recorded);
	return test_summary();
}
