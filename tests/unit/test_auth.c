// SPDX-License-Identifier: GPL-2.0
/*
 * PAP (RFC 1334 2.2) and CHAP (RFC 1994 4) codecs: byte-exact layouts
 * written out from the RFC packet diagrams, round trips, every truncation
 * of a valid packet, and the builders' refusals.
 */
#include "test.h"

#include <stdlib.h>

#include "libppp/auth.h"
#include "libppp/ppp.h"

#define U8(s) ((const uint8_t *)(s))

/* Parsers take the data after the 4-byte header. */
static const uint8_t *data_of(const uint8_t *pkt)
{
	return pkt + PPP_CP_HDRLEN;
}

/* ---- PAP ----------------------------------------------------------------- */

/* RFC 1334 2.2.1: Code 1, Identifier, Length, Peer-ID Length, Peer-Id,
 * Passwd-Length, Password. */
static const uint8_t pap_req_bob[] = {
	0x01, 0x07, 0x00, 0x0f,
	0x03, 'b', 'o', 'b',
	0x06, 's', 'e', 'c', 'r', 'e', 't',
};

/* RFC 1334 2.2.2: Code 2 (Ack) or 3 (Nak), Identifier, Length, Msg-Length,
 * Message. */
static const uint8_t pap_ack_ok[] = { 0x02, 0x07, 0x00, 0x07, 0x02, 'O', 'K' };

TEST(pap_build_req_matches_rfc1334_layout)
{
	uint8_t buf[64];
	size_t n = ppp_pap_build_req(buf, sizeof(buf), 7, U8("bob"), 3,
				     U8("secret"), 6);

	CHECK_EQ(n, sizeof(pap_req_bob));
	CHECK_MEM(buf, pap_req_bob, sizeof(pap_req_bob));
}

TEST(pap_parse_req_finds_peer_id_and_password)
{
	struct ppp_pap_req r;

	CHECK_EQ(ppp_pap_parse_req(data_of(pap_req_bob),
				   sizeof(pap_req_bob) - 4, &r), 0);
	CHECK_EQ(r.peer_id_len, 3);
	CHECK_MEM(r.peer_id, "bob", 3);
	CHECK_EQ(r.passwd_len, 6);
	CHECK_MEM(r.passwd, "secret", 6);
	/* Pointers point into the input. */
	CHECK(r.peer_id == pap_req_bob + 5);
	CHECK(r.passwd == pap_req_bob + 9);
}

TEST(pap_req_round_trips_every_field_size)
{
	static uint8_t id[255], pw[255];
	static uint8_t buf[4 + 2 + 255 + 255];
	size_t i, a, b;

	for (i = 0; i < sizeof(id); i++) {
		id[i] = (uint8_t)(i * 7);
		pw[i] = (uint8_t)(i * 13 + 1);
	}
	for (a = 0; a <= 255; a += 17) {
		for (b = 0; b <= 255; b += 15) {
			struct ppp_pap_req r;
			size_t n = ppp_pap_build_req(buf, sizeof(buf), 1, id, a,
						     pw, b);

			CHECK_EQ(n, 6 + a + b);
			CHECK_EQ(ppp_get_be16(buf + 2), n);
			CHECK_EQ(ppp_pap_parse_req(buf + 4, n - 4, &r), 0);
			CHECK_EQ(r.peer_id_len, a);
			CHECK_EQ(r.passwd_len, b);
			CHECK(!memcmp(r.peer_id, id, a));
			CHECK(!memcmp(r.passwd, pw, b));
		}
	}
}

TEST(pap_empty_peer_id_and_password_are_valid)
{
	static const uint8_t empty[] = { 0, 0 };
	struct ppp_pap_req r;
	uint8_t buf[8];

	CHECK_EQ(ppp_pap_parse_req(empty, sizeof(empty), &r), 0);
	CHECK_EQ(r.peer_id_len, 0);
	CHECK_EQ(r.passwd_len, 0);
	CHECK_EQ(ppp_pap_build_req(buf, sizeof(buf), 9, NULL, 0, NULL, 0), 6);
	CHECK_MEM(buf, "\x01\x09\x00\x06\x00\x00", 6);
}

TEST(pap_parse_req_rejects_every_truncation)
{
	size_t len = sizeof(pap_req_bob) - 4, n;

	for (n = 0; n < len; n++) {
		/* An exact-size copy, so ASan sees any read past @n. */
		uint8_t *cut = malloc(n ? n : 1);
		struct ppp_pap_req r;

		memcpy(cut, data_of(pap_req_bob), n);
		CHECK_EQ(ppp_pap_parse_req(cut, n, &r), -EINVAL);
		free(cut);
	}
}

TEST(pap_parse_req_rejects_lengths_beyond_the_data)
{
	static const uint8_t id_too_long[] = { 4, 'b', 'o', 'b' };
	static const uint8_t pw_too_long[] = { 1, 'b', 3, 'x', 'y' };
	static const uint8_t no_pw_len[] = { 1, 'b' };
	static const uint8_t max_id[] = { 255, 0 };
	struct ppp_pap_req r;

	CHECK_EQ(ppp_pap_parse_req(id_too_long, sizeof(id_too_long), &r), -EINVAL);
	CHECK_EQ(ppp_pap_parse_req(pw_too_long, sizeof(pw_too_long), &r), -EINVAL);
	CHECK_EQ(ppp_pap_parse_req(no_pw_len, sizeof(no_pw_len), &r), -EINVAL);
	CHECK_EQ(ppp_pap_parse_req(max_id, sizeof(max_id), &r), -EINVAL);
}

TEST(pap_parse_req_ignores_octets_after_the_password)
{
	static const uint8_t extra[] = { 1, 'a', 1, 'b', 0xee, 0xee };
	struct ppp_pap_req r;

	CHECK_EQ(ppp_pap_parse_req(extra, sizeof(extra), &r), 0);
	CHECK_EQ(r.passwd_len, 1);
	CHECK_EQ(r.passwd[0], 'b');
}

TEST(pap_build_req_refuses_long_fields_and_small_buffers)
{
	static uint8_t big[256];
	uint8_t buf[600];
	size_t i;

	CHECK_EQ(ppp_pap_build_req(buf, sizeof(buf), 1, big, 256, big, 1), 0);
	CHECK_EQ(ppp_pap_build_req(buf, sizeof(buf), 1, big, 1, big, 256), 0);
	CHECK_EQ(ppp_pap_build_req(buf, sizeof(buf), 1, big, 255, big, 255),
		 4 + 2 + 255 + 255);
	/* One byte short: refused, and nothing written. */
	memset(buf, 0xa5, sizeof(buf));
	CHECK_EQ(ppp_pap_build_req(buf, 14, 7, U8("bob"), 3, U8("secret"), 6), 0);
	for (i = 0; i < sizeof(buf); i++)
		CHECK_EQ(buf[i], 0xa5);
	CHECK_EQ(ppp_pap_build_req(buf, 15, 7, U8("bob"), 3, U8("secret"), 6), 15);
	CHECK_EQ(ppp_pap_build_req(buf, 0, 7, NULL, 0, NULL, 0), 0);
}

TEST(pap_build_msg_matches_rfc1334_layout)
{
	uint8_t buf[32];

	CHECK_EQ(ppp_pap_build_msg(buf, sizeof(buf), PPP_PAP_ACK, 7, U8("OK"), 2),
		 sizeof(pap_ack_ok));
	CHECK_MEM(buf, pap_ack_ok, sizeof(pap_ack_ok));
	CHECK_EQ(ppp_pap_build_msg(buf, sizeof(buf), PPP_PAP_NAK, 8, NULL, 0), 5);
	CHECK_MEM(buf, "\x03\x08\x00\x05\x00", 5);
}

TEST(pap_build_msg_refuses_bad_code_long_message_small_buffer)
{
	static uint8_t big[256];
	uint8_t buf[300];

	CHECK_EQ(ppp_pap_build_msg(buf, sizeof(buf), PPP_PAP_REQ, 1, NULL, 0), 0);
	CHECK_EQ(ppp_pap_build_msg(buf, sizeof(buf), 4, 1, NULL, 0), 0);
	CHECK_EQ(ppp_pap_build_msg(buf, sizeof(buf), PPP_PAP_ACK, 1, big, 256), 0);
	CHECK_EQ(ppp_pap_build_msg(buf, sizeof(buf), PPP_PAP_ACK, 1, big, 255), 260);
	CHECK_EQ(ppp_pap_build_msg(buf, 6, PPP_PAP_ACK, 7, U8("OK"), 2), 0);
	CHECK_EQ(ppp_pap_build_msg(buf, 7, PPP_PAP_ACK, 7, U8("OK"), 2), 7);
}

TEST(pap_parse_msg_reads_message_and_accepts_bare_ack)
{
	const uint8_t *msg = NULL;
	size_t mlen = 99;

	CHECK_EQ(ppp_pap_parse_msg(data_of(pap_ack_ok), 3, &msg, &mlen), 0);
	CHECK_EQ(mlen, 2);
	CHECK_MEM(msg, "OK", 2);
	/* Some peers send a 4-byte Ack with no Msg-Length at all. */
	CHECK_EQ(ppp_pap_parse_msg(data_of(pap_ack_ok), 0, &msg, &mlen), 0);
	CHECK_EQ(mlen, 0);
}

TEST(pap_parse_msg_rejects_msg_length_beyond_the_data)
{
	static const uint8_t bad[] = { 3, 'O', 'K' };
	static const uint8_t max[] = { 255 };
	const uint8_t *msg;
	size_t mlen;

	CHECK_EQ(ppp_pap_parse_msg(bad, sizeof(bad), &msg, &mlen), -EINVAL);
	CHECK_EQ(ppp_pap_parse_msg(max, sizeof(max), &msg, &mlen), -EINVAL);
	CHECK_EQ(ppp_pap_parse_msg(bad, 1, &msg, &mlen), -EINVAL);
}

/* ---- CHAP ---------------------------------------------------------------- */

/* RFC 1994 4.1: Code, Identifier, Length, Value-Size, Value, Name. */
static const uint8_t chap_challenge[] = {
	0x01, 0x2a, 0x00, 0x0c,
	0x04, 0xde, 0xad, 0xbe, 0xef,
	's', 'r', 'v',
};

static const uint8_t chap_response[] = {
	0x02, 0x2a, 0x00, 0x1a,
	0x10,
	0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77,
	0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff,
	'b', 'o', 'b', 'b', 'y',
};

/* RFC 1994 4.2: Code, Identifier, Length, Message. */
static const uint8_t chap_success[] = {
	0x03, 0x2a, 0x00, 0x0b, 'W', 'e', 'l', 'c', 'o', 'm', 'e',
};

TEST(chap_build_matches_rfc1994_layout)
{
	uint8_t buf[64];

	CHECK_EQ(ppp_chap_build(buf, sizeof(buf), PPP_CHAP_CHALLENGE, 0x2a,
				chap_challenge + 5, 4, U8("srv"), 3),
		 sizeof(chap_challenge));
	CHECK_MEM(buf, chap_challenge, sizeof(chap_challenge));
	CHECK_EQ(ppp_chap_build(buf, sizeof(buf), PPP_CHAP_RESPONSE, 0x2a,
				chap_response + 5, 16, U8("bobby"), 5),
		 sizeof(chap_response));
	CHECK_MEM(buf, chap_response, sizeof(chap_response));
	CHECK_EQ(ppp_chap_build_status(buf, sizeof(buf), PPP_CHAP_SUCCESS,
				       0x2a, U8("Welcome"), 7),
		 sizeof(chap_success));
	CHECK_MEM(buf, chap_success, sizeof(chap_success));
	CHECK_EQ(ppp_chap_build_status(buf, sizeof(buf), PPP_CHAP_FAILURE, 3,
				       NULL, 0), 4);
	CHECK_MEM(buf, "\x04\x03\x00\x04", 4);
}

TEST(chap_parse_finds_value_and_name)
{
	struct ppp_chap_msg m;

	CHECK_EQ(ppp_chap_parse(data_of(chap_response),
				sizeof(chap_response) - 4, &m), 0);
	CHECK_EQ(m.value_len, 16);
	CHECK(m.value == chap_response + 5);
	CHECK_EQ(m.name_len, 5);
	CHECK_MEM(m.name, "bobby", 5);
}

TEST(chap_round_trips_every_value_size)
{
	static uint8_t val[255], name[255];
	uint8_t buf[4 + 1 + 255 + 255];
	size_t v, n;

	for (v = 0; v < sizeof(val); v++) {
		val[v] = (uint8_t)(v ^ 0x5a);
		name[v] = (uint8_t)('a' + v % 26);
	}
	for (v = 1; v <= 255; v++) {
		for (n = 0; n <= 255; n += 51) {
			struct ppp_chap_msg m;
			size_t len = ppp_chap_build(buf, sizeof(buf),
						    PPP_CHAP_RESPONSE, 1, val,
						    v, name, n);

			CHECK_EQ(len, 5 + v + n);
			CHECK_EQ(ppp_get_be16(buf + 2), len);
			CHECK_EQ(ppp_chap_parse(buf + 4, len - 4, &m), 0);
			CHECK_EQ(m.value_len, v);
			CHECK_EQ(m.name_len, n);
			CHECK(!memcmp(m.value, val, v));
			CHECK(!memcmp(m.name, name, n));
		}
	}
}

TEST(chap_parse_rejects_value_size_beyond_the_data)
{
	size_t len = sizeof(chap_challenge) - 4, n;

	/* Prefixes that cut the Value fail; longer ones only shorten the
	 * Name, which has no length of its own. */
	for (n = 0; n <= len; n++) {
		uint8_t *cut = malloc(n ? n : 1);
		struct ppp_chap_msg m;
		int ret;

		memcpy(cut, data_of(chap_challenge), n);
		ret = ppp_chap_parse(cut, n, &m);
		free(cut);
		if (n < 5) {
			CHECK_EQ(ret, -EINVAL);
		} else {
			CHECK_EQ(ret, 0);
			CHECK_EQ(m.name_len, n - 5);
		}
	}
}

TEST(chap_parse_rejects_empty_value)
{
	static const uint8_t zero[] = { 0, 'n', 'a', 'm', 'e' };
	static const uint8_t max[] = { 255, 1, 2, 3 };
	struct ppp_chap_msg m;

	CHECK_EQ(ppp_chap_parse(zero, sizeof(zero), &m), -EINVAL);
	CHECK_EQ(ppp_chap_parse(max, sizeof(max), &m), -EINVAL);
}

TEST(chap_parse_accepts_empty_name)
{
	static const uint8_t v[] = { 2, 0xaa, 0xbb };
	struct ppp_chap_msg m;

	CHECK_EQ(ppp_chap_parse(v, sizeof(v), &m), 0);
	CHECK_EQ(m.value_len, 2);
	CHECK_EQ(m.name_len, 0);
}

TEST(chap_build_refuses_bad_sizes_codes_and_small_buffers)
{
	static uint8_t big[256];
	uint8_t buf[600];
	size_t i;

	CHECK_EQ(ppp_chap_build(buf, sizeof(buf), PPP_CHAP_CHALLENGE, 1, big, 0,
				NULL, 0), 0);
	CHECK_EQ(ppp_chap_build(buf, sizeof(buf), PPP_CHAP_CHALLENGE, 1, big,
				256, NULL, 0), 0);
	CHECK_EQ(ppp_chap_build(buf, sizeof(buf), PPP_CHAP_CHALLENGE, 1, big, 1,
				big, 256), 0);
	CHECK_EQ(ppp_chap_build(buf, sizeof(buf), PPP_CHAP_SUCCESS, 1, big, 1,
				NULL, 0), 0);
	CHECK_EQ(ppp_chap_build(buf, sizeof(buf), 0, 1, big, 1, NULL, 0), 0);
	memset(buf, 0xa5, sizeof(buf));
	CHECK_EQ(ppp_chap_build(buf, sizeof(chap_challenge) - 1,
				PPP_CHAP_CHALLENGE, 0x2a, chap_challenge + 5, 4,
				U8("srv"), 3), 0);
	for (i = 0; i < sizeof(buf); i++)
		CHECK_EQ(buf[i], 0xa5);
	CHECK_EQ(ppp_chap_build(buf, sizeof(chap_challenge),
				PPP_CHAP_CHALLENGE, 0x2a, chap_challenge + 5, 4,
				U8("srv"), 3), sizeof(chap_challenge));
}

TEST(chap_build_status_refuses_bad_code_and_small_buffer)
{
	static uint8_t big[70000], msg[70000];
	uint8_t buf[16];

	CHECK_EQ(ppp_chap_build_status(buf, sizeof(buf), PPP_CHAP_CHALLENGE, 1,
				       NULL, 0), 0);
	CHECK_EQ(ppp_chap_build_status(buf, sizeof(buf), PPP_CHAP_RESPONSE, 1,
				       NULL, 0), 0);
	CHECK_EQ(ppp_chap_build_status(buf, 10, PPP_CHAP_SUCCESS, 1,
				       U8("Welcome"), 7), 0);
	CHECK_EQ(ppp_chap_build_status(buf, 3, PPP_CHAP_FAILURE, 1, NULL, 0), 0);
	/* The message has no length octet: longer than 255 is fine, longer
	 * than the Length field can say is not. */
	CHECK_EQ(ppp_chap_build_status(big, sizeof(big), PPP_CHAP_FAILURE, 1,
				       msg, 300), 304);
	CHECK_EQ(ppp_chap_build_status(big, sizeof(big), PPP_CHAP_FAILURE, 1,
				       msg, 0xffff - 4), 0xffff);
	CHECK_EQ(ppp_get_be16(big + 2), 0xffff);
	CHECK_EQ(ppp_chap_build_status(big, sizeof(big), PPP_CHAP_FAILURE, 1,
				       msg, 0xffff - 3), 0);
}

/* Every 0-, 1- and 2-byte input: no crash, and a result consistent with
 * the input (pointers inside it, lengths that fit). */
TEST(auth_parsers_stay_inside_every_short_input)
{
	unsigned int a, b, n;

	for (n = 0; n <= 2; n++) {
		for (a = 0; a < (n >= 1 ? 256u : 1u); a++) {
			for (b = 0; b < (n >= 2 ? 256u : 1u); b++) {
				uint8_t *p = malloc(n ? n : 1);
				struct ppp_pap_req r;
				struct ppp_chap_msg m;
				const uint8_t *msg;
				size_t mlen;

				if (n >= 1)
					p[0] = (uint8_t)a;
				if (n >= 2)
					p[1] = (uint8_t)b;

				if (!ppp_pap_parse_req(p, n, &r))
					CHECK(r.passwd + r.passwd_len <= p + n);
				if (!ppp_pap_parse_msg(p, n, &msg, &mlen))
					CHECK(msg + mlen <= p + n);
				if (!ppp_chap_parse(p, n, &m))
					CHECK(m.name + m.name_len == p + n);
				free(p);
			}
		}
	}
}

int main(void)
{
	RUN(pap_build_req_matches_rfc1334_layout);
	RUN(pap_parse_req_finds_peer_id_and_password);
	RUN(pap_req_round_trips_every_field_size);
	RUN(pap_empty_peer_id_and_password_are_valid);
	RUN(pap_parse_req_rejects_every_truncation);
	RUN(pap_parse_req_rejects_lengths_beyond_the_data);
	RUN(pap_parse_req_ignores_octets_after_the_password);
	RUN(pap_build_req_refuses_long_fields_and_small_buffers);
	RUN(pap_build_msg_matches_rfc1334_layout);
	RUN(pap_build_msg_refuses_bad_code_long_message_small_buffer);
	RUN(pap_parse_msg_reads_message_and_accepts_bare_ack);
	RUN(pap_parse_msg_rejects_msg_length_beyond_the_data);
	RUN(chap_build_matches_rfc1994_layout);
	RUN(chap_parse_finds_value_and_name);
	RUN(chap_round_trips_every_value_size);
	RUN(chap_parse_rejects_value_size_beyond_the_data);
	RUN(chap_parse_rejects_empty_value);
	RUN(chap_parse_accepts_empty_name);
	RUN(chap_build_refuses_bad_sizes_codes_and_small_buffers);
	RUN(chap_build_status_refuses_bad_code_and_small_buffer);
	RUN(auth_parsers_stay_inside_every_short_input);
	return test_summary();
}
