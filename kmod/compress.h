/* SPDX-License-Identifier: GPL-2.0 */
/* A bundle's compression and encryption: CCP per direction, and VJ. */
#ifndef _NLPPP_COMPRESS_H
#define _NLPPP_COMPRESS_H

#include <linux/atomic.h>
#include <linux/skbuff.h>
#include <linux/spinlock.h>
#include <uapi/linux/nlppp.h>

struct netlink_ext_ack;
struct nlppp_comp_method;
struct ppp_mppe_ops;
struct ppp_vj;

/* One direction's CCP configuration, as NLPPP_A_CCP_* carry it. */
struct nlppp_ccp_cfg {
	u8 method;		/* enum nlppp_ccp_method */
	bool required;
	u8 deflate_window;
	u8 bsd_bits;
	u8 mppe_bits;
	bool mppe_stateful;
	u8 mppe_key[16];	/* only on the way in; wiped by nlppp_comp_set() */
};

struct nlppp_vj_cfg {
	u16 tx_slots, rx_slots;
	bool tx_cid_comp;
};

struct nlppp_comp_dir {
	/*
	 * Serialises the method's state (the history, the MPPE coherency count
	 * and RC4 state) between the data path and a configuration swap, and
	 * protects every field below. Taken with BHs off; nothing else is
	 * taken inside it.
	 */
	spinlock_t lock;
	const struct nlppp_comp_method *m;	/* NULL: none */
	void *state;			/* the method's, allocated outside the lock */
	struct nlppp_ccp_cfg cfg;	/* reported by GET; the key is always zero here */
	bool need_reset;		/* rx: CCP_ERROR sent, no CCP_RESET RX since */
	unsigned long far_jump;		/* rx, stateless MPPE: jiffies of the last long rekey run */
};

/*
 * Configuration changes (nlppp_comp_set*, _uninit) are serialised by
 * nlppp_lock (every netlink handler, and bundle teardown, hold it); the
 * locks below order them against the data path only.
 */
struct nlppp_comp {
	struct nlppp_comp_dir tx, rx;
	/* What the data paths need to look at at all; READ_ONCE there. */
	bool tx_on, rx_on;		/* a method or REQUIRED, each direction */
	bool rx_required;		/* plain IPv4/IPv6 received is dropped */
	bool rx_hist;			/* frames received as is join the rx history */
	bool vj_tx_on, vj_rx_on;
	spinlock_t vj_lock;		/* protects vj and vj_cfg; BHs off */
	struct ppp_vj *vj;		/* NULL: VJ off */
	struct nlppp_vj_cfg vj_cfg;
	atomic64_t stats[__NLPPP_A_STATS_MAX];	/* the NLPPP_A_STATS_COMP_* and _VJ_* ones */
};

struct nlppp_bundle;

bool nlppp_comp_has_method(bool tx, u8 method);
void nlppp_comp_init(struct nlppp_comp *c);
void nlppp_comp_uninit(struct nlppp_comp *c);
int nlppp_comp_set(struct nlppp_comp *c, bool tx, struct nlppp_ccp_cfg *cfg,
		   struct netlink_ext_ack *extack);
void nlppp_comp_reset(struct nlppp_comp *c, bool tx);
int nlppp_comp_set_vj(struct nlppp_comp *c, const struct nlppp_vj_cfg *cfg);
void nlppp_comp_get_cfg(struct nlppp_comp *c, bool tx, struct nlppp_ccp_cfg *cfg);
void nlppp_comp_get_vj(struct nlppp_comp *c, struct nlppp_vj_cfg *cfg);
void nlppp_comp_get_stats(struct nlppp_comp *c, u64 *stats);

struct sk_buff *nlppp_comp_xmit(struct nlppp_comp *c, struct sk_buff *skb, u16 *proto,
				unsigned int mtu);
bool nlppp_comp_rx_wants(struct nlppp_comp *c, u16 proto);
bool nlppp_comp_rx_plain_ok(struct nlppp_comp *c);
int nlppp_comp_rx(struct nlppp_bundle *bundle, struct sk_buff **skbp, u16 *proto);
void nlppp_comp_rx_incomp(struct nlppp_bundle *bundle, struct sk_buff *skb, u16 proto);

extern const struct ppp_mppe_ops nlppp_mppe_ops;

#endif
