/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The data plane behind a bundle: the kernel module (nlppp.ko, programmed
 * over generic netlink) or the user-space one (TUN + libppp). Both
 * implement the same operations; the link and the bundle never ask which
 * one they have. Addresses, MTU and routes go through rtnetlink (rtnl.h).
 *
 * Frames flow up through two calls into the link (link.h): control frames
 * (and data the bundle does not pass) through nl_link_dp_frame(), the
 * transport or the kernel link going away through nl_link_dp_down().
 */
#ifndef NLPPPD_DATAPLANE_H
#define NLPPPD_DATAPLANE_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

struct nl_dataplane;
struct nl_link;
struct nl_loop;
struct nl_registry;

enum nl_framing {
	NL_FRAMING_ASYNC,	/* RFC 1662 async HDLC: flags, escapes, FCS */
	NL_FRAMING_SYNC,	/* the device frames: one frame per write/read */
	NL_FRAMING_NONE,	/* packet transports (PPPoE): frames as they are */
};

/* What LCP negotiated for a link's framing. */
struct nl_link_params {
	uint32_t tx_map[8];	/* transmit escape map, 256 bits */
	uint32_t rx_accm;	/* receive ACCM */
	bool tx_acfc, tx_pfc;	/* the peer accepts compressed headers */
	bool rx_acfc, rx_pfc;	/* the peer may send them */
	unsigned int mru;	/* largest frame we accept */
	unsigned int peer_mru;	/* largest frame the peer accepts */
	enum nl_framing framing;
};

/* Counters, the same on both planes. */
struct nl_dp_stats {
	/* The link: frames on the wire (header included, framing excluded). */
	uint64_t rx_frames, rx_frame_bytes, tx_frames, tx_frame_bytes;
	uint64_t rx_fcs_errors, rx_frame_errors, rx_aborts, rx_overruns;
	uint64_t rx_dropped, tx_dropped;
	uint64_t tx_queue_drops, tx_queue_bytes;	/* user plane's output queue */
	/* The bundle: data packets through the interface. */
	uint64_t rx_packets, rx_bytes, tx_packets, tx_bytes;
	/*
	 * Compression and encryption (CCP, VJ), the bundle's. Bytes are the
	 * PPP protocol field and payload: comp_tx_in went into the compressor,
	 * comp_tx_out came out (sent as 0x00fd, or as is when it did not
	 * shrink: comp_tx_incompressible packets); comp_rx_in arrived as
	 * 0x00fd, comp_rx_out came out of the decompressor.
	 */
	uint64_t comp_tx_in, comp_tx_out, comp_tx_incompressible;
	uint64_t comp_rx_in, comp_rx_out;
	uint64_t comp_tx_resets;	/* compressor resets (Reset-Requests honoured) */
	uint64_t comp_rx_resets;	/* decompressor resets (Reset-Acks) */
	uint64_t comp_rx_errors;	/* decompression errors (each asks for a reset) */
	uint64_t mppe_discards;		/* MPPE packets dropped: bad header, out of sync */
	uint64_t comp_required_drops;	/* data dropped: MPPE required and not (yet) on */
	uint64_t vj_tx_compressed, vj_tx_uncompressed, vj_rx_compressed,
		 vj_rx_uncompressed, vj_rx_errors, vj_rx_tossed;
};

/*
 * One direction's compression as CCP agreed (RFC 1962): the transmit side
 * compresses what we send, the receive side decompresses 0x00fd frames.
 */
struct nl_ccp_dir {
	unsigned int method;		/* one PPP_CCP_* bit (libppp/ccp.h); 0: none */
	/* Nothing of IPv4/IPv6 passes this direction uncompressed (MPPE required):
	 * with method 0 data is dropped (comp_required_drops). */
	bool required;
	uint8_t deflate_window;		/* log2, 9..15 (PPP_CCP_DEFLATE[_DRAFT]) */
	uint8_t bsd_bits;		/* 9..15 (PPP_CCP_BSD) */
	uint16_t mppe_bits;		/* 40, 56 or 128 */
	bool mppe_stateful;
	uint8_t mppe_key[16];		/* RFC 3079 start key; the caller wipes it */
};

/* VJ (RFC 1332) as IPCP agreed; 0 slots: off in that direction. */
struct nl_vj_params {
	unsigned int tx_slots, rx_slots;	/* max-slot-id + 1 (1..256) */
	bool tx_cid_comp;		/* the peer accepts slot-id compression */
};

struct nl_dataplane_ops {
	const char *name;	/* "user" or "kernel" */
	unsigned int ccp_methods;	/* PPP_CCP_* set_ccp can run */
	/* Create the interface (down): @ifname if non-empty, else ppp<unit>,
	 * else the first free pppN. Fills dp->ifname/ifindex/unit. */
	int (*create)(struct nl_dataplane *dp, const char *ifname, int unit);
	void (*destroy)(struct nl_dataplane *dp);
	/* Take over @l's transport (l->tr) and attach the link to the bundle. */
	int (*link_attach)(struct nl_dataplane *dp, struct nl_link *l);
	/* Write out what is queued (a last Terminate-Ack), give the transport
	 * back to the link (the tty to N_TTY), detach. Idempotent. */
	void (*link_detach)(struct nl_dataplane *dp, struct nl_link *l);
	/* Send a control frame's information field with protocol @proto. */
	int (*send)(struct nl_dataplane *dp, struct nl_link *l, uint16_t proto,
		    const uint8_t *p, size_t len);
	int (*set_link)(struct nl_dataplane *dp, struct nl_link *l,
			const struct nl_link_params *lp);
	/* Carry (@pass) or drop data of @proto (PPP_PROTO_IP, PPP_PROTO_IPV6). */
	int (*set_np)(struct nl_dataplane *dp, uint16_t proto, bool pass);
	/* Counters of @l (NULL: none) and of the bundle. */
	int (*stats)(struct nl_dataplane *dp, struct nl_link *l, struct nl_dp_stats *st);
	/*
	 * Compression: set one direction (@tx: what we send) to @c, replacing
	 * what ran there (its history starts empty). -EOPNOTSUPP for a method
	 * the plane does not have: CCP then closes and data flows as is.
	 */
	int (*set_ccp)(struct nl_dataplane *dp, bool tx, const struct nl_ccp_dir *c);
	/*
	 * CCP Reset (RFC 1962 2): @tx: the peer sent a Reset-Request, restart
	 * the compressor (MPPE: the next packet is FLUSHED); !@tx: a Reset-Ack
	 * came, restart the decompressor.
	 */
	int (*ccp_reset)(struct nl_dataplane *dp, bool tx);
	int (*set_vj)(struct nl_dataplane *dp, const struct nl_vj_params *vj);
};

struct nl_dataplane {
	const struct nl_dataplane_ops *ops;
	struct nl_loop *loop;	/* set before create; NULL only in tools */
	struct nl_registry *reg;	/* shared channels (kernel plane) */
	char ifname[16];
	int ifindex;
	int unit;
	int fd;		/* user plane: the TUN fd, one IPv4/IPv6 packet per
			 * read/write (no PI); kernel plane: -1 */
	bool noqueue;	/* set before create: the link never pushes back
			 * (PPPoE), so the kernel plane's pppN gets no qdisc,
			 * and the user plane's TUN the noqueue one */
	void *priv;	/* the plane's own state */
};

extern const struct nl_dataplane_ops nl_dp_user_ops;
extern const struct nl_dataplane_ops nl_dp_kernel_ops;

/* Is the nlppp module there to talk to? (Its generic netlink family resolves.) */
bool nl_dp_kernel_available(void);

struct nl_config;

/*
 * Create the bundle's interface on the plane @c->dataplane asks for (auto:
 * the kernel module if it answers and @tty says the link is a tty or a
 * PPPoE session, else user space), logging which one. @pppoe: the link is a
 * PPPoE session (on the kernel plane its pppN then has no qdisc of its
 * own). Returns 0 or -errno with one line logged.
 */
int nl_dataplane_open(struct nl_dataplane *dp, struct nl_registry *reg,
		      const struct nl_config *c, bool tty, bool pppoe);

/*
 * Will PPPoE sessions under @c run on the kernel plane? (Asked once, when
 * the interface opens: the kernel then takes the session frames, and a
 * session the kernel plane then fails to carry gets no data.)
 */
bool nl_dataplane_pppoe_kernel(const struct nl_config *c);

#endif
