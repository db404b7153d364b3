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
	return test_summary();
}
