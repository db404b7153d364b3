/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The data plane behind a bundle: the kernel module (next issue) or the
 * user-space one (TUN + libppp). Addresses, MTU and routes go through
 * rtnetlink (rtnl.h) for both.
 */
#ifndef NLPPPD_DATAPLANE_H
#define NLPPPD_DATAPLANE_H

#include <stdbool.h>
#include <sys/types.h>

struct nl_dataplane;

struct nl_dataplane_ops {
	const char *name;	/* "user" or "kernel" */
	/* Create the interface (down): @ifname if non-empty, else ppp<unit>,
	 * else the first free pppN. Fills dp->ifname/ifindex/unit/fd. */
	int (*create)(struct nl_dataplane *dp, const char *ifname, int unit);
	void (*destroy)(struct nl_dataplane *dp);
};

struct nl_dataplane {
	const struct nl_dataplane_ops *ops;
	char ifname[16];
	int ifindex;
	int unit;
	int fd;		/* user plane: TUN fd, one IPv4/IPv6 packet per read/write (no PI); else -1 */
};

extern const struct nl_dataplane_ops nl_dp_user_ops;

struct nl_config;

/*
 * Create the bundle's interface on the plane @c->dataplane asks for (auto:
 * the kernel module if it answers, else user space), logging which one.
 * Returns 0 or -errno with one line logged.
 */
int nl_dataplane_open(struct nl_dataplane *dp, const struct nl_config *c);

#endif
