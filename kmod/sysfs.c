// SPDX-License-Identifier: GPL-2.0
/*
 * /sys/class/net/pppN/nlppp/: a bundle as an admin reads it, read-only.
 * Its id and MRU; its links (ids, framing, MRU: one word per link, in the
 * same order); and the counters nlpppctl shows for the interface, named
 * as there: the pppN's packets, the links' frames and errors (summed over
 * the links), drops of both.
 *
 * No nlppp_lock here: bundle destruction holds it while unregistering the
 * device, which waits for these reads to finish. The device (and so the
 * bundle, its private area) lives until then; links are reached through
 * the RCU pointer and freed a grace period after they go; what the lock
 * guards is read with READ_ONCE (a value may be a moment old, never torn).
 */
#include "sysfs.h"
#include "device.h"
#include "link.h"

#include <linux/device.h>
#include <linux/netdevice.h>
#include <linux/rcupdate.h>
#include <linux/sysfs.h>

/* The counters, by their nlpppctl names. */
enum nlppp_sysfs_counter {
	NLPPP_SC_RX_PACKETS,
	NLPPP_SC_RX_BYTES,
	NLPPP_SC_TX_PACKETS,
	NLPPP_SC_TX_BYTES,
	NLPPP_SC_RX_FRAMES,
	NLPPP_SC_TX_FRAMES,
	NLPPP_SC_RX_FCS_ERRORS,
	NLPPP_SC_RX_FRAME_ERRORS,
	NLPPP_SC_RX_ABORTS,
	NLPPP_SC_RX_OVERRUNS,
	NLPPP_SC_RX_DROPPED,
	NLPPP_SC_TX_DROPPED,
	NLPPP_SC_COUNT,
};

static struct nlppp_bundle *nlppp_sysfs_bundle(struct device *d)
{
	return netdev_priv(to_net_dev(d));
}

/* The same sums as the daemon makes of BUNDLE_GET and LINK_GET. */
static void nlppp_sysfs_counters(struct nlppp_bundle *bundle, u64 *c)
{
	u64 ls[__NLPPP_A_STATS_MAX];
	struct rtnl_link_stats64 ds;
	struct nlppp_link *link;

	dev_get_stats(bundle->dev, &ds);
	c[NLPPP_SC_RX_PACKETS] = ds.rx_packets;
	c[NLPPP_SC_RX_BYTES] = ds.rx_bytes;
	c[NLPPP_SC_TX_PACKETS] = ds.tx_packets;
	c[NLPPP_SC_TX_BYTES] = ds.tx_bytes;
	c[NLPPP_SC_RX_DROPPED] = ds.rx_dropped;
	c[NLPPP_SC_TX_DROPPED] = ds.tx_dropped + ds.tx_errors;
	c[NLPPP_SC_RX_FRAMES] = 0;
	c[NLPPP_SC_TX_FRAMES] = 0;
	c[NLPPP_SC_RX_FCS_ERRORS] = 0;
	c[NLPPP_SC_RX_FRAME_ERRORS] = 0;
	c[NLPPP_SC_RX_ABORTS] = 0;
	c[NLPPP_SC_RX_OVERRUNS] = 0;

	rcu_read_lock();
	link = rcu_dereference(bundle->link);
	if (link) {
		nlppp_link_get_stats(link, ls);
		c[NLPPP_SC_RX_FRAMES] += ls[NLPPP_A_STATS_RX_PACKETS];
		c[NLPPP_SC_TX_FRAMES] += ls[NLPPP_A_STATS_TX_PACKETS];
		c[NLPPP_SC_RX_FCS_ERRORS] += ls[NLPPP_A_STATS_RX_FCS_ERRORS];
		c[NLPPP_SC_RX_FRAME_ERRORS] += ls[NLPPP_A_STATS_RX_FRAME_ERRORS];
		c[NLPPP_SC_RX_ABORTS] += ls[NLPPP_A_STATS_RX_ABORTS];
		c[NLPPP_SC_RX_OVERRUNS] += ls[NLPPP_A_STATS_RX_OVERRUNS];
		c[NLPPP_SC_RX_DROPPED] += ls[NLPPP_A_STATS_RX_DROPPED];
		c[NLPPP_SC_TX_DROPPED] += ls[NLPPP_A_STATS_TX_DROPPED];
	}
	rcu_read_unlock();
}

static ssize_t nlppp_counter_show(struct device *d, struct device_attribute *attr,
				  char *buf)
{
	struct dev_ext_attribute *ea = container_of(attr, struct dev_ext_attribute, attr);
	u64 c[NLPPP_SC_COUNT];

	nlppp_sysfs_counters(nlppp_sysfs_bundle(d), c);
	return sysfs_emit(buf, "%llu\n", c[(uintptr_t)ea->var]);
}

#define NLPPP_COUNTER_ATTR(name, idx)						\
	static struct dev_ext_attribute dev_attr_##name = {			\
		__ATTR(name, 0444, nlppp_counter_show, NULL),			\
		(void *)(uintptr_t)(idx),					\
	}

NLPPP_COUNTER_ATTR(rx_packets, NLPPP_SC_RX_PACKETS);
NLPPP_COUNTER_ATTR(rx_bytes, NLPPP_SC_RX_BYTES);
NLPPP_COUNTER_ATTR(tx_packets, NLPPP_SC_TX_PACKETS);
NLPPP_COUNTER_ATTR(tx_bytes, NLPPP_SC_TX_BYTES);
NLPPP_COUNTER_ATTR(rx_frames, NLPPP_SC_RX_FRAMES);
NLPPP_COUNTER_ATTR(tx_frames, NLPPP_SC_TX_FRAMES);
NLPPP_COUNTER_ATTR(rx_fcs_errors, NLPPP_SC_RX_FCS_ERRORS);
NLPPP_COUNTER_ATTR(rx_frame_errors, NLPPP_SC_RX_FRAME_ERRORS);
NLPPP_COUNTER_ATTR(rx_aborts, NLPPP_SC_RX_ABORTS);
NLPPP_COUNTER_ATTR(rx_overruns, NLPPP_SC_RX_OVERRUNS);
NLPPP_COUNTER_ATTR(rx_dropped, NLPPP_SC_RX_DROPPED);
NLPPP_COUNTER_ATTR(tx_dropped, NLPPP_SC_TX_DROPPED);

static ssize_t bundle_id_show(struct device *d, struct device_attribute *attr,
			      char *buf)
{
	return sysfs_emit(buf, "%u\n", READ_ONCE(nlppp_sysfs_bundle(d)->obj.id));
}
static DEVICE_ATTR_RO(bundle_id);

static ssize_t mru_show(struct device *d, struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%u\n", READ_ONCE(nlppp_sysfs_bundle(d)->mru));
}
static DEVICE_ATTR_RO(mru);

enum nlppp_link_field {
	NLPPP_SYSFS_LINK_ID,
	NLPPP_SYSFS_LINK_FRAMING,
	NLPPP_SYSFS_LINK_MRU,
};

static const char *const nlppp_framing_names[__NLPPP_LINK_TYPE_MAX] = {
	[NLPPP_LINK_ASYNC] = "async",
	[NLPPP_LINK_SYNC] = "sync",
};

/* One word per attached link (one at most today), then a newline. */
static ssize_t nlppp_links_show(struct device *d, char *buf,
				enum nlppp_link_field field)
{
	struct nlppp_bundle *bundle = nlppp_sysfs_bundle(d);
	struct nlppp_link *link;
	ssize_t n = 0;
	u8 type;

	rcu_read_lock();
	link = rcu_dereference(bundle->link);
	if (link) {
		switch (field) {
		case NLPPP_SYSFS_LINK_ID:
			n = sysfs_emit_at(buf, n, "%u", READ_ONCE(link->obj.id));
			break;
		case NLPPP_SYSFS_LINK_FRAMING:
			type = READ_ONCE(link->cfg.type);
			n = sysfs_emit_at(buf, n, "%s",
					  type < __NLPPP_LINK_TYPE_MAX ?
					  nlppp_framing_names[type] : "none");
			break;
		case NLPPP_SYSFS_LINK_MRU:
			n = sysfs_emit_at(buf, n, "%u", READ_ONCE(link->cfg.mru));
			break;
		}
	}
	rcu_read_unlock();
	return n + sysfs_emit_at(buf, n, "\n");
}

static ssize_t links_show(struct device *d, struct device_attribute *attr, char *buf)
{
	return nlppp_links_show(d, buf, NLPPP_SYSFS_LINK_ID);
}
static DEVICE_ATTR_RO(links);

static ssize_t link_framing_show(struct device *d, struct device_attribute *attr,
				 char *buf)
{
	return nlppp_links_show(d, buf, NLPPP_SYSFS_LINK_FRAMING);
}
static DEVICE_ATTR_RO(link_framing);

static ssize_t link_mru_show(struct device *d, struct device_attribute *attr,
			     char *buf)
{
	return nlppp_links_show(d, buf, NLPPP_SYSFS_LINK_MRU);
}
static DEVICE_ATTR_RO(link_mru);

static struct attribute *nlppp_bundle_attrs[] = {
	&dev_attr_bundle_id.attr,
	&dev_attr_mru.attr,
	&dev_attr_links.attr,
	&dev_attr_link_framing.attr,
	&dev_attr_link_mru.attr,
	&dev_attr_rx_packets.attr.attr,
	&dev_attr_rx_bytes.attr.attr,
	&dev_attr_tx_packets.attr.attr,
	&dev_attr_tx_bytes.attr.attr,
	&dev_attr_rx_frames.attr.attr,
	&dev_attr_tx_frames.attr.attr,
	&dev_attr_rx_fcs_errors.attr.attr,
	&dev_attr_rx_frame_errors.attr.attr,
	&dev_attr_rx_aborts.attr.attr,
	&dev_attr_rx_overruns.attr.attr,
	&dev_attr_rx_dropped.attr.attr,
	&dev_attr_tx_dropped.attr.attr,
	NULL,
};

const struct attribute_group nlppp_bundle_attr_group = {
	.name = "nlppp",
	.attrs = nlppp_bundle_attrs,
};
