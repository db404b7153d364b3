// SPDX-License-Identifier: GPL-2.0
/*
 * The bundle's pppN net_device. Transmit applies the NP mode of the packet's
 * protocol and hands passed packets to the attached link; the link stops
 * the queue while its backlog is full, so a slow tty pushes back into the
 * qdisc instead of dropping. Receive is nlppp_bundle_rx(), called by links.
 *
 * Bundles live in the netns that created them (NETIF_F_NETNS_LOCAL) and
 * are destroyed with it. The device has no rtnl_link_ops: only netlink
 * BUNDLE_DEL, the owner going away or the netns going away remove it.
 */
#include "device.h"
#include "link.h"
#include "main.h"
#include "netlink.h"
#include "sysfs.h"

#include <linux/icmpv6.h>
#include <linux/idr.h>
#include <linux/if_arp.h>
#include <net/icmp.h>
#include <net/ip.h>
#include <net/netns/generic.h>
#include <libppp/ppp.h>
#include <uapi/linux/nlppp.h>

enum {
	NLPPP_MTU_MIN = 68,		/* IPv4's minimum */
	NLPPP_MTU_MAX = 65535,
	/* A protocol field and MPPE's header go in front of the PPP header. */
	NLPPP_DEV_HEADROOM = PPP_HDR_MAX + 4,
};

/*
 * Under nlppp_lock: set at module unload, before the pernet exit destroys
 * every bundle, so that no request slips a new one in between.
 */
static bool nlppp_bundles_closed;

/*
 * Per netns: the pppN units given to bundles that asked for no name. An
 * IDA hands out the lowest free unit in O(log n), where "ppp%d" would make
 * the core scan every interface of the netns for each new session (and
 * stop at 32768 of them).
 */
struct nlppp_device_net {
	struct ida units;
};

static unsigned int nlppp_device_net_id __read_mostly;

/*
 * Under rtnl: the lowest unit of ours whose pppN nobody else (ppp_generic,
 * a user-named bundle) holds; @name gets "pppN". Units found taken are
 * skipped, not kept: the allocator only knows its own bundles.
 */
static int nlppp_unit_alloc(struct net *net, char *name)
{
	struct nlppp_device_net *dn = net_generic(net, nlppp_device_net_id);
	unsigned int min = 0;
	int unit;

	ASSERT_RTNL();
	for (;;) {
		unit = ida_alloc_min(&dn->units, min, GFP_KERNEL);
		if (unit < 0)
			return unit;
		snprintf(name, IFNAMSIZ, "ppp%d", unit);
		if (!__dev_get_by_name(net, name))
			return unit;
		ida_free(&dn->units, unit);
		min = unit + 1;
	}
}

static void nlppp_unit_free(struct net *net, int unit)
{
	struct nlppp_device_net *dn = net_generic(net, nlppp_device_net_id);

	if (unit >= 0)
		ida_free(&dn->units, unit);
}

static int nlppp_np_index(__be16 protocol, u16 *proto)
{
	switch (protocol) {
	case htons(ETH_P_IP):
		*proto = PPP_PROTO_IP;
		return NLPPP_NP_IDX_IPV4;
	case htons(ETH_P_IPV6):
		*proto = PPP_PROTO_IPV6;
		return NLPPP_NP_IDX_IPV6;
	}
	return -1;
}

static void nlppp_xmit_error(struct net_device *dev, struct sk_buff *skb)
{
	/* NLPPP_NP_ERROR: tell the sender the destination is unreachable. */
	if (skb->protocol == htons(ETH_P_IP))
		icmp_ndo_send(skb, ICMP_DEST_UNREACH, ICMP_NET_UNREACH, 0);
	else
		icmpv6_ndo_send(skb, ICMPV6_DEST_UNREACH, ICMPV6_NOROUTE, 0);
	DEV_STATS_INC(dev, tx_errors);
	kfree_skb(skb);
}

/* NLPPP_NP_QUEUE: hold the packet; the first one held asks for a dial. */
static void nlppp_xmit_hold(struct nlppp_bundle *bundle, struct sk_buff *skb,
			    u16 proto)
{
	struct net_device *dev = bundle->dev;
	bool first;

	if (skb_queue_len(&bundle->npq) >= dev->tx_queue_len) {
		DEV_STATS_INC(dev, tx_dropped);
		kfree_skb(skb);
		return;
	}
	/* Held for a while: do not charge the sending socket for it. */
	skb_orphan(skb);
	spin_lock(&bundle->npq.lock);
	first = skb_queue_empty(&bundle->npq);
	__skb_queue_tail(&bundle->npq, skb);
	spin_unlock(&bundle->npq.lock);
	if (first)
		nlppp_nl_demand(bundle, proto);
}

static netdev_tx_t nlppp_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct nlppp_bundle *bundle = netdev_priv(dev);
	struct nlppp_link *link;
	unsigned int len;
	u16 proto;
	int idx;

	idx = nlppp_np_index(skb->protocol, &proto);
	if (idx < 0)
		goto drop;

	switch (READ_ONCE(bundle->np_mode[idx])) {
	case NLPPP_NP_PASS:
		break;
	case NLPPP_NP_ERROR:
		nlppp_xmit_error(dev, skb);
		return NETDEV_TX_OK;
	case NLPPP_NP_QUEUE:
		nlppp_xmit_hold(bundle, skb, proto);
		return NETDEV_TX_OK;
	default:
		goto drop;
	}

	/* ndo_start_xmit runs under rcu_read_lock_bh(). */
	link = rcu_dereference_bh(bundle->link);
	if (!link)
		goto drop;
	len = skb->len;
	skb = nlppp_comp_xmit(&bundle->comp, skb, &proto, READ_ONCE(dev->mtu));
	if (!skb) {
		DEV_STATS_INC(dev, tx_dropped);
		return NETDEV_TX_OK;
	}
	if (nlppp_link_xmit(link, skb, proto))
		DEV_STATS_INC(dev, tx_dropped);
	else
		dev_sw_netstats_tx_add(dev, 1, len);
	return NETDEV_TX_OK;

drop:
	DEV_STATS_INC(dev, tx_dropped);
	kfree_skb(skb);
	return NETDEV_TX_OK;
}

static int nlppp_np_of(u16 proto)
{
	switch (proto) {
	case PPP_PROTO_IP:
		return NLPPP_NP_IDX_IPV4;
	case PPP_PROTO_IPV6:
		return NLPPP_NP_IDX_IPV6;
	}
	return -1;
}

/*
 * A data packet from a link: IPv4, IPv6, or (when the bundle has them on)
 * a compressed (0x00fd) or VJ frame. Returns false, leaving @skb alone,
 * when the bundle does not pass @proto: the link then hands it to the
 * daemon. What the pipeline decodes is the bundle's either way.
 */
bool nlppp_bundle_rx(struct nlppp_bundle *bundle, struct sk_buff *skb,
		     u16 proto, int hlen)
{
	struct net_device *dev = bundle->dev;
	unsigned int len;
	int idx;

	idx = nlppp_np_of(proto);
	if (idx >= 0) {
		if (READ_ONCE(bundle->np_mode[idx]) != NLPPP_NP_PASS)
			return false;
		skb_pull(skb, hlen);
		if (!nlppp_comp_rx_plain_ok(&bundle->comp)) {
			DEV_STATS_INC(dev, rx_dropped);
			goto drop;
		}
		nlppp_comp_rx_incomp(bundle, skb, proto);
	} else {
		if (!nlppp_comp_rx_wants(&bundle->comp, proto))
			return false;
		skb_pull(skb, hlen);
		if (nlppp_comp_rx(bundle, &skb, &proto)) {
			DEV_STATS_INC(dev, rx_dropped);
			return true;
		}
		idx = nlppp_np_of(proto);
		if (READ_ONCE(bundle->np_mode[idx]) != NLPPP_NP_PASS) {
			DEV_STATS_INC(dev, rx_dropped);
			goto drop;
		}
	}

	if (!skb->len || skb->len > READ_ONCE(bundle->mru)) {
		net_dbg_ratelimited("%s: received packet of %u bytes\n",
				    dev->name, skb->len);
		DEV_STATS_INC(dev, rx_length_errors);
		goto drop;
	}
	if (!netif_running(dev)) {
		DEV_STATS_INC(dev, rx_dropped);
		goto drop;
	}
	skb->dev = dev;
	skb->protocol = idx == NLPPP_NP_IDX_IPV4 ? htons(ETH_P_IP) :
						   htons(ETH_P_IPV6);
	skb->pkt_type = PACKET_HOST;
	skb->ip_summed = CHECKSUM_NONE;
	skb_reset_mac_header(skb);
	skb_reset_network_header(skb);
	len = skb->len;
	/*
	 * From a softirq (PPPoE: the Ethernet device's receive), straight up
	 * the stack, as a tunnel's decapsulation does: no second trip through
	 * the backlog. From a tty's flush work (process context): the backlog.
	 */
	if (in_serving_softirq()) {
		dev_sw_netstats_rx_add(dev, len);
		netif_receive_skb(skb);
	} else if (netif_rx(skb) == NET_RX_SUCCESS) {
		dev_sw_netstats_rx_add(dev, len);
	} else {
		DEV_STATS_INC(dev, rx_dropped);
	}
	return true;

drop:
	kfree_skb(skb);
	return true;
}

struct nlppp_link *nlppp_bundle_link(struct nlppp_bundle *bundle)
{
	return rcu_dereference_protected(bundle->link,
					 lockdep_is_held(&nlppp_lock));
}

void nlppp_bundle_set_link(struct nlppp_bundle *bundle, struct nlppp_link *link)
{
	lockdep_assert_held(&nlppp_lock);
	rcu_assign_pointer(bundle->link, link);
	/*
	 * Room for the transport's header too (PPPoE's and Ethernet's), so
	 * that a packet the stack sized for us is not copied on its way out.
	 * Only a hint for allocations: transmit checks the room it needs.
	 */
	WRITE_ONCE(bundle->dev->needed_headroom,
		   NLPPP_DEV_HEADROOM + (link ? link->headroom : 0));
	/* A queue stopped by the old link's backlog must not stay stopped. */
	if (!link && netif_running(bundle->dev)) {
		local_bh_disable();
		netif_wake_queue(bundle->dev);
		local_bh_enable();
	}
}

/*
 * Leaving NLPPP_NP_QUEUE: send what was held back through the device again,
 * where the new mode decides (and the qdisc paces it).
 */
void nlppp_bundle_set_np_mode(struct nlppp_bundle *bundle,
			      enum nlppp_np_index idx, u8 mode)
{
	struct sk_buff_head held;
	struct sk_buff *skb;
	bool was_queue;

	lockdep_assert_held(&nlppp_lock);
	was_queue = bundle->np_mode[idx] == NLPPP_NP_QUEUE;
	WRITE_ONCE(bundle->np_mode[idx], mode);
	if (!was_queue || mode == NLPPP_NP_QUEUE)
		return;

	__skb_queue_head_init(&held);
	spin_lock_bh(&bundle->npq.lock);
	skb_queue_splice_init(&bundle->npq, &held);
	spin_unlock_bh(&bundle->npq.lock);
	while ((skb = __skb_dequeue(&held)))
		dev_queue_xmit(skb);
}

static int nlppp_open(struct net_device *dev)
{
	netif_start_queue(dev);
	return 0;
}

static int nlppp_stop(struct net_device *dev)
{
	netif_stop_queue(dev);
	return 0;
}

static void nlppp_uninit(struct net_device *dev)
{
	struct nlppp_bundle *bundle = netdev_priv(dev);

	skb_queue_purge(&bundle->npq);
	nlppp_comp_uninit(&bundle->comp);
}

static const struct net_device_ops nlppp_netdev_ops = {
	.ndo_open = nlppp_open,
	.ndo_stop = nlppp_stop,
	.ndo_uninit = nlppp_uninit,
	.ndo_start_xmit = nlppp_xmit,
	.ndo_get_stats64 = dev_get_tstats64,
};

static void nlppp_setup(struct net_device *dev)
{
	dev->netdev_ops = &nlppp_netdev_ops;
	dev->type = ARPHRD_PPP;
	dev->flags = IFF_POINTOPOINT | IFF_NOARP | IFF_MULTICAST;
	dev->hard_header_len = 0;
	dev->addr_len = 0;
	/* Grown by the link's own header while one is attached. */
	dev->needed_headroom = NLPPP_DEV_HEADROOM;
	dev->mtu = PPP_MRU_DEFAULT;
	dev->min_mtu = NLPPP_MTU_MIN;
	dev->max_mtu = NLPPP_MTU_MAX;
	dev->tx_queue_len = READ_ONCE(nlppp_tx_queue_len);
	/* /sys/class/net/pppN/nlppp/, made and removed with the device. */
	dev->sysfs_groups[0] = &nlppp_bundle_attr_group;
	/*
	 * Paged packets reach nlppp_xmit() as they are: PPPoE hands them on
	 * to the Ethernet device, which takes what it can; the compressors
	 * and tty links flatten what they get.
	 */
	dev->features |= NETIF_F_NETNS_LOCAL | NETIF_F_SG | NETIF_F_HIGHDMA;
	dev->hw_features |= NETIF_F_SG;
	dev->pcpu_stat_type = NETDEV_PCPU_STAT_TSTATS;
	dev->needs_free_netdev = true;
	/* NLPPP_NP_ERROR answers with ICMP, which needs the packet's route. */
	netif_keep_dst(dev);
}

struct nlppp_bundle *nlppp_bundle_create(struct net *net,
					 const struct nlppp_bundle_params *p,
					 struct netlink_ext_ack *extack)
{
	unsigned char assign = NET_NAME_USER;
	struct nlppp_bundle *bundle;
	struct net_device *dev;
	char name[IFNAMSIZ];
	int ret, i;

	lockdep_assert_held(&nlppp_lock);
	if (nlppp_bundles_closed) {
		NL_SET_ERR_MSG(extack, "the module is being unloaded");
		return ERR_PTR(-ENODEV);
	}
	if (p->ifname) {
		strscpy(name, p->ifname, sizeof(name));
	} else if (p->has_unit) {
		snprintf(name, sizeof(name), "ppp%u", p->unit);
	} else {
		/* Named below, under rtnl, by nlppp_unit_alloc(). */
		strscpy(name, "ppp", sizeof(name));
		assign = NET_NAME_ENUM;
	}

	dev = alloc_netdev(sizeof(*bundle), name, assign, nlppp_setup);
	if (!dev)
		return ERR_PTR(-ENOMEM);
	dev_net_set(dev, net);
	bundle = netdev_priv(dev);
	bundle->dev = dev;
	bundle->mru = p->mru;
	bundle->auto_unit = -1;
	for (i = 0; i < NLPPP_NP_COUNT; i++)
		bundle->np_mode[i] = NLPPP_NP_DROP;
	skb_queue_head_init(&bundle->npq);
	nlppp_comp_init(&bundle->comp);

	ret = 0;
	rtnl_lock();
	if (p->flags & NLPPP_F_NOQUEUE)
		dev->priv_flags |= IFF_NO_QUEUE;
	if (!p->ifname && !p->has_unit)
		ret = bundle->auto_unit = nlppp_unit_alloc(net, dev->name);
	if (ret >= 0)
		ret = register_netdevice(dev);
	if (ret) {
		nlppp_unit_free(net, bundle->auto_unit);
		bundle->auto_unit = -1;
	}
	rtnl_unlock();
	if (ret) {
		if (ret == -EEXIST)
			NL_SET_ERR_MSG(extack, "an interface of that name exists");
		else
			NL_SET_ERR_MSG(extack, "cannot register the interface");
		goto err_free_netdev;
	}

	ret = nlppp_obj_add(&bundle->obj, NLPPP_OBJ_BUNDLE, net, p->owner,
			    p->owner_portid, p->flags);
	if (ret) {
		NL_SET_ERR_MSG(extack, "out of bundle ids or memory");
		goto err_unregister_netdev;
	}
	nlppp_info("bundle %u is %s\n", bundle->obj.id, dev->name);
	return bundle;

err_unregister_netdev:
	rtnl_lock();
	nlppp_unit_free(net, bundle->auto_unit);
	unregister_netdevice(dev);	/* needs_free_netdev frees it */
	rtnl_unlock();
	return ERR_PTR(ret);
err_free_netdev:
	free_netdev(dev);
	return ERR_PTR(ret);
}

void nlppp_bundle_destroy(struct nlppp_bundle *bundle)
{
	struct nlppp_link *link = nlppp_bundle_link(bundle);

	lockdep_assert_held(&nlppp_lock);
	if (link)
		nlppp_link_detach(link);
	nlppp_info("bundle %u (%s) destroyed\n", bundle->obj.id,
		   bundle->dev->name);
	nlppp_obj_del(&bundle->obj);
	rtnl_lock();
	nlppp_unit_free(dev_net(bundle->dev), bundle->auto_unit);
	bundle->auto_unit = -1;
	unregister_netdevice(bundle->dev);
	rtnl_unlock();
}

/* Links claimed in a dying netns lose their claim before the grace period. */
static void __net_exit nlppp_net_pre_exit(struct net *net)
{
	nlppp_link_release_net(net);
}

static void __net_exit nlppp_net_exit(struct net *net)
{
	struct nlppp_device_net *dn = net_generic(net, nlppp_device_net_id);
	unsigned long index = 0;
	struct nlppp_obj *obj;

	mutex_lock(&nlppp_lock);
	while ((obj = nlppp_obj_next(&index)))
		if (obj->kind == NLPPP_OBJ_BUNDLE &&
		    net_eq(nlppp_obj_net(obj), net))
			nlppp_bundle_destroy(container_of(obj, struct nlppp_bundle,
							  obj));
	mutex_unlock(&nlppp_lock);
	ida_destroy(&dn->units);
}

static int __net_init nlppp_net_init(struct net *net)
{
	struct nlppp_device_net *dn = net_generic(net, nlppp_device_net_id);

	ida_init(&dn->units);
	return 0;
}

static struct pernet_operations nlppp_net_ops = {
	.init = nlppp_net_init,
	.pre_exit = nlppp_net_pre_exit,
	.exit = nlppp_net_exit,
	.id = &nlppp_device_net_id,
	.size = sizeof(struct nlppp_device_net),
};

int __init nlppp_device_init(void)
{
	return register_pernet_device(&nlppp_net_ops);
}

void nlppp_device_uninit(void)
{
	mutex_lock(&nlppp_lock);
	nlppp_bundles_closed = true;
	mutex_unlock(&nlppp_lock);
	unregister_pernet_device(&nlppp_net_ops);
}
