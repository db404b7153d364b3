/* SPDX-License-Identifier: GPL-2.0 */
/* A link: one transport with its framing, attachable to a bundle. */
#ifndef _NLPPP_LINK_H
#define _NLPPP_LINK_H

#include "object.h"

#include <linux/atomic.h>
#include <linux/refcount.h>
#include <linux/percpu.h>
#include <linux/skbuff.h>
#include <linux/u64_stats_sync.h>
#include <uapi/linux/nlppp.h>

struct nlppp_bundle;
struct nlppp_link;

/* Framing configuration, written under nlppp_lock, applied by ops->configure. */
struct nlppp_link_cfg {
	u8 type;		/* enum nlppp_link_type */
	u32 lflags;		/* NLPPP_LF_*; READ_ONCE in the transmit path */
	u16 mru;
	u32 tx_accm[8];
	u32 rx_accm;
};

struct nlppp_link_ops {
	/* Queue one frame (PPP header included, linear) for the wire; consumes @skb. */
	int (*xmit)(struct nlppp_link *link, struct sk_buff *skb, bool ctrl);
	/* Take up link->cfg; under nlppp_lock, may sleep. */
	int (*configure)(struct nlppp_link *link, const struct nlppp_link_cfg *cfg);
	/* Add the transport's own counters, indexed by NLPPP_A_STATS_*. */
	void (*get_stats)(struct nlppp_link *link, u64 *stats);
	/* Free the containing object; runs after an RCU grace period. */
	void (*free)(struct nlppp_link *link);
	/* Optional: the claim is gone, under nlppp_lock (PPPoE: unhash, drop the ref). */
	void (*released)(struct nlppp_link *link);
	/* Optional: the transport's own attributes in a LINK_GET reply. */
	int (*fill)(struct nlppp_link *link, struct sk_buff *skb);
};

/* The counters every data packet moves: per CPU, no shared cache line. */
struct nlppp_link_pcpu {
	u64_stats_t rx_packets, rx_bytes, tx_packets, tx_bytes;
	struct u64_stats_sync syncp;
};

struct nlppp_link {
	struct nlppp_obj obj;		/* id != 0 once claimed */
	const struct nlppp_link_ops *ops;
	refcount_t refcnt;
	struct rcu_head rcu;
	struct list_head node;		/* nlppp_links; under nlppp_lock */
	u64 cookie;			/* immutable; names the link in LINK_NEW */
	u64 net_cookie;			/* immutable: netns of the tty's opener, the only one that may claim */
	unsigned short headroom;	/* immutable: the transport's bytes before the PPP header */
	bool released;			/* under nlppp_lock: claimed once, now gone */
	bool dead;			/* under nlppp_lock: transport went away */
	struct nlppp_bundle __rcu *bundle;	/* written under nlppp_lock */
	struct nlppp_link_cfg cfg;	/* under nlppp_lock */
	struct nlppp_link_pcpu __percpu *pcpu;	/* RX/TX_PACKETS and _BYTES */
	atomic64_t stats[__NLPPP_A_STATS_MAX];	/* the others */
};

/* Any counter but RX/TX_PACKETS and RX/TX_BYTES (nlppp_link_count_frame). */
static inline void nlppp_link_count(struct nlppp_link *link, int which, s64 n)
{
	atomic64_add(n, &link->stats[which]);
}

/* One frame of @len bytes, received or sent; any context. */
static inline void nlppp_link_count_frame(struct nlppp_link *link, bool tx, unsigned int len)
{
	struct nlppp_link_pcpu *s = get_cpu_ptr(link->pcpu);
	unsigned long flags = u64_stats_update_begin_irqsave(&s->syncp);

	u64_stats_inc(tx ? &s->tx_packets : &s->rx_packets);
	u64_stats_add(tx ? &s->tx_bytes : &s->rx_bytes, len);
	u64_stats_update_end_irqrestore(&s->syncp, flags);
	put_cpu_ptr(link->pcpu);
}

/* 0 or -ENOMEM; a link that was initialised is freed by nlppp_link_uninit(). */
int nlppp_link_init(struct nlppp_link *link, const struct nlppp_link_ops *ops,
		     struct net *net);
void nlppp_link_uninit(struct nlppp_link *link);
void nlppp_link_register(struct nlppp_link *link);
void nlppp_link_unregister(struct nlppp_link *link, enum nlppp_down_reason why);
void nlppp_link_put(struct nlppp_link *link);

struct nlppp_link *nlppp_link_find_cookie(struct net *net, u64 cookie);
int nlppp_link_claim(struct nlppp_link *link, struct net *net,
		     struct sock *owner, u32 portid, u32 flags);
void nlppp_link_release(struct nlppp_link *link, enum nlppp_down_reason why);
int nlppp_link_configure(struct nlppp_link *link, const struct nlppp_link_cfg *cfg);
void nlppp_link_attach(struct nlppp_link *link, struct nlppp_bundle *bundle);
void nlppp_link_detach(struct nlppp_link *link);
struct nlppp_bundle *nlppp_link_bundle(struct nlppp_link *link);
void nlppp_link_release_net(struct net *net);
void nlppp_link_get_stats(struct nlppp_link *link, u64 *stats);

int nlppp_link_xmit(struct nlppp_link *link, struct sk_buff *skb, u16 proto);
int nlppp_link_send_ctrl(struct nlppp_link *link, u16 proto,
			 const void *data, size_t len);
void nlppp_link_rx(struct nlppp_link *link, struct sk_buff *skb);
void nlppp_link_tx_stop(struct nlppp_link *link);
void nlppp_link_tx_wake(struct nlppp_link *link);

#endif
