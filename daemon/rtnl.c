// SPDX-License-Identifier: GPL-2.0
/*
 * rtnetlink through libnl-route-3. libnl builds the requests; replies are
 * read with our own callbacks so callers get the kernel's errno exactly
 * (libnl folds ESRCH, ENOENT and others into one code) and its extended
 * ack text, which names the attribute it disliked.
 *
 * Deletes succeed when the thing is already gone: the caller wants it
 * absent, and a torn-down interface takes its addresses and routes along.
 */
#include <net/if.h>	/* before libnl: it pulls in linux/if.h */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <netlink/netlink.h>
#include <netlink/cache.h>
#include <netlink/msg.h>
#include <netlink/route/link.h>
#include <netlink/route/route.h>
#include <linux/pkt_sched.h>
#include <linux/rtnetlink.h>

#include "log.h"
#include "rtnl.h"

#ifndef NETLINK_EXT_ACK
#define NETLINK_EXT_ACK 11
#endif
#ifndef NETLINK_CAP_ACK
#define NETLINK_CAP_ACK 10
#endif

struct nl_rtnl {
	struct nl_sock *sk;
};

/* The outcome of one request. */
struct nl_rtnl_reply {
	bool done;
	int error;		/* 0 or -errno from the kernel */
	char ext[160];		/* extended ack message, "" if none */
};

/* libnl's own error codes, for the calls that only report those. */
static int nle_errno(int nle)
{
	switch (nle < 0 ? -nle : nle) {
	case 0: return 0;
	case NLE_NOMEM: return -ENOMEM;
	case NLE_EXIST: return -EEXIST;
	case NLE_INVAL: return -EINVAL;
	case NLE_RANGE: return -ERANGE;
	case NLE_OPNOTSUPP: return -EOPNOTSUPP;
	case NLE_AF_NOSUPPORT: return -EAFNOSUPPORT;
	case NLE_OBJ_NOTFOUND: return -ENOENT;
	case NLE_NOADDR: return -EADDRNOTAVAIL;
	case NLE_BUSY: return -EBUSY;
	case NLE_AGAIN: return -EAGAIN;
	case NLE_INTR: return -EINTR;
	case NLE_NOACCESS: return -EACCES;
	case NLE_PERM: return -EPERM;
	case NLE_NODEV: return -ENODEV;
	case NLE_MSGSIZE: return -EMSGSIZE;
	case NLE_BAD_SOCK: return -EBADF;
	default: return -EIO;
	}
}

static const char *ifname_of(int ifindex, char *buf)
{
	if (!if_indextoname(ifindex, buf))
		snprintf(buf, IF_NAMESIZE, "if%d", ifindex);
	return buf;
}

/* Copy NLMSGERR_ATTR_MSG out of an error reply, bounds-checked. */
static void extack_msg(const struct nlmsgerr *e, char *out, size_t outsz)
{
	const struct nlmsghdr *h = (const void *)((const char *)e - NLMSG_HDRLEN);
	size_t len, off;

	out[0] = '\0';
	if (!(h->nlmsg_flags & NLM_F_ACK_TLVS) || h->nlmsg_len < NLMSG_HDRLEN + sizeof(*e))
		return;
	len = h->nlmsg_len - NLMSG_HDRLEN;
	off = sizeof(*e);
	if (!(h->nlmsg_flags & NLM_F_CAPPED)) {
		if (e->msg.nlmsg_len < NLMSG_HDRLEN)
			return;
		off += NLMSG_ALIGN(e->msg.nlmsg_len - NLMSG_HDRLEN);
	}
	while (off + NLA_HDRLEN <= len) {
		const struct nlattr *a = (const void *)((const char *)e + off);

		if (a->nla_len < NLA_HDRLEN || off + a->nla_len > len)
			return;
		if ((a->nla_type & NLA_TYPE_MASK) == NLMSGERR_ATTR_MSG) {
			size_t n = a->nla_len - NLA_HDRLEN;
			const char *s = (const char *)a + NLA_HDRLEN;

			n = strnlen(s, n);
			if (n >= outsz)
				n = outsz - 1;
			memcpy(out, s, n);
			out[n] = '\0';
			return;
		}
		off += NLA_ALIGN(a->nla_len);
	}
}

static int on_error(struct sockaddr_nl *who, struct nlmsgerr *e, void *arg)
{
	struct nl_rtnl_reply *rep = arg;

	rep->done = true;
	/* -errno (some families send it positive); no errno at all is EPROTO. */
	if (e->error > -4096 && e->error < 4096)
		rep->error = e->error > 0 ? -e->error : e->error;
	else
		rep->error = -EPROTO;
	extack_msg(e, rep->ext, sizeof(rep->ext));
	return NL_STOP;
}

static int on_ack(struct nl_msg *msg, void *arg)
{
	struct nl_rtnl_reply *rep = arg;

	rep->done = true;
	rep->error = 0;
	return NL_STOP;
}

static int on_done(struct nl_msg *msg, void *arg)
{
	struct nl_rtnl_reply *rep = arg;

	rep->done = true;
	return NL_STOP;
}

/*
 * Send @msg (consumed) and wait for its ack, or for the end of the dump
 * when it is an NLM_F_DUMP request; messages before that go to @valid (may
 * be NULL). Returns 0 or -errno.
 */
static int talk_with(struct nl_rtnl *r, struct nl_msg *msg, struct nl_rtnl_reply *rep,
		     nl_recvmsg_msg_cb_t valid, void *arg)
{
	bool dump = (nlmsg_hdr(msg)->nlmsg_flags & NLM_F_DUMP) == NLM_F_DUMP;
	struct nl_cb *base, *cb;
	int err;

	memset(rep, 0, sizeof(*rep));
	base = nl_socket_get_cb(r->sk);
	cb = nl_cb_clone(base);
	nl_cb_put(base);
	if (!cb) {
		nlmsg_free(msg);
		return rep->error = -ENOMEM;
	}
	nl_cb_err(cb, NL_CB_CUSTOM, on_error, rep);
	if (valid)
		nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, valid, arg);
	if (dump) {
		nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, on_done, rep);
	} else {
		nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, on_ack, rep);
		nlmsg_hdr(msg)->nlmsg_flags |= NLM_F_ACK;
	}
	err = nl_send_auto(r->sk, msg);
	nlmsg_free(msg);
	if (err < 0) {
		rep->error = nle_errno(err);
		goto out;
	}
	while (!rep->done) {
		err = nl_recvmsgs(r->sk, cb);
		if (err < 0 && !rep->done) {
			rep->error = nle_errno(err);
			break;
		}
	}
out:
	nl_cb_put(cb);
	return rep->error;
}

static int talk(struct nl_rtnl *r, struct nl_msg *msg, struct nl_rtnl_reply *rep)
{
	return talk_with(r, msg, rep, NULL, NULL);
}

/* "Invalid argument" or "Invalid argument (kernel: <extack>)". */
static const char *why(const struct nl_rtnl_reply *rep, char *buf, size_t sz)
{
	if (rep->ext[0])
		snprintf(buf, sz, "%s (kernel: %s)", strerror(-rep->error), rep->ext);
	else
		snprintf(buf, sz, "%s", strerror(-rep->error));
	return buf;
}

static bool is_absent(int err)
{
	return err == -ESRCH || err == -ENOENT || err == -EADDRNOTAVAIL || err == -ENODEV;
}

int nl_rtnl_wrap(struct nl_rtnl **rp, struct nl_sock *sk)
{
	struct nl_rtnl *r = calloc(1, sizeof(*r));

	*rp = NULL;
	if (!r) {
		nl_socket_free(sk);
		return -ENOMEM;
	}
	r->sk = sk;
	*rp = r;
	return 0;
}

int nl_rtnl_open(struct nl_rtnl **rp)
{
	struct nl_sock *sk;
	int one = 1, err;

	*rp = NULL;
	sk = nl_socket_alloc();
	if (!sk)
		return -ENOMEM;
	err = nl_connect(sk, NETLINK_ROUTE);
	if (err < 0) {
		nl_err("rtnetlink: cannot open a socket: %s", nl_geterror(err));
		nl_socket_free(sk);
		return nle_errno(err);
	}
	/* Optional: only the error text gets better. */
	setsockopt(nl_socket_get_fd(sk), SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(nl_socket_get_fd(sk), SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	return nl_rtnl_wrap(rp, sk);
}

void nl_rtnl_close(struct nl_rtnl *r)
{
	if (!r)
		return;
	nl_socket_free(r->sk);
	free(r);
}

int nl_rtnl_link_set(struct nl_rtnl *r, int ifindex, bool up, unsigned int mtu)
{
	struct rtnl_link *orig = rtnl_link_alloc(), *chg = rtnl_link_alloc();
	struct nl_rtnl_reply rep;
	struct nl_msg *msg = NULL;
	char name[IF_NAMESIZE], buf[256];
	int err;

	if (!orig || !chg) {
		err = -ENOMEM;
		goto out;
	}
	rtnl_link_set_ifindex(orig, ifindex);
	/* One request: the kernel applies IFLA_MTU before the flags. */
	if (mtu)
		rtnl_link_set_mtu(chg, mtu);
	if (up)
		rtnl_link_set_flags(chg, IFF_UP);
	else
		rtnl_link_unset_flags(chg, IFF_UP);
	err = rtnl_link_build_change_request(orig, chg, 0, &msg);
	if (err < 0) {
		err = nle_errno(err);
		goto out;
	}
	err = talk(r, msg, &rep);
	if (err)
		nl_err("%s: cannot set %s%s%.0u: %s", ifname_of(ifindex, name),
		       up ? "up" : "down", mtu ? " with mtu " : "", mtu,
		       why(&rep, buf, sizeof(buf)));
out:
	rtnl_link_put(chg);
	rtnl_link_put(orig);
	return err;
}

int nl_rtnl_qdisc_noqueue(struct nl_rtnl *r, int ifindex)
{
	struct tcmsg tcm = {
		.tcm_family = AF_UNSPEC,
		.tcm_ifindex = ifindex,
		.tcm_parent = TC_H_ROOT,
	};
	struct nl_msg *msg = nlmsg_alloc_simple(RTM_NEWQDISC, NLM_F_CREATE | NLM_F_REPLACE);
	struct nl_rtnl_reply rep;
	char name[IF_NAMESIZE], buf[256];
	int err;

	if (!msg || nlmsg_append(msg, &tcm, sizeof(tcm), NLMSG_ALIGNTO) < 0 ||
	    nla_put_string(msg, TCA_KIND, "noqueue") < 0) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	err = talk(r, msg, &rep);
	if (err)
		nl_warn("%s: cannot give it the noqueue qdisc: %s", ifname_of(ifindex, name),
			why(&rep, buf, sizeof(buf)));
	return err;
}

static int on_route(struct nl_msg *msg, void *arg)
{
	struct nlmsghdr *h = nlmsg_hdr(msg);

	if (h->nlmsg_type == RTM_NEWROUTE && nlmsg_datalen(h) >= (int)sizeof(struct rtmsg))
		*(int *)arg = ((struct rtmsg *)nlmsg_data(h))->rtm_type;
	return NL_OK;
}

/* The kernel's route to @a is RTN_LOCAL: one route lookup, not a dump. */
int nl_rtnl_addr4_is_local(struct nl_rtnl *r, struct in_addr a)
{
	struct rtmsg rtm = { .rtm_family = AF_INET, .rtm_dst_len = 32 };
	struct nl_rtnl_reply rep;
	struct nl_msg *msg;
	int type = RTN_UNSPEC, err;

	msg = nlmsg_alloc_simple(RTM_GETROUTE, 0);
	if (!msg)
		return -ENOMEM;
	if (nlmsg_append(msg, &rtm, sizeof(rtm), NLMSG_ALIGNTO) < 0 ||
	    nla_put_u32(msg, RTA_DST, a.s_addr) < 0) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	err = talk_with(r, msg, &rep, on_route, &type);
	if (err == -ENETUNREACH || err == -EHOSTUNREACH)
		return 0;	/* no route at all: not ours either */
	if (err < 0)
		return err;
	return type == RTN_LOCAL;
}

static struct nl_addr *addr_build(int family, const void *bytes, int prefixlen)
{
	struct nl_addr *a = nl_addr_build(family, bytes, family == AF_INET ? 4 : 16);

	if (a)
		nl_addr_set_prefixlen(a, prefixlen);
	return a;
}

/*
 * Add or delete a point-to-point address: @local with peer @peer (NULL:
 * none), the kernel's IFA_LOCAL and IFA_ADDRESS, @prefixlen applying to
 * the peer. Adds replace, so renegotiating the same address is not an
 * error. Built by hand: libnl's rtnl_addr_set_peer() takes IPv4 only.
 */
static int addr_change(struct nl_rtnl *r, int ifindex, int family, const void *local,
		       const void *peer, int prefixlen, unsigned int flags, bool add,
		       struct nl_rtnl_reply *rep)
{
	struct ifaddrmsg ifa = {
		.ifa_family = family,
		.ifa_prefixlen = prefixlen,
		.ifa_flags = flags & 0xff,
		.ifa_scope = RT_SCOPE_UNIVERSE,
		.ifa_index = ifindex,
	};
	int alen = family == AF_INET ? 4 : 16;
	struct nl_msg *msg;

	memset(rep, 0, sizeof(*rep));
	msg = nlmsg_alloc_simple(add ? RTM_NEWADDR : RTM_DELADDR,
				 add ? NLM_F_CREATE | NLM_F_REPLACE : 0);
	if (!msg)
		return rep->error = -ENOMEM;
	if (nlmsg_append(msg, &ifa, sizeof(ifa), NLMSG_ALIGNTO) < 0 ||
	    nla_put(msg, IFA_LOCAL, alen, local) < 0 ||
	    nla_put(msg, IFA_ADDRESS, alen, peer ? peer : local) < 0 ||
	    (flags > 0xff && nla_put_u32(msg, IFA_FLAGS, flags) < 0)) {
		nlmsg_free(msg);
		return rep->error = -EMSGSIZE;
	}
	return talk(r, msg, rep);
}

int nl_rtnl_addr4(struct nl_rtnl *r, int ifindex, struct in_addr local,
		  struct in_addr peer, bool add)
{
	struct nl_rtnl_reply rep;
	char name[IF_NAMESIZE], l[INET_ADDRSTRLEN], p[INET_ADDRSTRLEN], buf[256];
	int err;

	err = addr_change(r, ifindex, AF_INET, &local, peer.s_addr ? &peer : NULL,
			  32, 0, add, &rep);
	if (!add && is_absent(err))
		return 0;
	if (err)
		nl_err("%s: cannot %s address %s peer %s: %s", ifname_of(ifindex, name),
		       add ? "add" : "delete", inet_ntop(AF_INET, &local, l, sizeof(l)),
		       inet_ntop(AF_INET, &peer, p, sizeof(p)), why(&rep, buf, sizeof(buf)));
	return err;
}

static void ll_addr(struct in6_addr *a, uint64_t id)
{
	int i;

	memset(a, 0, sizeof(*a));
	a->s6_addr[0] = 0xfe;
	a->s6_addr[1] = 0x80;
	for (i = 0; i < 8; i++)
		a->s6_addr[8 + i] = (uint8_t)(id >> (56 - 8 * i));
}

int nl_rtnl_addr6_ll(struct nl_rtnl *r, int ifindex, uint64_t local_id,
		     uint64_t peer_id, bool add)
{
	struct nl_rtnl_reply rep;
	struct in6_addr local, peer;
	char name[IF_NAMESIZE], l[INET6_ADDRSTRLEN], p[INET6_ADDRSTRLEN], buf[256];
	int err;

	ll_addr(&local, local_id);
	ll_addr(&peer, peer_id);
	/* DAD is pointless on a point-to-point link: IPV6CP made the ids differ. */
	err = addr_change(r, ifindex, AF_INET6, &local, peer_id ? &peer : NULL, 128,
			  IFA_F_NODAD, add, &rep);
	if (err == -EINVAL || err == -EOPNOTSUPP) {
		/* A kernel without IPv6 peer addresses: the whole link-local /64. */
		nl_dbg("%s: IPv6 peer address refused (%s); using fe80::/64",
		       ifname_of(ifindex, name), strerror(-err));
		err = addr_change(r, ifindex, AF_INET6, &local, NULL, 64, IFA_F_NODAD,
				  add, &rep);
	}
	if (!add && is_absent(err))	/* perhaps added as the /64 */
		err = addr_change(r, ifindex, AF_INET6, &local, NULL, 64, 0, false, &rep);
	if (!add && is_absent(err))
		return 0;
	if (err)
		nl_err("%s: cannot %s address %s peer %s: %s", ifname_of(ifindex, name),
		       add ? "add" : "delete", inet_ntop(AF_INET6, &local, l, sizeof(l)),
		       inet_ntop(AF_INET6, &peer, p, sizeof(p)), why(&rep, buf, sizeof(buf)));
	return err;
}

/*
 * IPv4 default route in the main table through @ifindex, via @gw if
 * non-zero (else a device route, scope link), with @metric. For a delete
 * a zero @protocol matches any.
 */
static struct rtnl_route *route_build(int ifindex, struct in_addr gw, uint32_t metric,
				      uint8_t protocol)
{
	struct rtnl_route *rt = rtnl_route_alloc();
	struct rtnl_nexthop *nh = rtnl_route_nh_alloc();
	struct in_addr any = { 0 };
	struct nl_addr *dst = addr_build(AF_INET, &any, 0);
	struct nl_addr *via = gw.s_addr ? addr_build(AF_INET, &gw, 32) : NULL;

	if (!rt || !nh || !dst || (gw.s_addr && !via))
		goto err;
	rtnl_route_set_family(rt, AF_INET);
	rtnl_route_set_table(rt, RT_TABLE_MAIN);
	rtnl_route_set_type(rt, RTN_UNICAST);
	rtnl_route_set_protocol(rt, protocol);
	rtnl_route_set_priority(rt, metric);
	rtnl_route_set_scope(rt, gw.s_addr ? RT_SCOPE_UNIVERSE : RT_SCOPE_LINK);
	if (rtnl_route_set_dst(rt, dst) < 0)
		goto err;
	rtnl_route_nh_set_ifindex(nh, ifindex);
	if (via)
		rtnl_route_nh_set_gateway(nh, via);
	rtnl_route_add_nexthop(rt, nh);
	nl_addr_put(via);
	nl_addr_put(dst);
	return rt;
err:
	nl_addr_put(via);
	nl_addr_put(dst);
	if (nh)
		rtnl_route_nh_free(nh);
	rtnl_route_put(rt);
	return NULL;
}

static int route_send(struct nl_rtnl *r, struct rtnl_route *rt, bool add, int flags,
		      struct nl_rtnl_reply *rep)
{
	struct nl_msg *msg = NULL;
	int err;

	memset(rep, 0, sizeof(*rep));
	if (add)
		err = rtnl_route_build_add_request(rt, flags, &msg);
	else
		err = rtnl_route_build_del_request(rt, flags, &msg);
	if (err < 0)
		return rep->error = nle_errno(err);
	return talk(r, msg, rep);
}

/* What a dump of the IPv4 routing table found: the best default route. */
struct default_scan {
	int ifindex;			/* ours: a default route through it */
	bool ours;
	struct nl_saved_route best;	/* lowest metric; .valid if any */
};

/* The first nexthop of RTA_MULTIPATH: its interface and gateway. */
static void first_nexthop(const struct nlattr *mp, int *oif, struct in_addr *gw)
{
	const struct rtnexthop *nh = nla_data(mp);
	struct nlattr *a;
	int len = nla_len(mp), rem;

	if (len < (int)sizeof(*nh) || nh->rtnh_len < sizeof(*nh) || nh->rtnh_len > len)
		return;
	*oif = nh->rtnh_ifindex;
	nla_for_each_attr(a, (struct nlattr *)(nh + 1), nh->rtnh_len - (int)sizeof(*nh), rem)
		if (nla_type(a) == RTA_GATEWAY && nla_len(a) == 4)
			memcpy(gw, nla_data(a), 4);
}

/*
 * One RTM_NEWROUTE of the dump, read here rather than by libnl's route
 * parser (libnl 3.7 loops without end on a multipath nexthop whose length
 * is below its header's).
 */
static int on_default(struct nl_msg *msg, void *arg)
{
	static struct nla_policy pol[RTA_MAX + 1] = {
		[RTA_TABLE] = { .type = NLA_U32 },
		[RTA_PRIORITY] = { .type = NLA_U32 },
		[RTA_OIF] = { .type = NLA_U32 },
		[RTA_GATEWAY] = { .minlen = 4 },
	};
	struct default_scan *scan = arg;
	struct nlmsghdr *h = nlmsg_hdr(msg);
	struct nlattr *tb[RTA_MAX + 1];
	struct in_addr gw = { 0 };
	struct rtmsg *rtm;
	uint32_t table, metric;
	int oif = 0;

	if (h->nlmsg_type != RTM_NEWROUTE || nlmsg_datalen(h) < (int)sizeof(*rtm))
		return NL_OK;
	rtm = nlmsg_data(h);
	if (rtm->rtm_family != AF_INET || rtm->rtm_type != RTN_UNICAST || rtm->rtm_dst_len)
		return NL_OK;
	if (nlmsg_parse(h, sizeof(*rtm), tb, RTA_MAX, pol) < 0)
		return NL_OK;
	table = tb[RTA_TABLE] ? nla_get_u32(tb[RTA_TABLE]) : rtm->rtm_table;
	if (table != RT_TABLE_MAIN)
		return NL_OK;
	metric = tb[RTA_PRIORITY] ? nla_get_u32(tb[RTA_PRIORITY]) : 0;
	if (tb[RTA_OIF])
		oif = (int)nla_get_u32(tb[RTA_OIF]);
	if (tb[RTA_GATEWAY])
		memcpy(&gw, nla_data(tb[RTA_GATEWAY]), 4);
	if (!oif && tb[RTA_MULTIPATH])
		first_nexthop(tb[RTA_MULTIPATH], &oif, &gw);
	if (oif == scan->ifindex)
		scan->ours = true;
	if (scan->best.valid && metric >= scan->best.metric)
		return NL_OK;
	scan->best = (struct nl_saved_route){
		.valid = true, .ifindex = oif, .gateway = gw, .metric = metric,
		.protocol = rtm->rtm_protocol,
	};
	return NL_OK;
}

/*
 * The IPv4 default route of the main table with the lowest metric, in @s
 * (.valid clear if none). @ours is set when a default route through
 * @ifindex exists already.
 */
static int find_default(struct nl_rtnl *r, int ifindex, struct nl_saved_route *s, bool *ours)
{
	struct rtmsg rtm = { .rtm_family = AF_INET };
	struct default_scan scan = { .ifindex = ifindex };
	struct nl_rtnl_reply rep;
	struct nl_msg *msg;
	int err;

	msg = nlmsg_alloc_simple(RTM_GETROUTE, NLM_F_DUMP);
	if (!msg)
		return -ENOMEM;
	if (nlmsg_append(msg, &rtm, sizeof(rtm), NLMSG_ALIGNTO) < 0) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	err = talk_with(r, msg, &rep, on_default, &scan);
	if (err)
		return err;
	*s = scan.best;
	*ours = scan.ours;
	return 0;
}

static const char *route_str(const struct nl_saved_route *s, char *buf, size_t sz)
{
	char gw[INET_ADDRSTRLEN], name[IF_NAMESIZE];
	int n = 0;

	if (s->gateway.s_addr)
		n = snprintf(buf, sz, "via %s ", inet_ntop(AF_INET, &s->gateway, gw, sizeof(gw)));
	snprintf(buf + n, sz - n, "dev %s metric %u", ifname_of(s->ifindex, name), s->metric);
	return buf;
}

static int restore_route(struct nl_rtnl *r, const struct nl_saved_route *s)
{
	struct rtnl_route *rt = route_build(s->ifindex, s->gateway, s->metric,
					    s->protocol ? s->protocol : RTPROT_BOOT);
	struct nl_rtnl_reply rep;
	char desc[96], buf[256];
	int err;

	if (!rt)
		return -ENOMEM;
	err = route_send(r, rt, true, NLM_F_EXCL, &rep);
	rtnl_route_put(rt);
	if (err == -EEXIST)
		err = 0;
	if (err)
		nl_err("cannot restore default route %s: %s", route_str(s, desc, sizeof(desc)),
		       why(&rep, buf, sizeof(buf)));
	return err;
}

int nl_rtnl_default_route_add(struct nl_rtnl *r, int ifindex, bool replace,
			      struct nl_saved_route *saved)
{
	struct rtnl_route *old = NULL, *rt = NULL;
	struct nl_saved_route cur;
	struct nl_rtnl_reply rep;
	char name[IF_NAMESIZE], desc[96], buf[256];
	struct in_addr none = { 0 };
	bool ours;
	int err;

	if (saved)
		memset(saved, 0, sizeof(*saved));
	err = find_default(r, ifindex, &cur, &ours);
	if (err) {
		nl_err("%s: cannot read the routing table: %s", ifname_of(ifindex, name),
		       strerror(-err));
		return err;
	}
	if (ours) {
		nl_dbg("%s: default route through it exists already", ifname_of(ifindex, name));
		err = 0;
		goto out;
	}
	if (cur.valid && !replace) {
		nl_err("%s: not replacing the existing default route %s (use replacedefaultroute)",
		       ifname_of(ifindex, name), route_str(&cur, desc, sizeof(desc)));
		err = -EEXIST;
		goto out;
	}
	if (cur.valid) {
		/* What identifies it: metric, protocol, first nexthop; any scope. */
		old = route_build(cur.ifindex, cur.gateway, cur.metric, cur.protocol);
		if (!old) {
			err = -ENOMEM;
			goto out;
		}
		rtnl_route_set_scope(old, RT_SCOPE_NOWHERE);
		err = route_send(r, old, false, 0, &rep);
		if (err) {
			nl_err("%s: cannot remove default route %s to replace it: %s",
			       ifname_of(ifindex, name), route_str(&cur, desc, sizeof(desc)),
			       why(&rep, buf, sizeof(buf)));
			goto out;
		}
		nl_info("%s: replacing default route %s", ifname_of(ifindex, name),
			route_str(&cur, desc, sizeof(desc)));
	}

	rt = route_build(ifindex, none, 0, RTPROT_BOOT);
	err = rt ? route_send(r, rt, true, NLM_F_EXCL, &rep) : -ENOMEM;
	if (err) {
		nl_err("%s: cannot add default route: %s", ifname_of(ifindex, name),
		       rt ? why(&rep, buf, sizeof(buf)) : strerror(-err));
		if (cur.valid)
			restore_route(r, &cur);
		goto out;
	}
	if (cur.valid && saved)
		*saved = cur;
out:
	if (rt)
		rtnl_route_put(rt);
	if (old)
		rtnl_route_put(old);
	return err;
}

int nl_rtnl_default_route_del(struct nl_rtnl *r, int ifindex,
			      const struct nl_saved_route *saved)
{
	struct in_addr none = { 0 };
	struct rtnl_route *rt = route_build(ifindex, none, 0, RTPROT_UNSPEC);
	struct nl_rtnl_reply rep;
	char name[IF_NAMESIZE], buf[256];
	int err, err2 = 0;

	err = rt ? route_send(r, rt, false, 0, &rep) : -ENOMEM;
	if (rt)
		rtnl_route_put(rt);
	if (is_absent(err))
		err = 0;
	if (err)
		nl_err("%s: cannot delete default route: %s", ifname_of(ifindex, name),
		       rt ? why(&rep, buf, sizeof(buf)) : strerror(-err));
	if (saved && saved->valid)
		err2 = restore_route(r, saved);
	return err ? err : err2;
}
