// SPDX-License-Identifier: GPL-2.0
/*
 * The "nlppp" generic netlink family: include/uapi/linux/nlppp.h is the
 * contract, this file its enforcement. Attribute types, lengths, ranges
 * and flag masks are in the policy (strict: unknown attributes and bits
 * are rejected by the core with an extack message); what the policy cannot
 * say (required attributes per command, cross-attribute rules, ownership,
 * object kinds) is checked here, each rejection with its own message.
 *
 * Every handler runs under nlppp_lock, which makes lookup + check + change
 * atomic with respect to the tty, netns and socket-release paths.
 */
#include "netlink.h"
#include "device.h"
#include "link.h"
#include "main.h"
#include "pppoe.h"

#include <asm/unaligned.h>
#include <linux/filter.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/genetlink.h>
#include <net/sock.h>
#include <libppp/ppp.h>

static struct genl_family nlppp_family;

#define NLPPP_REPLY_ONLY { .type = NLA_REJECT, .reject_message = "reply-only attribute" }

static const struct nla_policy nlppp_np_policy[NLPPP_A_NP_MAX + 1] = {
	[NLPPP_A_NP_IPV4] = NLA_POLICY_MAX(NLA_U8, __NLPPP_NP_MODE_MAX - 1),
	[NLPPP_A_NP_IPV6] = NLA_POLICY_MAX(NLA_U8, __NLPPP_NP_MODE_MAX - 1),
};

static const struct nla_policy nlppp_ccp_policy[NLPPP_A_CCP_MAX + 1] = {
	[NLPPP_A_CCP_METHOD] = NLA_POLICY_MAX(NLA_U8, __NLPPP_CCP_METHOD_MAX - 1),
	[NLPPP_A_CCP_REQUIRED] = NLA_POLICY_MAX(NLA_U8, 1),
	[NLPPP_A_CCP_DEFLATE_WINDOW] = NLA_POLICY_RANGE(NLA_U8, 9, 15),
	[NLPPP_A_CCP_BSD_BITS] = NLA_POLICY_RANGE(NLA_U8, 9, 15),
	[NLPPP_A_CCP_MPPE_BITS] = NLA_POLICY_RANGE(NLA_U8, 40, 128),
	[NLPPP_A_CCP_MPPE_STATEFUL] = NLA_POLICY_MAX(NLA_U8, 1),
	[NLPPP_A_CCP_MPPE_KEY] = NLA_POLICY_EXACT_LEN(16),
};

static const struct nla_policy nlppp_vj_policy[NLPPP_A_VJ_MAX + 1] = {
	[NLPPP_A_VJ_TX_SLOTS] = NLA_POLICY_MAX(NLA_U16, 256),
	[NLPPP_A_VJ_RX_SLOTS] = NLA_POLICY_MAX(NLA_U16, 256),
	[NLPPP_A_VJ_TX_CID_COMP] = NLA_POLICY_MAX(NLA_U8, 1),
};

static const struct nla_policy nlppp_policy[NLPPP_A_MAX + 1] = {
	[NLPPP_A_BUNDLE_ID] = NLA_POLICY_MIN(NLA_U32, 1),
	[NLPPP_A_IFINDEX] = NLPPP_REPLY_ONLY,
	[NLPPP_A_IFNAME] = { .type = NLA_NUL_STRING, .len = IFNAMSIZ - 1 },
	[NLPPP_A_UNIT] = { .type = NLA_U32 },
	[NLPPP_A_LINK_ID] = NLA_POLICY_MIN(NLA_U32, 1),
	[NLPPP_A_LINK_COOKIE] = { .type = NLA_U64 },
	[NLPPP_A_LINK_TYPE] = NLA_POLICY_MAX(NLA_U8, __NLPPP_LINK_TYPE_MAX - 1),
	[NLPPP_A_TX_ACCM] = NLA_POLICY_EXACT_LEN(32),
	[NLPPP_A_RX_ACCM] = { .type = NLA_U32 },
	[NLPPP_A_LINK_FLAGS] = NLA_POLICY_MASK(NLA_U32, NLPPP_LF_ALL),
	[NLPPP_A_MRU] = NLA_POLICY_MIN(NLA_U16, PPP_MRU_MIN),
	[NLPPP_A_FLAGS] = NLA_POLICY_MASK(NLA_U32, NLPPP_F_ALL),
	[NLPPP_A_NP_MODES] = NLA_POLICY_NESTED(nlppp_np_policy),
	[NLPPP_A_PROTO] = { .type = NLA_U16 },
	[NLPPP_A_PAYLOAD] = NLA_POLICY_MIN_LEN(1),
	[NLPPP_A_REASON] = NLPPP_REPLY_ONLY,
	[NLPPP_A_STATS] = NLPPP_REPLY_ONLY,
	[NLPPP_A_OWNER] = NLPPP_REPLY_ONLY,
	[NLPPP_A_PAD] = NLPPP_REPLY_ONLY,
	[NLPPP_A_CCP_TX] = NLA_POLICY_NESTED(nlppp_ccp_policy),
	[NLPPP_A_CCP_RX] = NLA_POLICY_NESTED(nlppp_ccp_policy),
	[NLPPP_A_VJ] = NLA_POLICY_NESTED(nlppp_vj_policy),
	[NLPPP_A_DIRECTION] = NLA_POLICY_MAX(NLA_U8, __NLPPP_DIR_MAX - 1),
	[NLPPP_A_PPPOE] = NLA_POLICY_NESTED(nlppp_pppoe_policy),
};

/* A missing required attribute: the core's missing-attribute TLV plus a message. */
#define NLPPP_REQUIRE(info, attr) ({					\
	bool __missing = GENL_REQ_ATTR_CHECK(info, attr);		\
									\
	if (__missing)							\
		NL_SET_ERR_MSG((info)->extack,				\
			       "missing required attribute " #attr);	\
	__missing;							\
})

static struct nlppp_bundle *nlppp_nl_bundle(struct genl_info *info)
{
	struct nlattr *attr = info->attrs[NLPPP_A_BUNDLE_ID];
	struct nlppp_obj *obj;

	lockdep_assert_held(&nlppp_lock);
	obj = nlppp_obj_find(genl_info_net(info), nla_get_u32(attr));
	if (!obj) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr, "no such bundle");
		return ERR_PTR(-ENOENT);
	}
	if (obj->kind != NLPPP_OBJ_BUNDLE) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr,
				    "BUNDLE_ID names a link, not a bundle");
		return ERR_PTR(-EINVAL);
	}
	return container_of(obj, struct nlppp_bundle, obj);
}

static struct nlppp_link *nlppp_nl_link(struct genl_info *info)
{
	struct nlattr *attr = info->attrs[NLPPP_A_LINK_ID];
	struct nlppp_obj *obj;

	lockdep_assert_held(&nlppp_lock);
	obj = nlppp_obj_find(genl_info_net(info), nla_get_u32(attr));
	if (!obj) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr, "no such link");
		return ERR_PTR(-ENOENT);
	}
	if (obj->kind != NLPPP_OBJ_LINK) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr,
				    "LINK_ID names a bundle, not a link");
		return ERR_PTR(-EINVAL);
	}
	return container_of(obj, struct nlppp_link, obj);
}

/*
 * Only the owner changes an object: the very socket that sent the request
 * (NETLINK_CB(skb).sk), not whichever holds its port id now. A persistent
 * object whose owner closed is an orphan: the first socket that changes it
 * adopts it (the restarted daemon).
 */
static int nlppp_nl_may_modify(struct nlppp_obj *obj, struct sk_buff *skb,
			       struct genl_info *info)
{
	struct sock *sk = NETLINK_CB(skb).sk;
	int ret;

	lockdep_assert_held(&nlppp_lock);
	if (nlppp_obj_owned_by(obj, sk))
		return 0;
	if (!rcu_access_pointer(obj->owner)) {
		ret = nlppp_obj_set_owner(obj, sk, info->snd_portid);
		if (ret) {
			NL_SET_ERR_MSG(info->extack, "cannot adopt the object");
			return ret;
		}
		nlppp_obj_changed();
		return 0;
	}
	NL_SET_ERR_MSG(info->extack, "object is owned by another netlink socket");
	return -EPERM;
}

static int nlppp_nl_put_stats(struct sk_buff *skb, const u64 *stats)
{
	struct nlattr *nest;
	int i;

	nest = nla_nest_start(skb, NLPPP_A_STATS);
	if (!nest)
		return -EMSGSIZE;
	for (i = NLPPP_A_STATS_RX_PACKETS; i < __NLPPP_A_STATS_MAX; i++) {
		if (i == NLPPP_A_STATS_PAD)
			continue;
		if (nla_put_u64_64bit(skb, i, stats[i], NLPPP_A_STATS_PAD)) {
			nla_nest_cancel(skb, nest);
			return -EMSGSIZE;
		}
	}
	nla_nest_end(skb, nest);
	return 0;
}

/* The interface's unit if its name (still) is pppN. */
static bool nlppp_unit_of(const char *name, u32 *unit)
{
	return !strncmp(name, "ppp", 3) && isdigit(name[3]) &&
	       !kstrtou32(name + 3, 10, unit);
}

/* One direction's CCP configuration, never its key. */
static int nlppp_nl_put_ccp(struct sk_buff *skb, int attr, struct nlppp_comp *c, bool tx)
{
	struct nlppp_ccp_cfg cfg;
	struct nlattr *nest;

	nlppp_comp_get_cfg(c, tx, &cfg);
	nest = nla_nest_start(skb, attr);
	if (!nest ||
	    nla_put_u8(skb, NLPPP_A_CCP_METHOD, cfg.method) ||
	    nla_put_u8(skb, NLPPP_A_CCP_REQUIRED, cfg.required) ||
	    (cfg.deflate_window &&
	     nla_put_u8(skb, NLPPP_A_CCP_DEFLATE_WINDOW, cfg.deflate_window)) ||
	    (cfg.bsd_bits && nla_put_u8(skb, NLPPP_A_CCP_BSD_BITS, cfg.bsd_bits)) ||
	    (cfg.method == NLPPP_CCP_MPPE &&
	     (nla_put_u8(skb, NLPPP_A_CCP_MPPE_BITS, cfg.mppe_bits) ||
	      nla_put_u8(skb, NLPPP_A_CCP_MPPE_STATEFUL, cfg.mppe_stateful))))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static int nlppp_nl_put_vj(struct sk_buff *skb, struct nlppp_comp *c)
{
	struct nlppp_vj_cfg cfg;
	struct nlattr *nest;

	nlppp_comp_get_vj(c, &cfg);
	nest = nla_nest_start(skb, NLPPP_A_VJ);
	if (!nest ||
	    nla_put_u16(skb, NLPPP_A_VJ_TX_SLOTS, cfg.tx_slots) ||
	    nla_put_u16(skb, NLPPP_A_VJ_RX_SLOTS, cfg.rx_slots) ||
	    nla_put_u8(skb, NLPPP_A_VJ_TX_CID_COMP, cfg.tx_cid_comp))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static int nlppp_nl_fill_bundle(struct sk_buff *skb, struct nlppp_bundle *bundle,
				u32 portid, u32 seq, int flags, u8 cmd,
				struct netlink_callback *cb)
{
	struct net_device *dev = bundle->dev;
	u64 stats[__NLPPP_A_STATS_MAX] = {};
	struct rtnl_link_stats64 ds;
	struct nlppp_link *link;
	char name[IFNAMSIZ];
	struct nlattr *np;
	void *hdr;
	u32 unit;

	lockdep_assert_held(&nlppp_lock);
	hdr = genlmsg_put(skb, portid, seq, &nlppp_family, flags, cmd);
	if (!hdr)
		return -EMSGSIZE;
	if (cb)
		nl_dump_check_consistent(cb, genlmsg_nlhdr(hdr));

	rtnl_lock();	/* renames happen under it */
	strscpy(name, dev->name, sizeof(name));
	rtnl_unlock();
	link = nlppp_bundle_link(bundle);
	if (nla_put_u32(skb, NLPPP_A_BUNDLE_ID, bundle->obj.id) ||
	    nla_put_u32(skb, NLPPP_A_IFINDEX, dev->ifindex) ||
	    nla_put_string(skb, NLPPP_A_IFNAME, name) ||
	    (nlppp_unit_of(name, &unit) && nla_put_u32(skb, NLPPP_A_UNIT, unit)) ||
	    nla_put_u16(skb, NLPPP_A_MRU, bundle->mru) ||
	    nla_put_u32(skb, NLPPP_A_FLAGS, bundle->obj.flags) ||
	    nla_put_u32(skb, NLPPP_A_OWNER, nlppp_obj_owner_portid(&bundle->obj)) ||
	    (link && nla_put_u32(skb, NLPPP_A_LINK_ID, link->obj.id)))
		goto err_cancel;

	np = nla_nest_start(skb, NLPPP_A_NP_MODES);
	if (!np ||
	    nla_put_u8(skb, NLPPP_A_NP_IPV4, bundle->np_mode[NLPPP_NP_IDX_IPV4]) ||
	    nla_put_u8(skb, NLPPP_A_NP_IPV6, bundle->np_mode[NLPPP_NP_IDX_IPV6]))
		goto err_cancel;
	nla_nest_end(skb, np);
	if (nlppp_nl_put_ccp(skb, NLPPP_A_CCP_TX, &bundle->comp, true) ||
	    nlppp_nl_put_ccp(skb, NLPPP_A_CCP_RX, &bundle->comp, false) ||
	    nlppp_nl_put_vj(skb, &bundle->comp))
		goto err_cancel;

	dev_get_stats(dev, &ds);
	stats[NLPPP_A_STATS_RX_PACKETS] = ds.rx_packets;
	stats[NLPPP_A_STATS_RX_BYTES] = ds.rx_bytes;
	stats[NLPPP_A_STATS_TX_PACKETS] = ds.tx_packets;
	stats[NLPPP_A_STATS_TX_BYTES] = ds.tx_bytes;
	stats[NLPPP_A_STATS_RX_FRAME_ERRORS] = ds.rx_length_errors;
	stats[NLPPP_A_STATS_RX_DROPPED] = ds.rx_dropped;
	stats[NLPPP_A_STATS_TX_DROPPED] = ds.tx_dropped + ds.tx_errors;
	nlppp_comp_get_stats(&bundle->comp, stats);
	if (nlppp_nl_put_stats(skb, stats))
		goto err_cancel;

	genlmsg_end(skb, hdr);
	return 0;

err_cancel:
	genlmsg_cancel(skb, hdr);
	return -EMSGSIZE;
}

static int nlppp_nl_fill_link(struct sk_buff *skb, struct nlppp_link *link,
			      u32 portid, u32 seq, int flags, u8 cmd,
			      struct netlink_callback *cb)
{
	u64 stats[__NLPPP_A_STATS_MAX];
	struct nlppp_bundle *bundle;
	struct nlattr *accm;
	void *hdr;
	int i;

	lockdep_assert_held(&nlppp_lock);
	hdr = genlmsg_put(skb, portid, seq, &nlppp_family, flags, cmd);
	if (!hdr)
		return -EMSGSIZE;
	if (cb)
		nl_dump_check_consistent(cb, genlmsg_nlhdr(hdr));

	bundle = nlppp_link_bundle(link);
	if (nla_put_u32(skb, NLPPP_A_LINK_ID, link->obj.id) ||
	    nla_put_u8(skb, NLPPP_A_LINK_TYPE, link->cfg.type) ||
	    nla_put_u32(skb, NLPPP_A_RX_ACCM, link->cfg.rx_accm) ||
	    nla_put_u32(skb, NLPPP_A_LINK_FLAGS, link->cfg.lflags) ||
	    nla_put_u16(skb, NLPPP_A_MRU, link->cfg.mru) ||
	    nla_put_u32(skb, NLPPP_A_FLAGS, link->obj.flags) ||
	    nla_put_u32(skb, NLPPP_A_OWNER, nlppp_obj_owner_portid(&link->obj)) ||
	    (bundle && nla_put_u32(skb, NLPPP_A_BUNDLE_ID, bundle->obj.id)))
		goto err_cancel;

	accm = nla_reserve(skb, NLPPP_A_TX_ACCM, sizeof(link->cfg.tx_accm));
	if (!accm)
		goto err_cancel;
	for (i = 0; i < ARRAY_SIZE(link->cfg.tx_accm); i++)
		put_unaligned_le32(link->cfg.tx_accm[i], (u8 *)nla_data(accm) + 4 * i);

	nlppp_link_get_stats(link, stats);
	if (nlppp_nl_put_stats(skb, stats))
		goto err_cancel;
	if (link->ops->fill && link->ops->fill(link, skb))
		goto err_cancel;

	genlmsg_end(skb, hdr);
	return 0;

err_cancel:
	genlmsg_cancel(skb, hdr);
	return -EMSGSIZE;
}

static int nlppp_nl_bundle_new(struct sk_buff *skb, struct genl_info *info)
{
	struct nlppp_bundle_params p = {
		.mru = READ_ONCE(nlppp_mru),
		.owner = NETLINK_CB(skb).sk,
		.owner_portid = info->snd_portid,
	};
	struct nlattr **attrs = info->attrs;
	struct nlppp_bundle *bundle;
	struct sk_buff *msg;
	int ret;

	if (attrs[NLPPP_A_IFNAME] && attrs[NLPPP_A_UNIT]) {
		NL_SET_ERR_MSG_ATTR(info->extack, attrs[NLPPP_A_UNIT],
				    "IFNAME and UNIT are mutually exclusive");
		return -EINVAL;
	}
	if (attrs[NLPPP_A_IFNAME]) {
		p.ifname = nla_data(attrs[NLPPP_A_IFNAME]);
		if (!dev_valid_name(p.ifname)) {
			NL_SET_ERR_MSG_ATTR(info->extack, attrs[NLPPP_A_IFNAME],
					    "invalid interface name");
			return -EINVAL;
		}
	}
	if (attrs[NLPPP_A_UNIT]) {
		p.has_unit = true;
		p.unit = nla_get_u32(attrs[NLPPP_A_UNIT]);
	}
	if (attrs[NLPPP_A_MRU])
		p.mru = nla_get_u16(attrs[NLPPP_A_MRU]);
	if (attrs[NLPPP_A_FLAGS])
		p.flags = nla_get_u32(attrs[NLPPP_A_FLAGS]);

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;

	mutex_lock(&nlppp_lock);
	bundle = nlppp_bundle_create(genl_info_net(info), &p, info->extack);
	if (IS_ERR(bundle)) {
		ret = PTR_ERR(bundle);
		goto err_unlock;
	}
	ret = nlppp_nl_fill_bundle(msg, bundle, info->snd_portid, info->snd_seq,
				   0, NLPPP_CMD_BUNDLE_NEW, NULL);
	if (ret) {
		nlppp_bundle_destroy(bundle);
		goto err_unlock;
	}
	mutex_unlock(&nlppp_lock);
	return genlmsg_reply(msg, info);

err_unlock:
	mutex_unlock(&nlppp_lock);
	nlmsg_free(msg);
	return ret;
}

static int nlppp_nl_bundle_del(struct sk_buff *skb, struct genl_info *info)
{
	struct nlppp_bundle *bundle;
	int ret;

	if (NLPPP_REQUIRE(info, NLPPP_A_BUNDLE_ID))
		return -EINVAL;
	mutex_lock(&nlppp_lock);
	bundle = nlppp_nl_bundle(info);
	ret = PTR_ERR_OR_ZERO(bundle);
	if (!ret)
		ret = nlppp_nl_may_modify(&bundle->obj, skb, info);
	if (!ret)
		nlppp_bundle_destroy(bundle);
	mutex_unlock(&nlppp_lock);
	return ret;
}

static int nlppp_nl_bundle_get(struct sk_buff *skb, struct genl_info *info)
{
	struct nlppp_bundle *bundle;
	struct sk_buff *msg;
	int ret;

	if (NLPPP_REQUIRE(info, NLPPP_A_BUNDLE_ID))
		return -EINVAL;
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	mutex_lock(&nlppp_lock);
	bundle = nlppp_nl_bundle(info);
	ret = PTR_ERR_OR_ZERO(bundle);
	if (!ret)
		ret = nlppp_nl_fill_bundle(msg, bundle, info->snd_portid,
					   info->snd_seq, 0, NLPPP_CMD_BUNDLE_GET,
					   NULL);
	mutex_unlock(&nlppp_lock);
	if (ret) {
		nlmsg_free(msg);
		return ret;
	}
	return genlmsg_reply(msg, info);
}

/*
 * One direction's CCP attributes into @cfg, the cross-attribute rules
 * checked. The key is copied into @cfg (the caller wipes it) and the
 * request's copy wiped at once.
 */
static int nlppp_nl_parse_ccp(struct nlattr *nest, struct nlppp_ccp_cfg *cfg,
			      struct netlink_ext_ack *extack)
{
	struct nlattr *tb[NLPPP_A_CCP_MAX + 1];
	struct nlattr *key;
	int ret;

	ret = nla_parse_nested(tb, NLPPP_A_CCP_MAX, nest, nlppp_ccp_policy, extack);
	key = tb[NLPPP_A_CCP_MPPE_KEY];
	if (ret)
		goto out_wipe;
	ret = -EINVAL;
	if (!tb[NLPPP_A_CCP_METHOD]) {
		NL_SET_ERR_MSG_ATTR(extack, nest, "missing required attribute NLPPP_A_CCP_METHOD");
		goto out_wipe;
	}
	memset(cfg, 0, sizeof(*cfg));
	cfg->method = nla_get_u8(tb[NLPPP_A_CCP_METHOD]);
	if (tb[NLPPP_A_CCP_REQUIRED])
		cfg->required = nla_get_u8(tb[NLPPP_A_CCP_REQUIRED]);
	if (tb[NLPPP_A_CCP_MPPE_STATEFUL])
		cfg->mppe_stateful = nla_get_u8(tb[NLPPP_A_CCP_MPPE_STATEFUL]);

	if (cfg->method == NLPPP_CCP_MPPE) {
		if (!tb[NLPPP_A_CCP_MPPE_BITS] || !key) {
			NL_SET_ERR_MSG_ATTR(extack, nest, "MPPE needs MPPE_BITS and MPPE_KEY");
			goto out_wipe;
		}
		cfg->mppe_bits = nla_get_u8(tb[NLPPP_A_CCP_MPPE_BITS]);
		if (cfg->mppe_bits != 40 && cfg->mppe_bits != 56 && cfg->mppe_bits != 128) {
			NL_SET_ERR_MSG_ATTR(extack, tb[NLPPP_A_CCP_MPPE_BITS],
					    "MPPE_BITS must be 40, 56 or 128");
			goto out_wipe;
		}
		memcpy(cfg->mppe_key, nla_data(key), sizeof(cfg->mppe_key));
	} else if (key || tb[NLPPP_A_CCP_MPPE_BITS] || tb[NLPPP_A_CCP_MPPE_STATEFUL]) {
		NL_SET_ERR_MSG_ATTR(extack, nest, "MPPE attributes without METHOD MPPE");
		goto out_wipe;
	}
	if (cfg->method == NLPPP_CCP_DEFLATE || cfg->method == NLPPP_CCP_DEFLATE_DRAFT) {
		if (!tb[NLPPP_A_CCP_DEFLATE_WINDOW]) {
			NL_SET_ERR_MSG_ATTR(extack, nest, "Deflate needs DEFLATE_WINDOW");
			goto out_wipe;
		}
		cfg->deflate_window = nla_get_u8(tb[NLPPP_A_CCP_DEFLATE_WINDOW]);
	} else if (tb[NLPPP_A_CCP_DEFLATE_WINDOW]) {
		NL_SET_ERR_MSG_ATTR(extack, nest, "DEFLATE_WINDOW without a Deflate method");
		goto out_wipe;
	}
	if (cfg->method == NLPPP_CCP_BSD) {
		if (!tb[NLPPP_A_CCP_BSD_BITS]) {
			NL_SET_ERR_MSG_ATTR(extack, nest, "BSD-Compress needs BSD_BITS");
			goto out_wipe;
		}
		cfg->bsd_bits = nla_get_u8(tb[NLPPP_A_CCP_BSD_BITS]);
	} else if (tb[NLPPP_A_CCP_BSD_BITS]) {
		NL_SET_ERR_MSG_ATTR(extack, nest, "BSD_BITS without METHOD BSD");
		goto out_wipe;
	}
	ret = 0;

out_wipe:
	/* The request's own copy of the key: nobody reads it after us. */
	if (key)
		memzero_explicit(nla_data(key), nla_len(key));
	if (ret)
		memzero_explicit(cfg->mppe_key, sizeof(cfg->mppe_key));
	return ret;
}

static int nlppp_nl_parse_vj(struct nlattr *nest, struct nlppp_vj_cfg *cfg,
			     struct netlink_ext_ack *extack)
{
	struct nlattr *tb[NLPPP_A_VJ_MAX + 1];
	int ret;

	ret = nla_parse_nested(tb, NLPPP_A_VJ_MAX, nest, nlppp_vj_policy, extack);
	if (ret)
		return ret;
	memset(cfg, 0, sizeof(*cfg));
	if (tb[NLPPP_A_VJ_TX_SLOTS])
		cfg->tx_slots = nla_get_u16(tb[NLPPP_A_VJ_TX_SLOTS]);
	if (tb[NLPPP_A_VJ_RX_SLOTS])
		cfg->rx_slots = nla_get_u16(tb[NLPPP_A_VJ_RX_SLOTS]);
	if (tb[NLPPP_A_VJ_TX_CID_COMP])
		cfg->tx_cid_comp = nla_get_u8(tb[NLPPP_A_VJ_TX_CID_COMP]);
	return 0;
}

/* BUNDLE_SET's compression attributes, parsed before and applied after the lookup. */
struct nlppp_nl_comp_req {
	struct nlppp_ccp_cfg ccp[2];	/* [1]: transmit */
	bool has_ccp[2];
	struct nlppp_vj_cfg vj;
	bool has_vj;
};

static int nlppp_nl_parse_comp(struct genl_info *info, struct nlppp_nl_comp_req *req)
{
	struct nlattr **attrs = info->attrs;
	int ret = 0, tx;

	for (tx = 0; tx < 2 && !ret; tx++) {
		struct nlattr *a = attrs[tx ? NLPPP_A_CCP_TX : NLPPP_A_CCP_RX];

		if (!a)
			continue;
		req->has_ccp[tx] = true;
		ret = nlppp_nl_parse_ccp(a, &req->ccp[tx], info->extack);
		/* Refused before anything changes: a request applies whole or not at all. */
		if (!ret && !nlppp_comp_has_method(tx, req->ccp[tx].method)) {
			NL_SET_ERR_MSG_ATTR(info->extack, a,
					    "this module has no such compression method");
			ret = -EOPNOTSUPP;
		}
	}
	if (!ret && attrs[NLPPP_A_VJ]) {
		req->has_vj = true;
		ret = nlppp_nl_parse_vj(attrs[NLPPP_A_VJ], &req->vj, info->extack);
	}
	return ret;
}

static int nlppp_nl_apply_comp(struct nlppp_bundle *bundle, struct nlppp_nl_comp_req *req,
			       struct netlink_ext_ack *extack)
{
	int ret = 0, tx;

	for (tx = 0; tx < 2; tx++) {
		if (req->has_ccp[tx] && !ret)
			ret = nlppp_comp_set(&bundle->comp, tx, &req->ccp[tx], extack);
		memzero_explicit(req->ccp[tx].mppe_key, sizeof(req->ccp[tx].mppe_key));
	}
	if (!ret && req->has_vj) {
		ret = nlppp_comp_set_vj(&bundle->comp, &req->vj);
		if (ret)
			NL_SET_ERR_MSG(extack, "no memory for the VJ slots");
	}
	return ret;
}

static int nlppp_nl_bundle_set(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *np[NLPPP_A_NP_MAX + 1] = {};
	struct nlattr **attrs = info->attrs;
	struct nlppp_nl_comp_req comp = {};
	struct nlppp_bundle *bundle;
	int ret;

	ret = nlppp_nl_parse_comp(info, &comp);
	if (ret)
		goto out_wipe;
	ret = -EINVAL;
	if (NLPPP_REQUIRE(info, NLPPP_A_BUNDLE_ID))
		goto out_wipe;
	if (attrs[NLPPP_A_NP_MODES]) {
		ret = nla_parse_nested(np, NLPPP_A_NP_MAX, attrs[NLPPP_A_NP_MODES],
				       nlppp_np_policy, info->extack);
		if (ret)
			goto out_wipe;
	}

	mutex_lock(&nlppp_lock);
	bundle = nlppp_nl_bundle(info);
	ret = PTR_ERR_OR_ZERO(bundle);
	if (!ret)
		ret = nlppp_nl_may_modify(&bundle->obj, skb, info);
	if (ret)
		goto out_unlock;

	/* Compression first: data may flow as soon as the NP mode says pass. */
	ret = nlppp_nl_apply_comp(bundle, &comp, info->extack);
	if (ret)
		goto out_unlock;
	if (attrs[NLPPP_A_MRU])
		WRITE_ONCE(bundle->mru, nla_get_u16(attrs[NLPPP_A_MRU]));
	if (attrs[NLPPP_A_FLAGS])
		bundle->obj.flags = (nla_get_u32(attrs[NLPPP_A_FLAGS]) & ~NLPPP_F_NOQUEUE) |
				    (bundle->obj.flags & NLPPP_F_NOQUEUE);
	if (np[NLPPP_A_NP_IPV4])
		nlppp_bundle_set_np_mode(bundle, NLPPP_NP_IDX_IPV4,
					 nla_get_u8(np[NLPPP_A_NP_IPV4]));
	if (np[NLPPP_A_NP_IPV6])
		nlppp_bundle_set_np_mode(bundle, NLPPP_NP_IDX_IPV6,
					 nla_get_u8(np[NLPPP_A_NP_IPV6]));
	nlppp_obj_changed();

out_unlock:
	mutex_unlock(&nlppp_lock);
out_wipe:
	memzero_explicit(&comp, sizeof(comp));
	return ret;
}

static int nlppp_nl_ccp_reset(struct sk_buff *skb, struct genl_info *info)
{
	struct nlppp_bundle *bundle;
	int ret;

	if (NLPPP_REQUIRE(info, NLPPP_A_BUNDLE_ID) ||
	    NLPPP_REQUIRE(info, NLPPP_A_DIRECTION))
		return -EINVAL;
	mutex_lock(&nlppp_lock);
	bundle = nlppp_nl_bundle(info);
	ret = PTR_ERR_OR_ZERO(bundle);
	if (!ret)
		ret = nlppp_nl_may_modify(&bundle->obj, skb, info);
	if (!ret)
		nlppp_comp_reset(&bundle->comp,
				 nla_get_u8(info->attrs[NLPPP_A_DIRECTION]) == NLPPP_DIR_TX);
	mutex_unlock(&nlppp_lock);
	return ret;
}

/* Links take NLPPP_F_PERSIST only: true (with the extack set) for a bundle's flag. */
static bool nlppp_nl_bundle_only_flags(struct nlattr **attrs, struct netlink_ext_ack *extack)
{
	if (!attrs[NLPPP_A_FLAGS] || !(nla_get_u32(attrs[NLPPP_A_FLAGS]) & NLPPP_F_NOQUEUE))
		return false;
	NL_SET_ERR_MSG_ATTR(extack, attrs[NLPPP_A_FLAGS], "NOQUEUE is a bundle flag");
	return true;
}

static int nlppp_nl_link_new(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **attrs = info->attrs;
	struct nlppp_link *link;
	struct sk_buff *msg;
	u32 flags = 0;
	int ret;

	/* --- PPPoE: a link made here rather than claimed from a tty. --- */
	if (attrs[NLPPP_A_PPPOE] && attrs[NLPPP_A_LINK_COOKIE]) {
		NL_SET_ERR_MSG_ATTR(info->extack, attrs[NLPPP_A_PPPOE],
				    "LINK_COOKIE (a tty) and PPPOE exclude each other");
		return -EINVAL;
	}
	if (!attrs[NLPPP_A_PPPOE] && NLPPP_REQUIRE(info, NLPPP_A_LINK_COOKIE))
		return -EINVAL;
	/* --- end PPPoE --- */
	if (attrs[NLPPP_A_FLAGS])
		flags = nla_get_u32(attrs[NLPPP_A_FLAGS]);
	if (nlppp_nl_bundle_only_flags(attrs, info->extack))
		return -EINVAL;
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;

	mutex_lock(&nlppp_lock);
	/* --- PPPoE --- */
	if (attrs[NLPPP_A_PPPOE]) {
		link = nlppp_pppoe_new(genl_info_net(info), attrs[NLPPP_A_PPPOE],
				       info->extack);
		if (IS_ERR(link)) {
			ret = PTR_ERR(link);
			goto err_unlock;
		}
		ret = nlppp_link_claim(link, genl_info_net(info), NETLINK_CB(skb).sk,
				       info->snd_portid, flags);
		if (ret) {
			nlppp_pppoe_abort(link);
			NL_SET_ERR_MSG(info->extack, "out of link ids or memory");
			goto err_unlock;
		}
		goto reply;
	}
	/* --- end PPPoE --- */
	link = nlppp_link_find_cookie(genl_info_net(info),
				      nla_get_u64(attrs[NLPPP_A_LINK_COOKIE]));
	if (!link) {
		NL_SET_ERR_MSG_ATTR(info->extack, attrs[NLPPP_A_LINK_COOKIE],
				    "no unclaimed link of this netns has this cookie");
		ret = -ENOENT;
		goto err_unlock;
	}
	ret = nlppp_link_claim(link, genl_info_net(info), NETLINK_CB(skb).sk,
			       info->snd_portid, flags);
	if (ret) {
		NL_SET_ERR_MSG(info->extack, "out of link ids or memory");
		goto err_unlock;
	}
reply:
	ret = nlppp_nl_fill_link(msg, link, info->snd_portid, info->snd_seq, 0,
				 NLPPP_CMD_LINK_NEW, NULL);
	if (ret) {
		nlppp_link_release(link, NLPPP_DOWN_UNSPEC);
		goto err_unlock;
	}
	mutex_unlock(&nlppp_lock);
	return genlmsg_reply(msg, info);

err_unlock:
	mutex_unlock(&nlppp_lock);
	nlmsg_free(msg);
	return ret;
}

static int nlppp_nl_link_del(struct sk_buff *skb, struct genl_info *info)
{
	struct nlppp_link *link;
	int ret;

	if (NLPPP_REQUIRE(info, NLPPP_A_LINK_ID))
		return -EINVAL;
	mutex_lock(&nlppp_lock);
	link = nlppp_nl_link(info);
	ret = PTR_ERR_OR_ZERO(link);
	if (!ret)
		ret = nlppp_nl_may_modify(&link->obj, skb, info);
	if (!ret)
		nlppp_link_release(link, NLPPP_DOWN_DELETED);
	mutex_unlock(&nlppp_lock);
	return ret;
}

static int nlppp_nl_link_get(struct sk_buff *skb, struct genl_info *info)
{
	struct nlppp_link *link;
	struct sk_buff *msg;
	int ret;

	if (NLPPP_REQUIRE(info, NLPPP_A_LINK_ID))
		return -EINVAL;
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	mutex_lock(&nlppp_lock);
	link = nlppp_nl_link(info);
	ret = PTR_ERR_OR_ZERO(link);
	if (!ret)
		ret = nlppp_nl_fill_link(msg, link, info->snd_portid,
					 info->snd_seq, 0, NLPPP_CMD_LINK_GET,
					 NULL);
	mutex_unlock(&nlppp_lock);
	if (ret) {
		nlmsg_free(msg);
		return ret;
	}
	return genlmsg_reply(msg, info);
}

/*
 * Escaping 0x20-0x3f gives 0x7d followed by a control byte the peer may
 * drop as noise, and escaping 0x5e gives 0x7d 0x7e, the abort sequence.
 */
static int nlppp_nl_parse_tx_accm(struct nlattr *attr, u32 *map,
				  struct netlink_ext_ack *extack)
{
	const u8 *p = nla_data(attr);
	int i;

	for (i = 0; i < 8; i++)
		map[i] = get_unaligned_le32(p + 4 * i);
	if (map[1] || map[0x5e >> 5] & 1u << (0x5e & 31)) {
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "TX_ACCM may not escape 0x20-0x3f or 0x5e");
		return -EINVAL;
	}
	map[0x7d >> 5] |= 1u << (0x7d & 31) | 1u << (0x7e & 31);
	return 0;
}

static int nlppp_nl_link_set(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **attrs = info->attrs;
	struct nlppp_link_cfg cfg;
	struct nlppp_link *link;
	u32 tx_accm[8];
	int ret;

	if (NLPPP_REQUIRE(info, NLPPP_A_LINK_ID))
		return -EINVAL;
	if (nlppp_nl_bundle_only_flags(attrs, info->extack))
		return -EINVAL;
	if (attrs[NLPPP_A_TX_ACCM]) {
		ret = nlppp_nl_parse_tx_accm(attrs[NLPPP_A_TX_ACCM], tx_accm,
					     info->extack);
		if (ret)
			return ret;
	}
	/*
	 * Every frame the link accepts must fit one PAYLOAD on its way up
	 * (mru_max <= NLPPP_LINK_MRU_MAX), and its buffer is the admin's cap.
	 */
	if (attrs[NLPPP_A_MRU] &&
	    nla_get_u16(attrs[NLPPP_A_MRU]) > READ_ONCE(nlppp_mru_max)) {
		NL_SET_ERR_MSG_ATTR(info->extack, attrs[NLPPP_A_MRU],
				    "link MRU above the module's mru_max parameter");
		return -ERANGE;
	}

	mutex_lock(&nlppp_lock);
	link = nlppp_nl_link(info);
	ret = PTR_ERR_OR_ZERO(link);
	if (!ret)
		ret = nlppp_nl_may_modify(&link->obj, skb, info);
	if (ret)
		goto out_unlock;

	/* --- PPPoE: a session link stays one, and nothing else becomes one. --- */
	if (attrs[NLPPP_A_LINK_TYPE] &&
	    (nla_get_u8(attrs[NLPPP_A_LINK_TYPE]) == NLPPP_LINK_PPPOE) !=
	    (link->cfg.type == NLPPP_LINK_PPPOE)) {
		NL_SET_ERR_MSG_ATTR(info->extack, attrs[NLPPP_A_LINK_TYPE],
				    "a link's type changes only between async and sync");
		ret = -EINVAL;
		goto out_unlock;
	}
	/* --- end PPPoE --- */
	cfg = link->cfg;
	if (attrs[NLPPP_A_LINK_TYPE])
		cfg.type = nla_get_u8(attrs[NLPPP_A_LINK_TYPE]);
	if (attrs[NLPPP_A_TX_ACCM])
		memcpy(cfg.tx_accm, tx_accm, sizeof(tx_accm));
	if (attrs[NLPPP_A_RX_ACCM])
		cfg.rx_accm = nla_get_u32(attrs[NLPPP_A_RX_ACCM]);
	if (attrs[NLPPP_A_LINK_FLAGS])
		cfg.lflags = nla_get_u32(attrs[NLPPP_A_LINK_FLAGS]);
	if (attrs[NLPPP_A_MRU])
		cfg.mru = nla_get_u16(attrs[NLPPP_A_MRU]);
	if (attrs[NLPPP_A_FLAGS])
		link->obj.flags = nla_get_u32(attrs[NLPPP_A_FLAGS]);
	ret = nlppp_link_configure(link, &cfg);
	if (ret)
		NL_SET_ERR_MSG(info->extack, "cannot apply the link configuration");

out_unlock:
	mutex_unlock(&nlppp_lock);
	return ret;
}

static int nlppp_nl_link_attach(struct sk_buff *skb, struct genl_info *info)
{
	struct nlppp_bundle *bundle;
	struct nlppp_link *link;
	int ret;

	if (NLPPP_REQUIRE(info, NLPPP_A_LINK_ID) ||
	    NLPPP_REQUIRE(info, NLPPP_A_BUNDLE_ID))
		return -EINVAL;

	mutex_lock(&nlppp_lock);
	link = nlppp_nl_link(info);
	ret = PTR_ERR_OR_ZERO(link);
	if (ret)
		goto out_unlock;
	bundle = nlppp_nl_bundle(info);
	ret = PTR_ERR_OR_ZERO(bundle);
	if (!ret)
		ret = nlppp_nl_may_modify(&link->obj, skb, info);
	if (!ret)
		ret = nlppp_nl_may_modify(&bundle->obj, skb, info);
	if (ret)
		goto out_unlock;
	if (nlppp_link_bundle(link)) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[NLPPP_A_LINK_ID],
				    "link is already attached; detach it first");
		ret = -EBUSY;
		goto out_unlock;
	}
	if (nlppp_bundle_link(bundle)) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[NLPPP_A_BUNDLE_ID],
				    "bundle already has a link (multilink is not supported yet)");
		ret = -EBUSY;
		goto out_unlock;
	}
	nlppp_link_attach(link, bundle);

out_unlock:
	mutex_unlock(&nlppp_lock);
	return ret;
}

static int nlppp_nl_link_detach(struct sk_buff *skb, struct genl_info *info)
{
	struct nlppp_link *link;
	int ret;

	if (NLPPP_REQUIRE(info, NLPPP_A_LINK_ID))
		return -EINVAL;
	mutex_lock(&nlppp_lock);
	link = nlppp_nl_link(info);
	ret = PTR_ERR_OR_ZERO(link);
	if (!ret)
		ret = nlppp_nl_may_modify(&link->obj, skb, info);
	if (!ret && !nlppp_link_bundle(link)) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[NLPPP_A_LINK_ID],
				    "link is not attached");
		ret = -ENOTCONN;
	}
	if (!ret)
		nlppp_link_detach(link);
	mutex_unlock(&nlppp_lock);
	return ret;
}

static int nlppp_nl_frame(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **attrs = info->attrs;
	struct nlppp_link *link;
	u16 proto;
	int ret;

	if (NLPPP_REQUIRE(info, NLPPP_A_LINK_ID) ||
	    NLPPP_REQUIRE(info, NLPPP_A_PROTO) ||
	    NLPPP_REQUIRE(info, NLPPP_A_PAYLOAD))
		return -EINVAL;
	/* RFC 1661 2: the low byte is odd, the high byte even. */
	proto = nla_get_u16(attrs[NLPPP_A_PROTO]);
	if (!(proto & 0x0001) || (proto & 0x0100)) {
		NL_SET_ERR_MSG_ATTR(info->extack, attrs[NLPPP_A_PROTO],
				    "not a valid PPP protocol number");
		return -EINVAL;
	}

	mutex_lock(&nlppp_lock);
	link = nlppp_nl_link(info);
	ret = PTR_ERR_OR_ZERO(link);
	if (!ret)
		ret = nlppp_nl_may_modify(&link->obj, skb, info);
	if (ret)
		goto out_unlock;
	ret = nlppp_link_send_ctrl(link, proto, nla_data(attrs[NLPPP_A_PAYLOAD]),
				   nla_len(attrs[NLPPP_A_PAYLOAD]));
	if (ret == -ENOTCONN)
		NL_SET_ERR_MSG(info->extack, "link is down");
	else if (ret == -ENOBUFS)
		NL_SET_ERR_MSG(info->extack, "link transmit queue is full");
	else if (ret)
		NL_SET_ERR_MSG(info->extack, "cannot send the frame");

out_unlock:
	mutex_unlock(&nlppp_lock);
	return ret;
}

static int nlppp_nl_dump(struct sk_buff *skb, struct netlink_callback *cb,
			 enum nlppp_obj_kind kind)
{
	struct net *net = sock_net(skb->sk);
	unsigned long index = cb->args[0];
	struct nlppp_obj *obj;
	int ret = 0;

	mutex_lock(&nlppp_lock);
	cb->seq = nlppp_obj_generation();
	while ((obj = nlppp_obj_next(&index))) {
		if (obj->kind != kind || !net_eq(nlppp_obj_net(obj), net))
			continue;
		if (kind == NLPPP_OBJ_BUNDLE)
			ret = nlppp_nl_fill_bundle(skb,
				container_of(obj, struct nlppp_bundle, obj),
				NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
				NLM_F_MULTI, NLPPP_CMD_BUNDLE_GET, cb);
		else
			ret = nlppp_nl_fill_link(skb,
				container_of(obj, struct nlppp_link, obj),
				NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
				NLM_F_MULTI, NLPPP_CMD_LINK_GET, cb);
		if (ret) {
			index = obj->id;	/* did not fit: first in the next skb */
			break;
		}
	}
	cb->args[0] = index;
	mutex_unlock(&nlppp_lock);
	return skb->len;
}

static int nlppp_nl_bundle_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	return nlppp_nl_dump(skb, cb, NLPPP_OBJ_BUNDLE);
}

static int nlppp_nl_link_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	return nlppp_nl_dump(skb, cb, NLPPP_OBJ_LINK);
}

/* Multicast "events": @link went down. Before the claim is dropped. */
void nlppp_nl_link_down(struct nlppp_link *link, enum nlppp_down_reason why)
{
	struct net *net = nlppp_obj_net(&link->obj);
	struct nlppp_bundle *bundle = nlppp_link_bundle(link);
	struct sk_buff *msg;
	void *hdr;

	lockdep_assert_held(&nlppp_lock);
	if (!net || !genl_has_listeners(&nlppp_family, net, 0))
		return;
	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return;
	hdr = genlmsg_put(msg, 0, 0, &nlppp_family, 0, NLPPP_CMD_LINK_DOWN);
	if (!hdr ||
	    nla_put_u32(msg, NLPPP_A_LINK_ID, link->obj.id) ||
	    (bundle && nla_put_u32(msg, NLPPP_A_BUNDLE_ID, bundle->obj.id)) ||
	    nla_put_u32(msg, NLPPP_A_REASON, why)) {
		nlmsg_free(msg);
		return;
	}
	genlmsg_end(msg, hdr);
	genlmsg_multicast_netns(&nlppp_family, net, msg, 0, 0, GFP_KERNEL);
}

/*
 * Queue @skb on the owner's socket @sk itself. genlmsg_unicast() would look
 * the receiver up by port id, and a port id is free for any socket to bind
 * from the moment netlink_release() unhashes the owner: before it marks the
 * socket dead, and (netlink_table_grab() sleeps while sockets bind) possibly
 * long before. Linux 6.1 exports no netlink call that delivers to a given
 * struct sock (netlink_attachskb() and netlink_sendskb() are internal), so
 * this is their essential part: refuse a dead socket, keep to its receive
 * buffer, apply its filter, charge it, queue, wake. What it leaves out, on
 * purpose or perforce: nlmon taps never see these frames (they carry PAP
 * passwords); a full buffer drops the frame (counted in RX_DROPPED) without
 * setting ENOBUFS on the socket, since the NETLINK_NO_ENOBUFS choice and
 * the congestion bit live in the private netlink_sock. A socket released
 * just after the test may still get a frame queued: it is freed with the
 * socket, never seen by another.
 */
static int nlppp_nl_deliver(struct sock *sk, struct sk_buff *skb)
{
	int ret = -ENOTCONN;

	if (sock_flag(sk, SOCK_DEAD))
		goto err_free;
	ret = -ENOBUFS;
	if (atomic_read(&sk->sk_rmem_alloc) > READ_ONCE(sk->sk_rcvbuf))
		goto err_free;
	ret = -EPERM;
	if (sk_filter(sk, skb))
		goto err_free;
	skb_set_owner_r(skb, sk);
	skb_queue_tail(&sk->sk_receive_queue, skb);
	sk->sk_data_ready(sk);
	return 0;

err_free:
	kfree_skb(skb);
	return ret;
}

/*
 * Send a received control frame to @link's owner; data path, atomic. Never
 * multicast: PAP carries passwords. Fails when nobody owns the link or the
 * owner's socket is gone.
 */
int nlppp_nl_frame_event(struct nlppp_link *link, u16 proto,
			 const void *data, size_t len)
{
	u32 id = READ_ONCE(link->obj.id);
	struct nlppp_owner *owner;
	struct sk_buff *msg;
	void *hdr;
	int ret;

	if (!id || !rcu_access_pointer(link->obj.owner))
		return -ENOTCONN;
	/* nla_put would wrap the attribute's 16-bit length. */
	if (len > NLPPP_PAYLOAD_MAX)
		return -EMSGSIZE;
	msg = genlmsg_new(nla_total_size(sizeof(u32)) +
			  nla_total_size(sizeof(u16)) + nla_total_size(len),
			  GFP_ATOMIC);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put(msg, 0, 0, &nlppp_family, 0, NLPPP_CMD_FRAME);
	if (!hdr ||
	    nla_put_u32(msg, NLPPP_A_LINK_ID, id) ||
	    nla_put_u16(msg, NLPPP_A_PROTO, proto) ||
	    nla_put(msg, NLPPP_A_PAYLOAD, len, data)) {
		nlmsg_free(msg);
		return -ENOBUFS;
	}
	genlmsg_end(msg, hdr);

	rcu_read_lock();
	owner = rcu_dereference(link->obj.owner);
	if (owner) {
		ret = nlppp_nl_deliver(owner->sk, msg);
	} else {
		nlmsg_free(msg);
		ret = -ENOTCONN;
	}
	rcu_read_unlock();
	return ret;
}

/*
 * Multicast "events": @bundle started holding packets of @proto. From the
 * device's transmit path (atomic); only on the empty -> non-empty edge.
 */
void nlppp_nl_demand(struct nlppp_bundle *bundle, u16 proto)
{
	struct net *net = dev_net(bundle->dev);
	u32 id = READ_ONCE(bundle->obj.id);
	struct sk_buff *msg;
	void *hdr;

	if (!id || !genl_has_listeners(&nlppp_family, net, 0))
		return;
	msg = genlmsg_new(nla_total_size(sizeof(u32)) + nla_total_size(sizeof(u16)),
			  GFP_ATOMIC);
	if (!msg)
		return;
	hdr = genlmsg_put(msg, 0, 0, &nlppp_family, 0, NLPPP_CMD_DEMAND);
	if (!hdr ||
	    nla_put_u32(msg, NLPPP_A_BUNDLE_ID, id) ||
	    nla_put_u16(msg, NLPPP_A_PROTO, proto)) {
		nlmsg_free(msg);
		return;
	}
	genlmsg_end(msg, hdr);
	genlmsg_multicast_netns(&nlppp_family, net, msg, 0, 0, GFP_ATOMIC);
}

/*
 * Unicast to @bundle's owner: its receive direction failed a frame and
 * wants a CCP reset. Data path, atomic; the caller sends one per reset.
 */
void nlppp_nl_ccp_error(struct nlppp_bundle *bundle)
{
	u32 id = READ_ONCE(bundle->obj.id);
	struct nlppp_owner *owner;
	struct nlppp_link *link;
	struct sk_buff *msg;
	u32 link_id = 0;
	void *hdr;

	if (!id)
		return;
	rcu_read_lock();
	link = rcu_dereference(bundle->link);
	if (link)
		link_id = READ_ONCE(link->obj.id);
	rcu_read_unlock();
	msg = genlmsg_new(2 * nla_total_size(sizeof(u32)), GFP_ATOMIC);
	if (!msg)
		return;
	hdr = genlmsg_put(msg, 0, 0, &nlppp_family, 0, NLPPP_CMD_CCP_ERROR);
	if (!hdr || nla_put_u32(msg, NLPPP_A_BUNDLE_ID, id) ||
	    (link_id && nla_put_u32(msg, NLPPP_A_LINK_ID, link_id))) {
		nlmsg_free(msg);
		return;
	}
	genlmsg_end(msg, hdr);

	rcu_read_lock();
	owner = rcu_dereference(bundle->obj.owner);
	if (owner)
		nlppp_nl_deliver(owner->sk, msg);
	else
		nlmsg_free(msg);
	rcu_read_unlock();
}

/* The owner's socket closed: its objects go, unless persistent (orphaned). */
static int nlppp_nl_notify(struct notifier_block *nb, unsigned long state,
			   void *ptr)
{
	struct netlink_notify *n = ptr;
	unsigned long index = 0;
	struct nlppp_obj *obj;

	if (state != NETLINK_URELEASE || n->protocol != NETLINK_GENERIC ||
	    !n->portid)
		return NOTIFY_DONE;

	mutex_lock(&nlppp_lock);
	while ((obj = nlppp_obj_next(&index))) {
		/* Not the objects of a newcomer that bound the port id since. */
		if (!nlppp_obj_owner_released(obj, n->net, n->portid))
			continue;
		if (obj->flags & NLPPP_F_PERSIST) {
			nlppp_obj_set_owner(obj, NULL, 0);
			nlppp_obj_changed();
		} else if (obj->kind == NLPPP_OBJ_LINK) {
			nlppp_link_release(container_of(obj, struct nlppp_link, obj),
					   NLPPP_DOWN_OWNER_GONE);
		} else {
			nlppp_bundle_destroy(container_of(obj, struct nlppp_bundle, obj));
		}
	}
	mutex_unlock(&nlppp_lock);
	return NOTIFY_DONE;
}

static struct notifier_block nlppp_nl_notifier = {
	.notifier_call = nlppp_nl_notify,
};

static const struct genl_small_ops nlppp_nl_ops[] = {
	{
		.cmd = NLPPP_CMD_BUNDLE_NEW,
		.doit = nlppp_nl_bundle_new,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = NLPPP_CMD_BUNDLE_DEL,
		.doit = nlppp_nl_bundle_del,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = NLPPP_CMD_BUNDLE_GET,
		.doit = nlppp_nl_bundle_get,
		.dumpit = nlppp_nl_bundle_dump,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = NLPPP_CMD_BUNDLE_SET,
		.doit = nlppp_nl_bundle_set,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = NLPPP_CMD_LINK_NEW,
		.doit = nlppp_nl_link_new,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = NLPPP_CMD_LINK_DEL,
		.doit = nlppp_nl_link_del,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = NLPPP_CMD_LINK_GET,
		.doit = nlppp_nl_link_get,
		.dumpit = nlppp_nl_link_dump,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = NLPPP_CMD_LINK_SET,
		.doit = nlppp_nl_link_set,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = NLPPP_CMD_LINK_ATTACH,
		.doit = nlppp_nl_link_attach,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = NLPPP_CMD_LINK_DETACH,
		.doit = nlppp_nl_link_detach,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = NLPPP_CMD_FRAME,
		.doit = nlppp_nl_frame,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = NLPPP_CMD_CCP_RESET,
		.doit = nlppp_nl_ccp_reset,
		.flags = GENL_UNS_ADMIN_PERM,
	},
};

static const struct genl_multicast_group nlppp_nl_mcgrps[] = {
	{ .name = NLPPP_MCGRP_EVENTS },
};

static struct genl_family nlppp_family __ro_after_init = {
	.name = NLPPP_GENL_NAME,
	.version = NLPPP_GENL_VERSION,
	.maxattr = NLPPP_A_MAX,
	.policy = nlppp_policy,
	.netnsok = true,
	.module = THIS_MODULE,
	.small_ops = nlppp_nl_ops,
	.n_small_ops = ARRAY_SIZE(nlppp_nl_ops),
	.resv_start_op = NLPPP_CMD_BUNDLE_NEW,
	.mcgrps = nlppp_nl_mcgrps,
	.n_mcgrps = ARRAY_SIZE(nlppp_nl_mcgrps),
};

int __init nlppp_netlink_init(void)
{
	int ret;

	ret = genl_register_family(&nlppp_family);
	if (ret)
		return ret;
	ret = netlink_register_notifier(&nlppp_nl_notifier);
	if (ret)
		goto err_unregister_family;
	return 0;

err_unregister_family:
	genl_unregister_family(&nlppp_family);
	return ret;
}

void nlppp_netlink_uninit(void)
{
	netlink_unregister_notifier(&nlppp_nl_notifier);
	genl_unregister_family(&nlppp_family);
	nlppp_info("genl family unregistered\n");
}
