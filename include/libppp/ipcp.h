/* SPDX-License-Identifier: GPL-2.0 */
/*
 * IPCP option negotiation (RFC 1332, RFC 1877): IP-Address, primary and
 * secondary DNS and NBNS, and Van Jacobson TCP/IP header compression
 * (IP-Compression-Protocol 0x002d with Max-Slot-Id and Comp-Slot-Id).
 * Addresses are in host byte order; 0 = none. The old IP-Addresses option
 * and RFC 1172's VJ value 0x0037 are rejected.
 *
 * A Configure-Request says what its sender can receive (RFC 1661 5.1), so
 * the VJ parameters we ack (his) are what we compress with, and those the
 * peer acks (got) are what it compresses with towards us.
 */
#ifndef LIBPPP_IPCP_H
#define LIBPPP_IPCP_H

#include "compat.h"

enum ppp_ipcp_opt {
	PPP_IPCP_OPT_ADDRS = 1,
	PPP_IPCP_OPT_COMP = 2,
	PPP_IPCP_OPT_ADDR = 3,
	PPP_IPCP_OPT_DNS1 = 129,
	PPP_IPCP_OPT_NBNS1 = 130,
	PPP_IPCP_OPT_DNS2 = 131,
	PPP_IPCP_OPT_NBNS2 = 132,
};

enum {
	PPP_IPCP_VJ_SLOTS_MIN = 2,	/* vj-max-slots range, as pppd */
	PPP_IPCP_VJ_SLOTS_MAX = 16,
};

struct ppp_ipcp_opts {
	bool neg_addr, neg_dns1, neg_dns2, neg_nbns1, neg_nbns2;
	uint32_t addr;
	uint32_t dns1, dns2, nbns1, nbns2;
	bool neg_vj;
	uint8_t vj_max_slot;	/* Max-Slot-Id: slots - 1 */
	bool vj_cid;		/* Comp-Slot-Id: slot ids may be left out */
};

struct ppp_ipcp_neg {
	/* Configuration. */
	uint32_t local;		/* our address; 0 = ask the peer (noipdefault) */
	uint32_t remote;	/* the peer's address; 0 = the peer chooses */
	bool accept_local;	/* take the address the peer naks us with */
	bool accept_remote;	/* let the peer use another address than @remote */
	bool req_dns;		/* ask the peer for DNS servers (usepeerdns) */
	uint32_t dns[2];	/* DNS servers to give the peer (ms-dns), 0 = none */
	uint32_t nbns[2];	/* NBNS servers to give the peer (ms-wins) */
	bool vj;		/* ask for VJ and accept the peer's (not novj) */
	bool vj_cid;		/* slot-id compression both ways (not novjccomp) */
	uint8_t vj_max_slot;	/* vj-max-slots - 1: our receive slots, the most we send with */

	/* Negotiation state. */
	struct ppp_ipcp_opts cur;	/* our current Configure-Request */
	struct ppp_ipcp_opts got;	/* ours, acked: got.addr is our address, dns1/2 the peer's DNS */
	struct ppp_ipcp_opts his;	/* the peer's, acked: his.addr is its address */
};

void ppp_ipcp_reset(struct ppp_ipcp_neg *n);
size_t ppp_ipcp_build_req(struct ppp_ipcp_neg *n, uint8_t *buf, size_t cap);
int ppp_ipcp_recv_ack(struct ppp_ipcp_neg *n, const uint8_t *p, size_t len);
int ppp_ipcp_recv_nak(struct ppp_ipcp_neg *n, const uint8_t *p, size_t len, bool last);
int ppp_ipcp_recv_rej(struct ppp_ipcp_neg *n, const uint8_t *p, size_t len);
int ppp_ipcp_recv_req(struct ppp_ipcp_neg *n, const uint8_t *p, size_t len,
		      uint8_t *out, size_t cap, size_t *outlen, bool no_nak);

/*
 * Why @addr (host byte order) can be no PPP endpoint's address, or NULL if
 * it can: 0.0.0.0/8, loopback (127/8), multicast (224/4), the limited
 * broadcast 255.255.255.255 and the rest of class E (240/4). pppd's
 * bad_ip_adrs() plus 0/8; 0 itself, "no address", is the caller's case.
 */
const char *ppp_ipv4_addr_unusable(uint32_t addr);

#endif
