/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the option-codec fuzz targets (fuzz_lcp.c, fuzz_ipcp.c,
 * fuzz_ipv6cp.c) share. The three codecs have the same six entry points,
 * ppp_<proto>_{reset,build_req,recv_req,recv_nak,recv_rej,recv_ack}, so a
 * target defines OPTCHECK_PROTO as lcp, ipcp or ipv6cp, includes its codec's
 * header and then this one, and defines the protocol's own checks:
 *
 *   check_proto(n, req, len)  invariants of @n and of our request @req/@len
 *   check_nak(n, nak, len)    what a Nak we sent (in @nak/@len) may suggest
 *
 * optcheck_run() plays a script of steps, so the fuzzer can drive a
 * negotiation through several packets:
 *
 *   { op, len, data[len] }...
 *
 * op bits 0-2: 0 Configure-Request from the peer, 1 Nak, 2 Reject, 3 Ack of
 * the data; 4 reset; 5 the peer acks our request; 6 the peer rejects all of
 * it; 7 our own request looped back to us. Bit 3: last / no_nak. Bits 4-7:
 * output capacity (0 = plenty, else 4 * n bytes).
 *
 * Checked: no crash; replies fit and are well-formed option lists; an Ack
 * echoes the request, a Reject only holds the peer's options unchanged and
 * in order; a malformed list is refused and changes nothing; our own request
 * is always well-formed and acceptable to ack and reject.
 */
#ifndef NLPPP_FUZZ_OPTCHECK_H
#define NLPPP_FUZZ_OPTCHECK_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "libppp/ppp.h"

#ifndef OPTCHECK_PROTO
#error "define OPTCHECK_PROTO (lcp, ipcp or ipv6cp) before including optcheck.h"
#endif

#define REQUIRE(c) do { if (!(c)) abort(); } while (0)

#define OPTCHECK_CAT_(a, b, c) a##b##c
#define OPTCHECK_CAT(a, b, c) OPTCHECK_CAT_(a, b, c)
/* OC_FN(recv_req) is ppp_lcp_recv_req for lcp; OC_NEG is its state. */
#define OC_FN(name) OPTCHECK_CAT(ppp_, OPTCHECK_PROTO, _##name)
#define OC_NEG struct OPTCHECK_CAT(ppp_, OPTCHECK_PROTO, _neg)

static void check_proto(OC_NEG *n, const uint8_t *req, size_t len);
static void check_nak(OC_NEG *n, const uint8_t *nak, size_t len);

static inline bool valid_list(const uint8_t *p, size_t len)
{
	size_t off = 0;

	while (off < len) {
		if (len - off < 2 || p[off + 1] < 2 || p[off + 1] > len - off)
			return false;
		off += p[off + 1];
	}
	return true;
}

/* Every option of @sub appears byte-identical in @p, in the same order. */
static inline bool is_sublist(const uint8_t *sub, size_t slen,
			      const uint8_t *p, size_t len)
{
	size_t so = 0, po = 0;

	while (so < slen) {
		while (po < len && !(p[po + 1] == sub[so + 1] &&
				     !memcmp(p + po, sub + so, sub[so + 1])))
			po += p[po + 1];
		if (po >= len)
			return false;
		po += p[po + 1];
		so += sub[so + 1];
	}
	return true;
}

/* The option types of @sub appear in @p in the same order. */
static inline bool types_in_order(const uint8_t *sub, size_t slen,
				  const uint8_t *p, size_t len)
{
	size_t so = 0, po = 0;

	while (so < slen) {
		while (po < len && p[po] != sub[so])
			po += p[po + 1];
		if (po >= len)
			return false;
		po += p[po + 1];
		so += sub[so + 1];
	}
	return true;
}

static inline void check_invariants(OC_NEG *n)
{
	OC_NEG copy;
	uint8_t b[64];
	size_t l = OC_FN(build_req)(n, b, sizeof(b));

	REQUIRE(valid_list(b, l));
	check_proto(n, b, l);
	copy = *n;
	REQUIRE(OC_FN(recv_ack)(&copy, b, l) == 0);
	copy = *n;
	REQUIRE(OC_FN(recv_rej)(&copy, b, l) == 0);
	REQUIRE(OC_FN(build_req)(&copy, b, sizeof(b)) == 0);
}

static inline void do_req(OC_NEG *n, const uint8_t *p, size_t len,
			  size_t cap, bool flag)
{
	OC_NEG before = *n;
	uint8_t *out = malloc(cap ? cap : 1);
	size_t ol = 0;
	int rc;

	rc = OC_FN(recv_req)(n, p, len, out, cap, &ol, flag);
	if (!valid_list(p, len)) {
		REQUIRE(rc == -EINVAL);
	}
	if (rc < 0) {
		REQUIRE(rc == -EINVAL || rc == -ENOSPC);
		REQUIRE(!memcmp(&before, n, sizeof(before)));
		free(out);
		return;
	}
	REQUIRE(ol <= cap);
	REQUIRE(valid_list(out, ol));
	switch (rc) {
	case PPP_CONFACK:
		REQUIRE(ol == len && (!len || !memcmp(out, p, len)));
		break;
	case PPP_CONFREJ:
		REQUIRE(ol > 0 && is_sublist(out, ol, p, len));
		break;
	case PPP_CONFNAK:
		REQUIRE(!flag);
		REQUIRE(ol > 0 && types_in_order(out, ol, p, len));
		check_nak(n, out, ol);
		break;
	default:
		abort();
	}
	free(out);
}

static inline void do_reply(OC_NEG *n, int op, const uint8_t *p, size_t len,
			    bool flag)
{
	OC_NEG before = *n;
	int rc;

	if (op == 1)
		rc = OC_FN(recv_nak)(n, p, len, flag);
	else if (op == 2)
		rc = OC_FN(recv_rej)(n, p, len);
	else
		rc = OC_FN(recv_ack)(n, p, len);
	REQUIRE(rc == 0 || rc == -EINVAL);
	if (!valid_list(p, len))
		REQUIRE(rc == -EINVAL);
	if (rc)
		REQUIRE(!memcmp(&before, n, sizeof(before)));
}

/* Reset the configured @n and play the script @data/@size against it. */
static inline void optcheck_run(OC_NEG *n, const uint8_t *data, size_t size)
{
	uint8_t b[64];
	size_t off, l;

	OC_FN(reset)(n);
	check_invariants(n);

	for (off = 0; off + 2 <= size; off += 2 + l) {
		uint8_t op = data[off];
		bool flag = op & 8;
		size_t cap = op >> 4 ? (size_t)(op >> 4) * 4 : 512;
		const uint8_t *p = data + off + 2;

		l = data[off + 1];
		if (l > size - off - 2)
			l = size - off - 2;
		switch (op & 7) {
		case 0:
			do_req(n, p, l, cap, flag);
			break;
		case 1:
		case 2:
		case 3:
			do_reply(n, op & 7, p, l, flag);
			break;
		case 4:
			OC_FN(reset)(n);
			break;
		case 5:
			l = 0;
			REQUIRE(OC_FN(recv_ack)(n, b, OC_FN(build_req)(n, b, sizeof(b))) == 0);
			break;
		case 6:
			l = 0;
			REQUIRE(OC_FN(recv_rej)(n, b, OC_FN(build_req)(n, b, sizeof(b))) == 0);
			break;
		case 7:
			l = 0;
			do_req(n, b, OC_FN(build_req)(n, b, sizeof(b)), cap, flag);
			break;
		}
		check_invariants(n);
	}
}

#endif
