// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz the PAP and CHAP codecs. The input is a capacity byte followed by the
 * data part of a packet (what follows the 4-byte header):
 *
 *   cap  data...
 *
 * Every parser runs on an exact-size copy of the data, so ASan sees any read
 * past it. Checked: what a parser returns lies inside the input and adds up
 * (PAP fields in order, the CHAP Name is the rest); whatever parses can be
 * rebuilt byte-identical (up to the octets PAP ignores at the end) and parses
 * back to the same fields; a builder given a buffer of @cap bytes writes
 * either nothing or exactly the packet and never past @cap.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "libppp/auth.h"
#include "libppp/ppp.h"

#define REQUIRE(c) do { if (!(c)) abort(); } while (0)

enum { CANARY = 0xa5 };

/* A heap buffer of @cap bytes plus a guard tail that must stay untouched. */
static uint8_t *out_buf(size_t cap)
{
	uint8_t *b = malloc(cap + 16);

	REQUIRE(b);
	memset(b, CANARY, cap + 16);
	return b;
}

static void check_tail(const uint8_t *b, size_t from, size_t cap)
{
	size_t i;

	for (i = from; i < cap + 16; i++)
		REQUIRE(b[i] == CANARY);
}

static bool in(const uint8_t *x, size_t n, const uint8_t *p, size_t len)
{
	return x >= p && x + n <= p + len;
}

static void fuzz_pap_req(const uint8_t *p, size_t len, size_t cap)
{
	struct ppp_pap_req r, r2;
	uint8_t *b;
	size_t n;

	if (ppp_pap_parse_req(p, len, &r))
		return;
	REQUIRE(in(r.peer_id, r.peer_id_len, p, len));
	REQUIRE(in(r.passwd, r.passwd_len, p, len));
	REQUIRE(r.peer_id == p + 1);
	REQUIRE(r.passwd == r.peer_id + r.peer_id_len + 1);

	b = out_buf(cap);
	n = ppp_pap_build_req(b, cap, 3, r.peer_id, r.peer_id_len, r.passwd,
			      r.passwd_len);
	if (!n) {
		REQUIRE(cap < 6 + r.peer_id_len + r.passwd_len);
		check_tail(b, 0, cap);
	} else {
		REQUIRE(n == 6 + r.peer_id_len + r.passwd_len && n <= cap);
		REQUIRE(b[0] == PPP_PAP_REQ && b[1] == 3);
		REQUIRE(ppp_get_be16(b + 2) == n);
		REQUIRE(!memcmp(b + 4, p, n - 4));
		REQUIRE(!ppp_pap_parse_req(b + 4, n - 4, &r2));
		REQUIRE(r2.peer_id_len == r.peer_id_len &&
			r2.passwd_len == r.passwd_len);
		check_tail(b, n, cap);
	}
	free(b);
}

static void fuzz_pap_msg(const uint8_t *p, size_t len, size_t cap)
{
	const uint8_t *msg, *msg2;
	size_t mlen, mlen2, n;
	uint8_t *b;

	if (ppp_pap_parse_msg(p, len, &msg, &mlen))
		return;
	REQUIRE(in(msg, mlen, p, len));
	REQUIRE(len == 0 || msg == p + 1);

	b = out_buf(cap);
	n = ppp_pap_build_msg(b, cap, PPP_PAP_NAK, 4, msg, mlen);
	if (!n) {
		REQUIRE(cap < 5 + mlen);
		check_tail(b, 0, cap);
	} else {
		REQUIRE(n == 5 + mlen && ppp_get_be16(b + 2) == n);
		REQUIRE(!ppp_pap_parse_msg(b + 4, n - 4, &msg2, &mlen2));
		REQUIRE(mlen2 == mlen && !memcmp(msg2, msg, mlen));
		check_tail(b, n, cap);
	}
	free(b);
}

static void fuzz_chap(const uint8_t *p, size_t len, size_t cap)
{
	struct ppp_chap_msg m, m2;
	uint8_t *b;
	size_t n;

	if (ppp_chap_parse(p, len, &m))
		return;
	REQUIRE(m.value_len >= 1);
	REQUIRE(m.value == p + 1 && m.name == m.value + m.value_len);
	REQUIRE(m.name + m.name_len == p + len);

	b = out_buf(cap);
	n = ppp_chap_build(b, cap, PPP_CHAP_RESPONSE, 9, m.value, m.value_len,
			   m.name, m.name_len);
	if (!n) {
		REQUIRE(cap < len + 4 || m.name_len > 255);
		check_tail(b, 0, cap);
	} else {
		REQUIRE(n == len + 4 && ppp_get_be16(b + 2) == n);
		REQUIRE(!memcmp(b + 4, p, len));
		REQUIRE(!ppp_chap_parse(b + 4, n - 4, &m2));
		REQUIRE(m2.value_len == m.value_len && m2.name_len == m.name_len);
		check_tail(b, n, cap);
	}
	free(b);

	b = out_buf(cap);
	n = ppp_chap_build_status(b, cap, PPP_CHAP_FAILURE, 9, p, len);
	if (!n) {
		REQUIRE(cap < len + 4 || len > 0xffff - 4);
		check_tail(b, 0, cap);
	} else {
		REQUIRE(n == len + 4 && !memcmp(b + 4, p, len));
		check_tail(b, n, cap);
	}
	free(b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *copy;
	size_t len, cap;

	if (size < 1)
		return 0;
	/* 0 means enough for any rebuild (at most the data plus a header
	 * and a length octet); otherwise often too small. */
	len = size - 1;
	cap = data[0] ? data[0] * 2u : len + 16;
	copy = malloc(len ? len : 1);
	REQUIRE(copy);
	if (len)
		memcpy(copy, data + 1, len);
	fuzz_pap_req(copy, len, cap);
	fuzz_pap_msg(copy, len, cap);
	fuzz_chap(copy, len, cap);
	free(copy);
	return 0;
}
