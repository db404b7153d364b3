// SPDX-License-Identifier: GPL-2.0
/*
 * PPPoE session links (RFC 2516 section 6). The daemon runs discovery
 * over AF_PACKET and creates the link over netlink with the interface, the
 * peer's MAC and the session id; from then on the session stage is ours.
 *
 * Receive: a packet_type for ETH_P_PPP_SES on each interface that has
 * sessions of ours, added with its first and removed with its last, so
 * frames on other interfaces (another PPPoE stack's, pppoe.ko's) never
 * reach us. Each netns has an rhashtable of its sessions keyed by
 * (ifindex, session id, peer MAC), looked up under RCU, and an xarray of
 * its interfaces by ifindex, so neither the data path nor session setup
 * scans anything or takes a lock shared between sessions beyond the
 * table's own bucket locks. Frames of no session are counted and dropped.
 *
 * Transmit: the link's frame gets a PPPoE and an Ethernet header (without
 * Address and Control fields, RFC 2516 7) and goes to dev_queue_xmit.
 *
 * Life cycle: the link is claimed as it is made, and holds the interface
 * until it is freed. Releasing the claim (LINK_DEL, the owner closing, the
 * netns going) unhashes it and drops the one reference. When the interface
 * goes down or away, the netdevice notifier (under rtnl, so it cannot take
 * nlppp_lock, which ranks above rtnl) unhashes the netns's sessions on it
 * and leaves their release, with a LINK_DOWN of reason IFACE, to a work item.
 */
#include "pppoe.h"
#include "link.h"
#include "main.h"

#include <asm/unaligned.h>
#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/if_ether.h>
#include <linux/netdevice.h>
#include <linux/proc_fs.h>
#include <linux/rhashtable.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/workqueue.h>
#include <net/net_namespace.h>
#include <net/dst.h>
#include <net/netns/generic.h>

enum {
	NLPPP_PPPOE_HLEN = 6,		/* ver/type, code, session id, length */
	NLPPP_PPPOE_VER_TYPE = 0x11,	/* version 1, type 1 */
	NLPPP_PPPOE_CODE_SESSION = 0,
};

/* Exactly 12 bytes, no padding: the whole struct is the hash key. */
struct nlppp_pppoe_key {
	int ifindex;
	__be16 sid;
	u8 peer[ETH_ALEN];
};

/* Per netns. */
struct nlppp_pppoe_net {
	struct rhashtable table;	/* hashed sessions; RCU readers, own bucket locks */
	struct xarray ifaces;		/* ifindex -> struct nlppp_pppoe_if; under lock */
	/*
	 * Protects the two lists and each session's hashed/dead. Taken with
	 * BHs off, under nlppp_lock or rtnl (the notifier), never the reverse.
	 */
	spinlock_t lock;
	struct list_head sessions;	/* hashed sessions */
	struct list_head gone;		/* unhashed by the notifier, release pending */
	struct work_struct gone_work;	/* releases the gone ones */
	atomic_t links;			/* session links not yet released */
	atomic64_t rx_unknown;		/* well-formed frames of no session */
	atomic64_t rx_bad;		/* runts, bad ver/type or code */
};

/* An interface with hashed sessions: our receive handler on it. */
struct nlppp_pppoe_if {
	struct packet_type pt;		/* ETH_P_PPP_SES, pt.dev the interface */
	unsigned int sessions;		/* hashed sessions on it; under pn->lock */
	struct rcu_head rcu;
};

struct nlppp_pppoe {
	struct nlppp_link link;
	struct nlppp_pppoe_key key;	/* immutable */
	struct net_device *dev;		/* immutable; held until the link is freed */
	struct nlppp_pppoe_net *pn;	/* outlives the link (released at pre_exit) */
	struct nlppp_pppoe_if *pi;	/* while hashed; under pn->lock */
	struct rhash_head hnode;
	struct list_head node;		/* pn->sessions or pn->gone; under pn->lock */
	bool hashed;			/* under pn->lock */
	bool dead;			/* transmit nothing; set under pn->lock */
};

static unsigned int nlppp_pppoe_net_id __read_mostly;

static const struct rhashtable_params nlppp_pppoe_params = {
	.key_len = sizeof(struct nlppp_pppoe_key),
	.key_offset = offsetof(struct nlppp_pppoe, key),
	.head_offset = offsetof(struct nlppp_pppoe, hnode),
	.automatic_shrinking = true,
};

static_assert(sizeof(struct nlppp_pppoe_key) == 12);

/* 0xffff is reserved (RFC 2516 4); the policy's own min/max are s16. */
static struct netlink_range_validation nlppp_pppoe_sid_range __ro_after_init = {
	.min = 1,
	.max = 0xfffe,
};

const struct nla_policy nlppp_pppoe_policy[NLPPP_A_PPPOE_MAX + 1] = {
	[NLPPP_A_PPPOE_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[NLPPP_A_PPPOE_PEER] = NLA_POLICY_EXACT_LEN(ETH_ALEN),
	[NLPPP_A_PPPOE_SESSION_ID] = NLA_POLICY_FULL_RANGE(NLA_U16, &nlppp_pppoe_sid_range),
	[NLPPP_A_PPPOE_LOCAL] = { .type = NLA_REJECT,
				  .reject_message = "reply-only attribute" },
};

static struct nlppp_pppoe_net *nlppp_pppoe_net(const struct net *net)
{
	return net_generic(net, nlppp_pppoe_net_id);
}

static struct nlppp_pppoe *nlppp_pppoe_of(struct nlppp_link *link)
{
	return container_of(link, struct nlppp_pppoe, link);
}

/*
 * One session fewer on @pi's interface; with the last, the handler goes
 * (frames being handled meanwhile finish before the RCU free).
 */
static void nlppp_pppoe_if_put(struct nlppp_pppoe_net *pn, struct nlppp_pppoe_if *pi)
{
	lockdep_assert_held(&pn->lock);
	if (--pi->sessions)
		return;
	__dev_remove_pack(&pi->pt);
	xa_erase(&pn->ifaces, pi->pt.dev->ifindex);
	kfree_rcu(pi, rcu);
}

/* Take @po off the receive path and the transmit path. */
static void nlppp_pppoe_unhash(struct nlppp_pppoe_net *pn, struct nlppp_pppoe *po)
{
	lockdep_assert_held(&pn->lock);
	if (po->hashed) {
		rhashtable_remove_fast(&pn->table, &po->hnode, nlppp_pppoe_params);
		nlppp_pppoe_if_put(pn, po->pi);
		po->pi = NULL;
	}
	po->hashed = false;
	WRITE_ONCE(po->dead, true);
}

/* Consumes @skb. BHs are off (device transmit, or a control frame). */
static int nlppp_pppoe_xmit(struct nlppp_link *link, struct sk_buff *skb, bool ctrl)
{
	struct nlppp_pppoe *po = nlppp_pppoe_of(link);
	struct net_device *dev = po->dev;
	unsigned int len;
	u8 *hdr;
	int ret;

	if (READ_ONCE(po->dead) || !netif_running(dev))
		goto err_drop;
	/* RFC 2516 7: the Address and Control fields are never sent. */
	if (skb_headlen(skb) >= 2 && skb->data[0] == 0xff && skb->data[1] == 0x03)
		skb_pull(skb, 2);
	len = skb->len;
	if (len + NLPPP_PPPOE_HLEN > READ_ONCE(dev->mtu)) {
		nlppp_link_count(link, NLPPP_A_STATS_TX_TOOBIG, 1);
		goto err_drop;
	}
	if (skb_cow_head(skb, LL_RESERVED_SPACE(dev) + NLPPP_PPPOE_HLEN))
		goto err_drop;
	skb_dst_drop(skb);
	nf_reset_ct(skb);
	hdr = skb_push(skb, NLPPP_PPPOE_HLEN);
	hdr[0] = NLPPP_PPPOE_VER_TYPE;
	hdr[1] = NLPPP_PPPOE_CODE_SESSION;
	put_unaligned(po->key.sid, (__be16 *)(hdr + 2));
	put_unaligned_be16(len, hdr + 4);
	skb_reset_network_header(skb);
	skb->protocol = htons(ETH_P_PPP_SES);
	skb->dev = dev;
	if (dev_hard_header(skb, dev, ETH_P_PPP_SES, po->key.peer, NULL,
			    skb->len) < 0)
		goto err_drop;
	/* net_xmit_eval() evaluates its argument twice: never a call in it. */
	ret = dev_queue_xmit(skb);
	return net_xmit_eval(ret) ? -ENOBUFS : 0;

err_drop:
	kfree_skb(skb);
	return -ENOTCONN;
}

static int nlppp_pppoe_configure(struct nlppp_link *link,
				 const struct nlppp_link_cfg *cfg)
{
	/* Framing is RFC 2516's: only the MRU and header flags apply. */
	return cfg->type == NLPPP_LINK_PPPOE ? 0 : -EINVAL;
}

static void nlppp_pppoe_get_stats(struct nlppp_link *link, u64 *stats)
{
}

static void nlppp_pppoe_free(struct nlppp_link *link)
{
	struct nlppp_pppoe *po = nlppp_pppoe_of(link);

	dev_put(po->dev);
	kfree(po);
}

/* The claim is gone (or never came): unhash, forget, drop the reference. */
static void nlppp_pppoe_released(struct nlppp_link *link)
{
	struct nlppp_pppoe *po = nlppp_pppoe_of(link);
	struct nlppp_pppoe_net *pn = po->pn;

	lockdep_assert_held(&nlppp_lock);
	spin_lock_bh(&pn->lock);
	nlppp_pppoe_unhash(pn, po);
	list_del_init(&po->node);
	spin_unlock_bh(&pn->lock);
	atomic_dec(&pn->links);
	nlppp_link_put(link);
}

static int nlppp_pppoe_fill(struct nlppp_link *link, struct sk_buff *skb)
{
	struct nlppp_pppoe *po = nlppp_pppoe_of(link);
	struct nlattr *nest;
	u8 local[ETH_ALEN];

	netif_addr_lock_bh(po->dev);
	ether_addr_copy(local, po->dev->dev_addr);
	netif_addr_unlock_bh(po->dev);
	nest = nla_nest_start(skb, NLPPP_A_PPPOE);
	if (!nest ||
	    nla_put_u32(skb, NLPPP_A_PPPOE_IFINDEX, po->key.ifindex) ||
	    nla_put(skb, NLPPP_A_PPPOE_PEER, ETH_ALEN, po->key.peer) ||
	    nla_put_u16(skb, NLPPP_A_PPPOE_SESSION_ID, be16_to_cpu(po->key.sid)) ||
	    nla_put(skb, NLPPP_A_PPPOE_LOCAL, ETH_ALEN, local))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static const struct nlppp_link_ops nlppp_pppoe_link_ops = {
	.xmit = nlppp_pppoe_xmit,
	.configure = nlppp_pppoe_configure,
	.get_stats = nlppp_pppoe_get_stats,
	.free = nlppp_pppoe_free,
	.released = nlppp_pppoe_released,
	.fill = nlppp_pppoe_fill,
};

static int nlppp_pppoe_rcv(struct sk_buff *skb, struct net_device *dev,
			   struct packet_type *pt, struct net_device *orig_dev)
{
	struct nlppp_pppoe_net *pn = nlppp_pppoe_net(dev_net(dev));
	struct nlppp_pppoe_key key;
	struct nlppp_pppoe *po;
	unsigned int len;
	const u8 *hdr;

	if (skb->pkt_type == PACKET_OTHERHOST)
		goto drop;
	skb = skb_share_check(skb, GFP_ATOMIC);
	if (!skb)
		return NET_RX_DROP;
	if (!pskb_may_pull(skb, NLPPP_PPPOE_HLEN))
		goto bad;
	hdr = skb->data;
	if (hdr[0] != NLPPP_PPPOE_VER_TYPE || hdr[1] != NLPPP_PPPOE_CODE_SESSION)
		goto bad;
	key.ifindex = dev->ifindex;
	key.sid = get_unaligned((__be16 *)(hdr + 2));
	memcpy(key.peer, eth_hdr(skb)->h_source, ETH_ALEN);
	len = get_unaligned_be16(hdr + 4);

	rcu_read_lock();
	po = rhashtable_lookup(&pn->table, &key, nlppp_pppoe_params);
	if (!po) {
		rcu_read_unlock();
		atomic64_inc(&pn->rx_unknown);
		net_dbg_ratelimited("nlppp: %s: PPPoE session %u from %pM unknown\n",
				    dev->name, be16_to_cpu(key.sid), key.peer);
		goto drop;
	}
	if (len > skb->len - NLPPP_PPPOE_HLEN) {
		nlppp_link_count(&po->link, NLPPP_A_STATS_RX_FRAME_ERRORS, 1);
		net_dbg_ratelimited("nlppp: link %u: PPPoE length %u past the frame\n",
				    READ_ONCE(po->link.obj.id), len);
		goto drop_unlock;
	}
	/* Ethernet pads short frames: the PPPoE length says what is ours. */
	if (pskb_trim_rcsum(skb, NLPPP_PPPOE_HLEN + len)) {
		nlppp_link_count(&po->link, NLPPP_A_STATS_RX_DROPPED, 1);
		goto drop_unlock;
	}
	skb_pull(skb, NLPPP_PPPOE_HLEN);
	skb_dst_drop(skb);
	nf_reset_ct(skb);
	nlppp_link_rx(&po->link, skb);
	rcu_read_unlock();
	return NET_RX_SUCCESS;

drop_unlock:
	rcu_read_unlock();
	goto drop;
bad:
	atomic64_inc(&pn->rx_bad);
drop:
	kfree_skb(skb);
	return NET_RX_DROP;
}

static struct net_device *nlppp_pppoe_dev(struct net *net, struct nlattr **tb,
					  struct netlink_ext_ack *extack)
{
	struct nlattr *attr = tb[NLPPP_A_PPPOE_IFINDEX];
	struct net_device *dev;

	dev = dev_get_by_index(net, nla_get_u32(attr));
	if (!dev) {
		NL_SET_ERR_MSG_ATTR(extack, attr, "no such interface in this netns");
		return ERR_PTR(-ENODEV);
	}
	if (dev->type != ARPHRD_ETHER || dev->addr_len != ETH_ALEN) {
		dev_put(dev);
		NL_SET_ERR_MSG_ATTR(extack, attr, "not an Ethernet interface");
		return ERR_PTR(-EINVAL);
	}
	return dev;
}

/*
 * Hash @po unless its interface is already going: the notifier sees either.
 * The interface's first session adds its handler (an atomic allocation,
 * once per interface).
 */
static int nlppp_pppoe_hash(struct nlppp_pppoe_net *pn, struct nlppp_pppoe *po,
			    struct netlink_ext_ack *extack)
{
	struct nlppp_pppoe_if *pi;
	int ret;

	spin_lock_bh(&pn->lock);
	if (!netif_running(po->dev) || po->dev->reg_state != NETREG_REGISTERED) {
		NL_SET_ERR_MSG(extack, "the PPPoE interface is down");
		ret = -ENETDOWN;
		goto out_unlock;
	}
	pi = xa_load(&pn->ifaces, po->key.ifindex);
	if (!pi) {
		pi = kzalloc(sizeof(*pi), GFP_ATOMIC);
		ret = pi ? xa_insert(&pn->ifaces, po->key.ifindex, pi, GFP_ATOMIC) : -ENOMEM;
		if (ret) {
			kfree(pi);
			NL_SET_ERR_MSG(extack, "cannot add the interface's receive handler");
			goto out_unlock;
		}
		pi->pt.type = cpu_to_be16(ETH_P_PPP_SES);
		pi->pt.dev = po->dev;
		pi->pt.func = nlppp_pppoe_rcv;
		dev_add_pack(&pi->pt);
	}
	pi->sessions++;
	ret = rhashtable_lookup_insert_fast(&pn->table, &po->hnode,
					    nlppp_pppoe_params);
	if (ret == -EEXIST) {
		NL_SET_ERR_MSG(extack, "this PPPoE session already has a link");
	} else if (ret) {
		NL_SET_ERR_MSG(extack, "cannot add the session to the table");
	} else {
		po->hashed = true;
		po->pi = pi;
		list_add_tail(&po->node, &pn->sessions);
		atomic_inc(&pn->links);
	}
	if (ret)
		nlppp_pppoe_if_put(pn, pi);
out_unlock:
	spin_unlock_bh(&pn->lock);
	return ret;
}

/*
 * LINK_NEW with PPPOE: a hashed, unclaimed link; the caller claims it at
 * once, or undoes it with nlppp_pppoe_abort().
 */
struct nlppp_link *nlppp_pppoe_new(struct net *net, struct nlattr *nest,
				   struct netlink_ext_ack *extack)
{
	struct nlppp_pppoe_net *pn = nlppp_pppoe_net(net);
	struct nlattr *tb[NLPPP_A_PPPOE_MAX + 1];
	struct net_device *dev;
	struct nlppp_pppoe *po;
	int ret;

	lockdep_assert_held(&nlppp_lock);
	ret = nla_parse_nested(tb, NLPPP_A_PPPOE_MAX, nest, nlppp_pppoe_policy,
			       extack);
	if (ret)
		return ERR_PTR(ret);
	if (!tb[NLPPP_A_PPPOE_IFINDEX] || !tb[NLPPP_A_PPPOE_PEER] ||
	    !tb[NLPPP_A_PPPOE_SESSION_ID]) {
		NL_SET_ERR_MSG_ATTR(extack, nest,
				    "PPPOE needs PPPOE_IFINDEX, PPPOE_PEER and PPPOE_SESSION_ID");
		return ERR_PTR(-EINVAL);
	}
	if (!is_valid_ether_addr(nla_data(tb[NLPPP_A_PPPOE_PEER]))) {
		NL_SET_ERR_MSG_ATTR(extack, tb[NLPPP_A_PPPOE_PEER],
				    "PPPOE_PEER is not a unicast MAC address");
		return ERR_PTR(-EINVAL);
	}
	dev = nlppp_pppoe_dev(net, tb, extack);
	if (IS_ERR(dev))
		return ERR_CAST(dev);

	po = kzalloc(sizeof(*po), GFP_KERNEL);
	if (!po) {
		dev_put(dev);
		return ERR_PTR(-ENOMEM);
	}
	ret = nlppp_link_init(&po->link, &nlppp_pppoe_link_ops, net);
	if (ret) {
		kfree(po);
		dev_put(dev);
		return ERR_PTR(ret);
	}
	po->link.cfg.type = NLPPP_LINK_PPPOE;
	po->link.headroom = LL_RESERVED_SPACE(dev) + NLPPP_PPPOE_HLEN;
	po->dev = dev;
	po->pn = pn;
	INIT_LIST_HEAD(&po->node);
	po->key.ifindex = dev->ifindex;
	po->key.sid = cpu_to_be16(nla_get_u16(tb[NLPPP_A_PPPOE_SESSION_ID]));
	memcpy(po->key.peer, nla_data(tb[NLPPP_A_PPPOE_PEER]), ETH_ALEN);
	ret = nlppp_pppoe_hash(pn, po, extack);
	if (ret) {
		nlppp_link_uninit(&po->link);
		nlppp_pppoe_free(&po->link);
		return ERR_PTR(ret);
	}
	return &po->link;
}

void nlppp_pppoe_abort(struct nlppp_link *link)
{
	nlppp_pppoe_released(link);
}

static void nlppp_pppoe_release_list(struct list_head *list,
				     enum nlppp_down_reason why)
{
	struct nlppp_pppoe *po, *tmp;

	lockdep_assert_held(&nlppp_lock);
	/* Each release takes its entry off @list, under pn->lock. */
	list_for_each_entry_safe(po, tmp, list, node)
		nlppp_link_release(&po->link, why);
}

static void nlppp_pppoe_gone_work(struct work_struct *work)
{
	struct nlppp_pppoe_net *pn = container_of(work, struct nlppp_pppoe_net,
						  gone_work);
	LIST_HEAD(gone);

	mutex_lock(&nlppp_lock);
	spin_lock_bh(&pn->lock);
	list_splice_init(&pn->gone, &gone);
	spin_unlock_bh(&pn->lock);
	nlppp_pppoe_release_list(&gone, NLPPP_DOWN_IFACE);
	mutex_unlock(&nlppp_lock);
}

/* Under rtnl: sessions over an interface going down or away stop here. */
static int nlppp_pppoe_notify(struct notifier_block *nb, unsigned long event,
			      void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	struct nlppp_pppoe_net *pn;
	struct nlppp_pppoe *po, *tmp;
	bool any = false;

	if (event != NETDEV_DOWN && event != NETDEV_UNREGISTER)
		return NOTIFY_DONE;
	pn = nlppp_pppoe_net(dev_net(dev));
	spin_lock_bh(&pn->lock);
	list_for_each_entry_safe(po, tmp, &pn->sessions, node) {
		if (po->dev != dev)
			continue;
		nlppp_pppoe_unhash(pn, po);
		list_move_tail(&po->node, &pn->gone);
		any = true;
	}
	spin_unlock_bh(&pn->lock);
	if (any)
		queue_work(system_wq, &pn->gone_work);
	return NOTIFY_DONE;
}

static struct notifier_block nlppp_pppoe_notifier = {
	.notifier_call = nlppp_pppoe_notify,
};

static int nlppp_pppoe_proc_show(struct seq_file *seq, void *v)
{
	struct nlppp_pppoe_net *pn = nlppp_pppoe_net(seq_file_single_net(seq));
	struct nlppp_pppoe_if *pi;
	unsigned long idx;

	seq_printf(seq, "links %d\nrx_unknown_session %lld\nrx_bad_header %lld\n",
		   atomic_read(&pn->links), atomic64_read(&pn->rx_unknown),
		   atomic64_read(&pn->rx_bad));
	/* The interfaces listened on (6.1's /proc/net/ptype does not show them). */
	spin_lock_bh(&pn->lock);
	xa_for_each(&pn->ifaces, idx, pi)
		seq_printf(seq, "interface %s sessions %u\n", pi->pt.dev->name, pi->sessions);
	spin_unlock_bh(&pn->lock);
	return 0;
}

static int __net_init nlppp_pppoe_net_init(struct net *net)
{
	struct nlppp_pppoe_net *pn = nlppp_pppoe_net(net);
	int ret;

	spin_lock_init(&pn->lock);
	INIT_LIST_HEAD(&pn->sessions);
	INIT_LIST_HEAD(&pn->gone);
	INIT_WORK(&pn->gone_work, nlppp_pppoe_gone_work);
	xa_init(&pn->ifaces);
	ret = rhashtable_init(&pn->table, &nlppp_pppoe_params);
	if (ret)
		return ret;
	if (!proc_create_net_single("nlppp_pppoe", 0444, net->proc_net,
				    nlppp_pppoe_proc_show, NULL)) {
		rhashtable_destroy(&pn->table);
		return -ENOMEM;
	}
	return 0;
}

/* Before the grace period: links lose their claim, silently. */
static void __net_exit nlppp_pppoe_net_pre_exit(struct net *net)
{
	struct nlppp_pppoe_net *pn = nlppp_pppoe_net(net);
	LIST_HEAD(all);

	mutex_lock(&nlppp_lock);
	spin_lock_bh(&pn->lock);
	list_splice_init(&pn->sessions, &all);
	list_splice_init(&pn->gone, &all);
	spin_unlock_bh(&pn->lock);
	nlppp_pppoe_release_list(&all, NLPPP_DOWN_UNSPEC);
	mutex_unlock(&nlppp_lock);
}

static void __net_exit nlppp_pppoe_net_exit(struct net *net)
{
	struct nlppp_pppoe_net *pn = nlppp_pppoe_net(net);

	remove_proc_entry("nlppp_pppoe", net->proc_net);
	cancel_work_sync(&pn->gone_work);
	rhashtable_destroy(&pn->table);
	/* Every session was unhashed at pre_exit, and with it its interface. */
	WARN_ON(!xa_empty(&pn->ifaces));
	xa_destroy(&pn->ifaces);
}

static struct pernet_operations nlppp_pppoe_net_ops = {
	.init = nlppp_pppoe_net_init,
	.pre_exit = nlppp_pppoe_net_pre_exit,
	.exit = nlppp_pppoe_net_exit,
	.id = &nlppp_pppoe_net_id,
	.size = sizeof(struct nlppp_pppoe_net),
};

int __init nlppp_pppoe_init(void)
{
	int ret;

	ret = register_pernet_subsys(&nlppp_pppoe_net_ops);
	if (ret)
		return ret;
	ret = register_netdevice_notifier(&nlppp_pppoe_notifier);
	if (ret)
		goto err_pernet;
	return 0;

err_pernet:
	unregister_pernet_subsys(&nlppp_pppoe_net_ops);
	return ret;
}

void nlppp_pppoe_uninit(void)
{
	/*
	 * Releases every link in every netns, and with the last session on an
	 * interface its handler; flushes the works. A grace period separates
	 * that from the tables' destruction: no frame reaches us after it.
	 */
	unregister_pernet_subsys(&nlppp_pppoe_net_ops);
	unregister_netdevice_notifier(&nlppp_pppoe_notifier);
}
