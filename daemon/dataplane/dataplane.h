/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The data plane behind a bundle: the kernel module (nlppp.ko, programmed
 * over generic netlink) or the user-space one (TUN + libppp). Addresses, MTU
 * and routes go through rtnetlink (rtnl.h) for both.
 *
 * With the user plane the session reads the transport and the TUN device
 * itself. With the kernel plane the tty belongs to the line discipline:
 * data never reaches the daemon, control frames arrive through @on_frame
 * and leave through ops->send.
 */
#ifndef NLPPPD_DATAPLANE_H
#define NLPPPD_DATAPLANE_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

struct nl_dataplane;

/* What LCP negotiated for the link's framing (kernel plane). */
struct nl_link_params {
	uint32_t tx_map[8];	/* transmit escape map, 256 bits */
	uint32_t rx_accm;	/* receive ACCM */
	bool tx_acfc, tx_pfc;	/* the peer accepts compressed headers */
	unsigned int mru;	/* largest frame we accept */
	bool sync;		/* sync framing (the device frames) instead of async HDLC */
};

/* Link counters read back from the kernel plane. */
struct nl_dp_stats {
	uint64_t rx_packets, rx_bytes, tx_packets, tx_bytes;
	uint64_t rx_fcs_errors, rx_frame_errors, rx_aborts, rx_overruns;
	uint64_t rx_dropped, tx_dropped;
};

struct nl_dataplane_ops {
	const char *name;	/* "user" or "kernel" */
	/* Create the interface (down): @ifname if non-empty, else ppp<unit>,
	 * else the first free pppN. Fills dp->ifname/ifindex/unit/fd. */
	int (*create)(struct nl_dataplane *dp, const char *ifname, int unit);
	void (*destroy)(struct nl_dataplane *dp);

	/* The rest is the kernel plane's; NULL for the user plane. */
	/* Give the tty @fd to the line discipline and attach its link. */
	int (*link_open)(struct nl_dataplane *dp, int fd);
	/* Send a control frame's information field with protocol @proto. */
	int (*send)(struct nl_dataplane *dp, uint16_t proto, const uint8_t *p,
		    size_t len);
	int (*set_link)(struct nl_dataplane *dp, const struct nl_link_params *lp);
	/* Carry (@pass) or drop data of @proto (PPP_PROTO_IP, PPP_PROTO_IPV6). */
	int (*set_np)(struct nl_dataplane *dp, uint16_t proto, bool pass);
	/* dp->fd is readable: deliver events through the callbacks below. */
	void (*input)(struct nl_dataplane *dp);
	int (*stats)(struct nl_dataplane *dp, struct nl_dp_stats *st);
};

struct nl_dataplane {
	const struct nl_dataplane_ops *ops;
	char ifname[16];
	int ifindex;
	int unit;
	int fd;		/* user plane: TUN fd, one IPv4/IPv6 packet per read/write
			 * (no PI); kernel plane: the generic netlink socket */
	void *priv;	/* the plane's own state */

	/* Set by the owner before link_open (kernel plane events). */
	void (*on_frame)(void *ctx, uint16_t proto, const uint8_t *p, size_t len);
	void (*on_down)(void *ctx, int reason);
	void *cb_ctx;
};

extern const struct nl_dataplane_ops nl_dp_user_ops;
extern const struct nl_dataplane_ops nl_dp_kernel_ops;

/* Is the nlppp module there to talk to? (Its generic netlink family resolves.) */
bool nl_dp_kernel_available(void);

struct nl_config;

/*
 * Create the bundle's interface on the plane @c->dataplane asks for (auto:
 * the kernel module if it answers and @fd is a tty, else user space),
 * logging which one. With the kernel plane the tty @fd is handed to the
 * line discipline. Returns 0 or -errno with one line logged.
 */
int nl_dataplane_open(struct nl_dataplane *dp, const struct nl_config *c,
		      int fd);

#endif
