/* SPDX-License-Identifier: GPL-2.0 */
/* A bundle: one pppN net_device and the links feeding it. */
#ifndef _NLPPP_DEVICE_H
#define _NLPPP_DEVICE_H

#include "compress.h"
#include "object.h"

#include <linux/netdevice.h>

struct nlppp_link;

enum nlppp_np_index {
	NLPPP_NP_IDX_IPV4,
	NLPPP_NP_IDX_IPV6,
	NLPPP_NP_COUNT,
};

/* netdev_priv() of the pppN device; freed with it. */
struct nlppp_bundle {
	struct nlppp_obj obj;
	struct net_device *dev;
	struct nlppp_link __rcu *link;	/* written under nlppp_lock */
	u16 mru;			/* under nlppp_lock; READ_ONCE on receive */
	u8 np_mode[NLPPP_NP_COUNT];	/* under nlppp_lock; READ_ONCE on both paths */
	struct sk_buff_head npq;	/* its own lock: packets held by NLPPP_NP_QUEUE */
	struct nlppp_comp comp;		/* its own locks: CCP and VJ */
	int auto_unit;			/* from the netns's unit allocator, or -1 */
};

struct nlppp_bundle_params {
	const char *ifname;	/* or NULL */
	bool has_unit;
	u32 unit;
	u16 mru;
	struct sock *owner;	/* the netlink socket asking */
	u32 owner_portid;
	u32 flags;
};

struct nlppp_bundle *nlppp_bundle_create(struct net *net,
					 const struct nlppp_bundle_params *p,
					 struct netlink_ext_ack *extack);
void nlppp_bundle_destroy(struct nlppp_bundle *bundle);
struct nlppp_link *nlppp_bundle_link(struct nlppp_bundle *bundle);
void nlppp_bundle_set_link(struct nlppp_bundle *bundle, struct nlppp_link *link);
void nlppp_bundle_set_np_mode(struct nlppp_bundle *bundle,
			      enum nlppp_np_index idx, u8 mode);
bool nlppp_bundle_rx(struct nlppp_bundle *bundle, struct sk_buff *skb,
		     u16 proto, int hlen);

int nlppp_device_init(void);
void nlppp_device_uninit(void);

#endif
