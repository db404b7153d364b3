/* SPDX-License-Identifier: GPL-2.0 */
/* Interface state, addresses and routes through rtnetlink (libnl-route-3). */
#ifndef NLPPPD_RTNL_H
#define NLPPPD_RTNL_H

#include <stdbool.h>
#include <stdint.h>
#include <netinet/in.h>

struct nl_rtnl;

/* The default route nlpppd replaced (replacedefaultroute), to restore it. */
struct nl_saved_route {
	bool valid;
	int ifindex;
	struct in_addr gateway;	/* 0 = none (device route) */
	uint32_t metric;
	uint8_t protocol;	/* RTPROT_* it had (dhcp, static, ...), put back too */
};

struct nl_sock;

int nl_rtnl_open(struct nl_rtnl **r);
/*
 * A handle on @sk (taken, freed by nl_rtnl_close), set up as nl_rtnl_open
 * sets up its own. Tests hand in a socket whose sends and receives libnl
 * passes to them (nl_cb_overwrite_send/recv): a kernel of their making.
 */
int nl_rtnl_wrap(struct nl_rtnl **r, struct nl_sock *sk);
void nl_rtnl_close(struct nl_rtnl *r);

/* Bring the link up or down; set the MTU first when @mtu is non-zero. */
int nl_rtnl_link_set(struct nl_rtnl *r, int ifindex, bool up, unsigned int mtu);
/*
 * Root qdisc noqueue (tc's `qdisc replace root noqueue`), before the first
 * up: the device then never gets the default one (fq_codel's tables are
 * about 64 KB). Warns in one line and returns -errno on failure.
 */
int nl_rtnl_qdisc_noqueue(struct nl_rtnl *r, int ifindex);
/* Point-to-point IPv4 address: local/32 peer peer. */
/* 1 if @a is an address of this host (its route is local), 0 if not, or -errno. */
int nl_rtnl_addr4_is_local(struct nl_rtnl *r, struct in_addr a);
int nl_rtnl_addr4(struct nl_rtnl *r, int ifindex, struct in_addr local,
		  struct in_addr peer, bool add);
/* Link-local IPv6 fe80::<local_id>/128 with peer fe80::<peer_id>. */
int nl_rtnl_addr6_ll(struct nl_rtnl *r, int ifindex, uint64_t local_id,
		     uint64_t peer_id, bool add);
/*
 * Add a default route through @ifindex. If one exists: with @replace, save
 * it in @saved and replace it; without, return -EEXIST and change nothing.
 */
int nl_rtnl_default_route_add(struct nl_rtnl *r, int ifindex, bool replace,
			      struct nl_saved_route *saved);
/* Remove our default route and put back @saved if it is valid. */
int nl_rtnl_default_route_del(struct nl_rtnl *r, int ifindex,
			      const struct nl_saved_route *saved);

#endif
