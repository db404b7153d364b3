/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Van Jacobson TCP/IP header compression (RFC 1144) for PPP (RFC 1332):
 * per-connection slots in each direction, the change mask with its two
 * special cases, connection-number compression, Uncompressed-TCP frames
 * that (re)load a slot, and the "toss" rule after a receive error.
 *
 * Buffers hold an IPv4 packet (no PPP header). The compressor rewrites
 * the front of the packet in place and says where the result starts; the
 * decompressor needs PPP_VJ_HDR_MAX bytes of headroom before the
 * compressed header to rebuild the full one.
 */
#ifndef LIBPPP_VJ_H
#define LIBPPP_VJ_H

#include "compat.h"

enum {
	PPP_VJ_SLOTS_MAX = 256,
	PPP_VJ_HDR_MAX = 128,		/* IP + TCP headers kept per slot */
	PPP_VJ_COMP_MAX = 16,		/* longest compressed header */
};

struct ppp_vj_slot {
	uint8_t hdr[PPP_VJ_HDR_MAX];
	uint8_t hlen;			/* IP + TCP header length */
	bool used;
	uint32_t age;			/* transmit: when last used */
};

struct ppp_vj_stats {
	uint64_t compressed, uncompressed, ip;	/* sent as VJC, VJUC, plain IP */
	uint64_t searches, misses;		/* transmit slot lookups */
	uint64_t rx_compressed, rx_uncompressed;
	uint64_t rx_errors, rx_tossed;
};

struct ppp_vj {
	/* Transmit. */
	struct ppp_vj_slot *tx;		/* tx_slots entries */
	unsigned int tx_slots;
	uint32_t clock;
	uint8_t last_tx;		/* connection of the last compressed packet */
	bool tx_cid_comp;		/* the peer accepts connection-number compression */
	bool tx_sent_any;
	/* Receive. */
	struct ppp_vj_slot *rx;
	unsigned int rx_slots;
	uint8_t last_rx;
	bool toss;			/* after an error, until an explicit connection */
	struct ppp_vj_stats stats;
};

/*
 * Set up with caller-owned slot arrays: @tx_slots and @rx_slots (1..256,
 * max-slot-id + 1 of each direction). @tx_cid_comp: the peer agreed to
 * connection-number compression.
 */
void ppp_vj_init(struct ppp_vj *vj, struct ppp_vj_slot *tx, unsigned int tx_slots,
		 bool tx_cid_comp, struct ppp_vj_slot *rx, unsigned int rx_slots);

/*
 * Compress the IPv4 packet at @pkt (@len bytes, @*start = 0 on entry).
 * Returns the PPP protocol to send it with: PPP_PROTO_IP (unchanged),
 * PPP_PROTO_VJUC (the IP protocol byte now holds the slot) or
 * PPP_PROTO_VJC (the packet now starts at @pkt + *@start).
 */
uint16_t ppp_vj_compress(struct ppp_vj *vj, uint8_t *pkt, size_t len, size_t *start);

/*
 * Receive an Uncompressed-TCP frame (@pkt, @len, in place): the IPv4
 * packet to deliver, 0 or -EINVAL (counted; then compressed packets are
 * tossed until one names its connection).
 */
int ppp_vj_uncompressed(struct ppp_vj *vj, uint8_t *pkt, size_t len);

/*
 * Receive a Compressed-TCP frame at @buf + @off (@len bytes, @off >=
 * PPP_VJ_HDR_MAX of headroom in front). Rebuilds the IPv4 packet in place;
 * returns its length with *@start set to where it begins, or -EINVAL.
 */
int ppp_vj_decompress(struct ppp_vj *vj, uint8_t *buf, size_t off, size_t len, size_t *start);

/* A frame was lost or damaged (bad FCS, overrun): toss until resynchronised. */
void ppp_vj_rx_error(struct ppp_vj *vj);

#endif
