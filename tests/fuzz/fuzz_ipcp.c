// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz the IPCP option codec. The input is a configuration followed by a
 * script of steps (see optcheck.h for the script and what is checked):
 *
 *   cfg[12] then  { op, len, data[len] }...
 *
 * On top of optcheck.h: a server option we stopped asking for has no value,
 * a configured address only moves when allowed, a Nak never suggests
 * 0.0.0.0, and VJ never goes beyond the configuration: no more slots than
 * vj-max-slots, no slot-id compression under novjccomp, nothing under novj,
 * whatever the peer asks or suggests. cfg[3] bits 1-7: VJ on, slot-id
 * compression, max slot id.
 */
#include "libppp/ipcp.h"
#define OPTCHECK_PROTO ipcp
#include "optcheck.h"

static void check_proto(struct ppp_ipcp_neg *n, const uint8_t *req, size_t len)
{
	REQUIRE(len <= 36 && len % 6 == 0);
	REQUIRE(n->vj || (!n->cur.neg_vj && !n->his.neg_vj));
	REQUIRE(!n->cur.neg_vj || n->cur.vj_max_slot <= n->vj_max_slot);
	REQUIRE(!n->his.neg_vj || n->his.vj_max_slot <= n->vj_max_slot);
	REQUIRE(n->vj_cid || (!n->cur.vj_cid && !n->his.vj_cid));
	/* A server option we stopped asking for has no value. */
	REQUIRE(n->cur.neg_dns1 || !n->cur.dns1);
	REQUIRE(n->cur.neg_dns2 || !n->cur.dns2);
	REQUIRE(n->cur.neg_nbns1 || !n->cur.nbns1);
	REQUIRE(n->cur.neg_nbns2 || !n->cur.nbns2);
	/* A configured address only moves when accept_local allows it. */
	if (n->local && !n->accept_local)
		REQUIRE(n->cur.addr == n->local);
}

/* Every suggestion is an address or our VJ limits; with none to give we
 * reject instead. */
static void check_nak(struct ppp_ipcp_neg *n, const uint8_t *nak, size_t len)
{
	size_t off;

	for (off = 0; off < len; off += nak[off + 1]) {
		const uint8_t *o = nak + off;

		REQUIRE(o[1] == 6);
		if (o[0] == PPP_IPCP_OPT_COMP)
			REQUIRE(n->vj && ppp_get_be16(o + 2) == PPP_PROTO_VJC &&
				o[4] <= n->vj_max_slot && o[5] <= n->vj_cid);
		else
			REQUIRE(ppp_get_be32(o + 2) != 0);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ppp_ipcp_neg n;
	uint8_t f;

	if (size < 12)
		return 0;
	/* Addresses from few bits so that matches with the input are likely. */
	memset(&n, 0, sizeof(n));
	f = data[0];
	n.local = f & 1 ? 0x0a000000u | data[1] : 0;
	n.remote = f & 2 ? 0x0a000000u | data[2] : 0;
	n.accept_local = f & 4;
	n.accept_remote = f & 8;
	n.req_dns = f & 16;
	n.dns[0] = f & 32 ? ppp_get_be32(data + 4) : 0;
	n.dns[1] = f & 64 ? ppp_get_be32(data + 8) : 0;
	n.nbns[0] = data[3] & 1 ? 0x0a000000u | data[3] : 0;
	n.nbns[1] = f & 128 ? 0x0a000000u | data[3] : 0;
	n.vj = data[3] & 2;
	n.vj_cid = data[3] & 4;
	n.vj_max_slot = data[3] >> 3;	/* 0..31: beyond vj-max-slots on purpose */
	optcheck_run(&n, data + 12, size - 12);
	return 0;
}
