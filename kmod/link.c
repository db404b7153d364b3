// SPDX-License-Identifier: GPL-2.0
/*
 * Links: life cycle, attachment to a bundle, and the transport-independent
 * part of both data directions (the PPP header, dispatch of what arrives).
 *
 * A transport (the tty line discipline today) embeds a struct nlppp_link,
 * holds its one reference, and registers it unclaimed. A daemon claims it
 * by cookie (it becomes a netlink object with an id and an owner), and
 * attaches it to a bundle. The data path finds bundle and link through the
 * RCU pointers link->bundle and bundle->link; the link's memory is freed
 * one grace period after the last reference goes.
 */
#include "link.h"
#include "device.h"
#include "netlink.h"
#include "main.h"

#include <linux/random.h>
#include <linux/rculist.h>
#include <libppp/ppp.h>

/* Every live link, claimed or not; under nlppp_lock. */
static LIST_HEAD(nlppp_links);

/*
 * @net: the netns of whoever made the transport; only a daemon in that
 * netns can claim the link (a cookie is a secret, but not across netns).
 */
int nlppp_link_init(struct nlppp_link *link, const struct nlppp_link_ops *ops,
		    struct net *net)
{
	int i;

	link->pcpu = alloc_percpu(struct nlppp_link_pcpu);
	if (!link->pcpu)
		return -ENOMEM;
	link->ops = ops;
	link->net_cookie = net->net_cookie;
	refcount_set(&link->refcnt, 1);
	INIT_LIST_HEAD(&link->node);
	do
		link->cookie = get_random_u64();
	while (!link->cookie);
	/* RFC 1662 defaults until LCP says otherwise; the MRU is the module's. */
	link->cfg.type = NLPPP_LINK_ASYNC;
	link->cfg.mru = nlppp_link_default_mru();
	link->cfg.tx_accm[0] = ~0u;
	link->cfg.tx_accm[3] = 1u << (0x7d & 31) | 1u << (0x7e & 31);
	link->cfg.rx_accm = ~0u;
	for (i = 0; i < ARRAY_SIZE(link->stats); i++)
		atomic64_set(&link->stats[i], 0);
	return 0;
}

void nlppp_link_uninit(struct nlppp_link *link)
{
	free_percpu(link->pcpu);
	link->pcpu = NULL;
}

void nlppp_link_register(struct nlppp_link *link)
{
	mutex_lock(&nlppp_lock);
	list_add_tail(&link->node, &nlppp_links);
	mutex_unlock(&nlppp_lock);
}

/* The transport is going away: report, detach and forget the link. */
void nlppp_link_unregister(struct nlppp_link *link, enum nlppp_down_reason why)
{
	mutex_lock(&nlppp_lock);
	if (!link->dead) {
		nlppp_link_release(link, why);
		list_del_init(&link->node);
		link->dead = true;
	}
	mutex_unlock(&nlppp_lock);
}

static void nlppp_link_free_rcu(struct rcu_head *rcu)
{
	struct nlppp_link *link = container_of(rcu, struct nlppp_link, rcu);

	nlppp_link_uninit(link);
	link->ops->free(link);
}

void nlppp_link_put(struct nlppp_link *link)
{
	if (refcount_dec_and_test(&link->refcnt))
		call_rcu(&link->rcu, nlppp_link_free_rcu);
}

/* The unclaimed link @cookie names, if it was made in @net. */
struct nlppp_link *nlppp_link_find_cookie(struct net *net, u64 cookie)
{
	struct nlppp_link *link;

	lockdep_assert_held(&nlppp_lock);
	list_for_each_entry(link, &nlppp_links, node)
		if (link->cookie == cookie && link->net_cookie == net->net_cookie &&
		    !link->obj.id && !link->released)
			return link;
	return NULL;
}

int nlppp_link_claim(struct nlppp_link *link, struct net *net,
		     struct sock *owner, u32 portid, u32 flags)
{
	int ret;

	lockdep_assert_held(&nlppp_lock);
	ret = nlppp_obj_add(&link->obj, NLPPP_OBJ_LINK, net, owner, portid, flags);
	if (!ret)
		nlppp_info("link %u claimed by port %u\n", link->obj.id, portid);
	return ret;
}

/*
 * Undo the claim: detach, report @why to the events group (unless it is
 * NLPPP_DOWN_UNSPEC) and drop the id. The transport keeps running and
 * discards what arrives; the cookie cannot claim it again.
 */
void nlppp_link_release(struct nlppp_link *link, enum nlppp_down_reason why)
{
	lockdep_assert_held(&nlppp_lock);
	if (!link->obj.id)
		return;
	if (why != NLPPP_DOWN_UNSPEC)
		nlppp_nl_link_down(link, why);
	nlppp_link_detach(link);
	nlppp_info("link %u released (reason %d)\n", link->obj.id, why);
	nlppp_obj_del(&link->obj);
	link->released = true;
	if (link->ops->released)
		link->ops->released(link);
}

int nlppp_link_configure(struct nlppp_link *link, const struct nlppp_link_cfg *cfg)
{
	int ret;

	lockdep_assert_held(&nlppp_lock);
	ret = link->ops->configure(link, cfg);
	if (ret)
		return ret;
	link->cfg.type = cfg->type;
	WRITE_ONCE(link->cfg.lflags, cfg->lflags);
	link->cfg.mru = cfg->mru;
	memcpy(link->cfg.tx_accm, cfg->tx_accm, sizeof(cfg->tx_accm));
	link->cfg.rx_accm = cfg->rx_accm;
	nlppp_obj_changed();
	return 0;
}

struct nlppp_bundle *nlppp_link_bundle(struct nlppp_link *link)
{
	return rcu_dereference_protected(link->bundle,
					 lockdep_is_held(&nlppp_lock));
}

void nlppp_link_attach(struct nlppp_link *link, struct nlppp_bundle *bundle)
{
	lockdep_assert_held(&nlppp_lock);
	rcu_assign_pointer(link->bundle, bundle);
	nlppp_bundle_set_link(bundle, link);
	nlppp_obj_changed();
}

void nlppp_link_detach(struct nlppp_link *link)
{
	struct nlppp_bundle *bundle = nlppp_link_bundle(link);

	lockdep_assert_held(&nlppp_lock);
	if (!bundle)
		return;
	RCU_INIT_POINTER(link->bundle, NULL);
	nlppp_bundle_set_link(bundle, NULL);
	nlppp_obj_changed();
}

/* @net is going away: its links lose their claim, silently (nobody listens). */
void nlppp_link_release_net(struct net *net)
{
	struct nlppp_link *link;

	mutex_lock(&nlppp_lock);
	list_for_each_entry(link, &nlppp_links, node)
		if (link->obj.id && net_eq(nlppp_obj_net(&link->obj), net))
			nlppp_link_release(link, NLPPP_DOWN_UNSPEC);
	mutex_unlock(&nlppp_lock);
}

void nlppp_link_get_stats(struct nlppp_link *link, u64 *stats)
{
	int i, cpu;

	for (i = 0; i < __NLPPP_A_STATS_MAX; i++)
		stats[i] = atomic64_read(&link->stats[i]);
	for_each_possible_cpu(cpu) {
		const struct nlppp_link_pcpu *s = per_cpu_ptr(link->pcpu, cpu);
		u64 rxp, rxb, txp, txb;
		unsigned int start;

		do {
			start = u64_stats_fetch_begin(&s->syncp);
			rxp = u64_stats_read(&s->rx_packets);
			rxb = u64_stats_read(&s->rx_bytes);
			txp = u64_stats_read(&s->tx_packets);
			txb = u64_stats_read(&s->tx_bytes);
		} while (u64_stats_fetch_retry(&s->syncp, start));
		stats[NLPPP_A_STATS_RX_PACKETS] += rxp;
		stats[NLPPP_A_STATS_RX_BYTES] += rxb;
		stats[NLPPP_A_STATS_TX_PACKETS] += txp;
		stats[NLPPP_A_STATS_TX_BYTES] += txb;
	}
	link->ops->get_stats(link, stats);
}

/* A data packet from @link's bundle; consumes @skb. */
int nlppp_link_xmit(struct nlppp_link *link, struct sk_buff *skb, u16 proto)
{
	u32 lflags = READ_ONCE(link->cfg.lflags);
	u8 hdr[PPP_HDR_MAX];
	unsigned int len;
	size_t hlen;
	int ret;

	hlen = ppp_hdr_build(hdr, proto, lflags & NLPPP_LF_TX_ACFC,
			     lflags & NLPPP_LF_TX_PFC);
	/* Paged data stays paged: a transport that needs it flat flattens it. */
	if (skb_cow_head(skb, hlen)) {
		kfree_skb(skb);
		ret = -ENOMEM;
		goto err_count;
	}
	memcpy(skb_push(skb, hlen), hdr, hlen);
	len = skb->len;
	ret = link->ops->xmit(link, skb, false);
	if (ret)
		goto err_count;
	nlppp_link_count_frame(link, true, len);
	return 0;

err_count:
	nlppp_link_count(link, NLPPP_A_STATS_TX_DROPPED, 1);
	return ret;
}

/* A control frame from the owner (NLPPP_CMD_FRAME); process context. */
int nlppp_link_send_ctrl(struct nlppp_link *link, u16 proto,
			 const void *data, size_t len)
{
	u32 lflags = READ_ONCE(link->cfg.lflags);
	struct sk_buff *skb;
	size_t hlen;
	int ret;

	skb = alloc_skb(PPP_HDR_MAX + len, GFP_KERNEL);
	if (!skb) {
		nlppp_link_count(link, NLPPP_A_STATS_TX_DROPPED, 1);
		return -ENOMEM;
	}
	hlen = ppp_hdr_build(skb_tail_pointer(skb), proto,
			     lflags & NLPPP_LF_TX_ACFC, lflags & NLPPP_LF_TX_PFC);
	skb_put(skb, hlen);
	skb_put_data(skb, data, len);
	len = skb->len;
	/* The transport may stop or wake the bundle's queue: it wants BHs off. */
	local_bh_disable();
	ret = link->ops->xmit(link, skb, true);
	local_bh_enable();
	if (ret) {
		nlppp_link_count(link, NLPPP_A_STATS_TX_DROPPED, 1);
		return ret;
	}
	nlppp_link_count(link, NLPPP_A_STATS_CTRL_TX, 1);
	nlppp_link_count_frame(link, true, len);
	return 0;
}

/*
 * A good frame from the transport (header included, FCS removed); consumes
 * @skb. Data the bundle passes goes up the stack; everything else goes to
 * the owner, which alone decides what a control frame means. Each frame is
 * counted once: RX_PACKETS when handed on, else the reason it was dropped.
 */
void nlppp_link_rx(struct nlppp_link *link, struct sk_buff *skb)
{
	struct nlppp_bundle *bundle;
	unsigned int len = skb->len;
	u16 proto;
	int hlen, ret;

	/* The header (at most PPP_HDR_MAX bytes) in the linear part; data may be paged. */
	if (!pskb_may_pull(skb, min_t(unsigned int, skb->len, PPP_HDR_MAX)))
		hlen = -EINVAL;
	else
		hlen = ppp_hdr_parse(skb->data, skb_headlen(skb), &proto);
	if (hlen < 0) {
		net_dbg_ratelimited("nlppp: link %u: bad PPP header\n",
				    READ_ONCE(link->obj.id));
		nlppp_link_count(link, NLPPP_A_STATS_RX_FRAME_ERRORS, 1);
		kfree_skb(skb);
		return;
	}

	/* Data, and what the bundle's pipeline may decode into data. */
	if (proto == PPP_PROTO_IP || proto == PPP_PROTO_IPV6 || proto == 0x00fd ||
	    proto == PPP_PROTO_VJC || proto == PPP_PROTO_VJUC) {
		rcu_read_lock();
		bundle = rcu_dereference(link->bundle);
		if (bundle && nlppp_bundle_rx(bundle, skb, proto, hlen)) {
			rcu_read_unlock();
			nlppp_link_count_frame(link, false, len);
			return;
		}
		rcu_read_unlock();
	}

	ret = skb_linearize(skb);
	if (!ret)
		ret = nlppp_nl_frame_event(link, proto, skb->data + hlen, skb->len - hlen);
	if (ret == -EMSGSIZE) {
		nlppp_link_count(link, NLPPP_A_STATS_RX_CTRL_TOOBIG, 1);
	} else if (ret) {
		nlppp_link_count(link, NLPPP_A_STATS_RX_DROPPED, 1);
	} else {
		nlppp_link_count_frame(link, false, len);
		nlppp_link_count(link, NLPPP_A_STATS_CTRL_RX, 1);
	}
	consume_skb(skb);
}

/* The transport's backlog is full: hold the bundle's packets in its qdisc. */
void nlppp_link_tx_stop(struct nlppp_link *link)
{
	struct nlppp_bundle *bundle;

	rcu_read_lock();
	bundle = rcu_dereference(link->bundle);
	/* Without a qdisc a stopped queue drops, with a warning: the link drops. */
	if (bundle && !(bundle->dev->priv_flags & IFF_NO_QUEUE))
		netif_stop_queue(bundle->dev);
	rcu_read_unlock();
}

void nlppp_link_tx_wake(struct nlppp_link *link)
{
	struct nlppp_bundle *bundle;

	rcu_read_lock();
	bundle = rcu_dereference(link->bundle);
	if (bundle)
		netif_wake_queue(bundle->dev);
	rcu_read_unlock();
}
