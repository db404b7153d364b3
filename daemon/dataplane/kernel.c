// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel data plane: nlppp.ko programmed over its generic netlink
 * family (include/uapi/linux/nlppp.h), through the process's one channel
 * (genl.c). The tty is handed to the nlppp line discipline; its link is
 * claimed with the cookie the discipline hands out, attached to a bundle
 * (the pppN device), and from then on data stays in the kernel. Control
 * frames come back as NLPPP_CMD_FRAME events, which the channel routes to
 * the link by id. The channel's socket owns the objects: if the daemon
 * dies, they go too. A PPPoE session's link is made from the session
 * (interface, peer MAC, id) instead; its transport has no fd, only a tie
 * to pppoe/iface.c's session that carries the session's end both ways.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <termios.h>
#include <unistd.h>

#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>

#include "uapi/linux/nlppp.h"
#include "libppp/ccp.h"
#include "libppp/ppp.h"

#include "dataplane/dataplane.h"
#include "dataplane/genl.h"
#include "registry.h"
#include "event.h"
#include "link.h"
#include "log.h"
#include "pppoe/iface.h"

struct kdp {
	struct nl_genl *g;
	struct nl_link *link;	/* the attached link */
	uint32_t bundle_id, link_id;
	bool have_bundle, have_link;
	int tty_fd;		/* the tty we gave to the line discipline */
	int old_ldisc;
	struct nl_pppoe_tie *tie;	/* PPPoE: watched for the session's end */
};

static int ldisc_number(void)
{
	FILE *f = fopen("/sys/module/nlppp/parameters/ldisc", "re");
	int n = NLPPP_LDISC_DEFAULT;

	if (f) {
		if (fscanf(f, "%d", &n) != 1)
			n = NLPPP_LDISC_DEFAULT;
		fclose(f);
	}
	return n;
}

bool nl_dp_kernel_available(void)
{
	struct nl_sock *sk = nl_socket_alloc();
	bool ok = false;

	if (!sk)
		return false;
	if (genl_connect(sk) == 0)
		ok = genl_ctrl_resolve(sk, NLPPP_GENL_NAME) >= 0;
	nl_socket_free(sk);
	return ok;
}

/* --- ops ------------------------------------------------------------------ */

/* A one-attribute request (delete, ...), sent without waiting. */
static int simple(struct nl_genl *g, uint8_t cmd, const char *what, uint32_t attr,
		  uint32_t id)
{
	struct nl_msg *msg = nl_genl_msg(g, cmd);

	if (!msg || nla_put_u32(msg, attr, id) < 0) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	return nl_genl_send(g, msg, what);
}

int nl_kdp_bundle_reply(struct nlattr **tb, uint32_t *bundle_id, struct nl_dataplane *dp)
{
	if (!tb[NLPPP_A_BUNDLE_ID] || !tb[NLPPP_A_IFINDEX] || !tb[NLPPP_A_IFNAME]) {
		nl_err("nlppp create bundle: the reply lacks the bundle's id or name");
		return -EPROTO;
	}
	*bundle_id = nla_get_u32(tb[NLPPP_A_BUNDLE_ID]);
	dp->ifindex = nla_get_u32(tb[NLPPP_A_IFINDEX]);
	snprintf(dp->ifname, sizeof(dp->ifname), "%s", nla_get_string(tb[NLPPP_A_IFNAME]));
	dp->unit = tb[NLPPP_A_UNIT] ? (int)nla_get_u32(tb[NLPPP_A_UNIT]) : -1;
	return 0;
}

static int kdp_create(struct nl_dataplane *dp, const char *ifname, int unit)
{
	struct nlattr *tb[NLPPP_A_MAX + 1] = { 0 };
	struct nl_genl *g = nl_registry_genl(dp->reg);
	struct kdp *k;
	struct nl_msg *msg;
	void *keep = NULL;
	int err;

	if (!g)
		return -ENOENT;
	k = calloc(1, sizeof(*k));
	if (!k)
		return -ENOMEM;
	k->g = g;
	k->tty_fd = -1;
	msg = nl_genl_msg(g, NLPPP_CMD_BUNDLE_NEW);
	if (!msg || (ifname && *ifname && nla_put_string(msg, NLPPP_A_IFNAME, ifname) < 0) ||
	    (unit >= 0 && nla_put_u32(msg, NLPPP_A_UNIT, unit) < 0) ||
	    (dp->noqueue && nla_put_u32(msg, NLPPP_A_FLAGS, NLPPP_F_NOQUEUE) < 0)) {
		nlmsg_free(msg);
		free(k);
		return -ENOMEM;
	}
	err = nl_genl_call(g, msg, "create bundle", tb, &keep);
	if (err < 0) {
		free(k);
		return err;
	}
	err = nl_kdp_bundle_reply(tb, &k->bundle_id, dp);
	free(keep);
	if (err < 0) {
		free(k);
		return err;
	}
	k->have_bundle = true;
	dp->priv = k;
	dp->fd = -1;
	return 0;
}

static void kdp_link_detach(struct nl_dataplane *dp, struct nl_link *l)
{
	struct kdp *k = dp->priv;
	int n_tty = N_TTY;

	if (!k || k->link != l)
		return;
	/* The kernel runs the request inside the send: the link is gone
	 * before the tty changes hands below. */
	if (k->have_link) {
		nl_genl_unroute(k->g, k->link_id);
		simple(k->g, NLPPP_CMD_LINK_DEL, "delete link", NLPPP_A_LINK_ID, k->link_id);
	}
	k->have_link = false;
	if (k->tie)
		nl_pppoe_tie_watch(k->tie, NULL, NULL);
	k->tie = NULL;
	/* Give the tty back to the ordinary discipline before it is closed. */
	if (k->tty_fd >= 0)
		ioctl(k->tty_fd, TIOCSETD, k->old_ldisc >= 0 ? &k->old_ldisc : &n_tty);
	k->tty_fd = -1;
	k->link = NULL;
	l->dp_priv = NULL;
}

static void kdp_destroy(struct nl_dataplane *dp)
{
	struct kdp *k = dp->priv;

	if (!k)
		return;
	if (k->link)
		kdp_link_detach(dp, k->link);
	if (k->have_bundle)
		simple(k->g, NLPPP_CMD_BUNDLE_DEL, "delete bundle", NLPPP_A_BUNDLE_ID,
		       k->bundle_id);
	free(k);
	dp->priv = NULL;
}

/* A LINK_NEW request for @l's tty: the line discipline's cookie names the link. */
static struct nl_msg *tty_link_new(struct kdp *k, struct nl_link *l, int *errp)
{
	int ldisc = ldisc_number(), fd = l->tr.rfd;
	struct nl_msg *msg;
	uint64_t cookie;

	if (ioctl(fd, TIOCGETD, &k->old_ldisc) < 0)
		k->old_ldisc = -1;
	if (ioctl(fd, TIOCSETD, &ldisc) < 0) {
		*errp = -errno;
		nl_err("nlppp: cannot set line discipline %d on the tty: %s", ldisc,
		       strerror(errno));
		return NULL;
	}
	k->tty_fd = fd;
	if (ioctl(fd, NLPPP_IOC_LINK_COOKIE, &cookie) < 0) {
		*errp = -errno;
		nl_err("nlppp: the line discipline gave no link cookie: %s", strerror(errno));
		return NULL;
	}
	msg = nl_genl_msg(k->g, NLPPP_CMD_LINK_NEW);
	if (!msg || nla_put_u64(msg, NLPPP_A_LINK_COOKIE, cookie) < 0) {
		nlmsg_free(msg);
		*errp = -ENOMEM;
		return NULL;
	}
	return msg;
}

/* The PPPoE session ended on pppoe/iface.c's side (a PADT came, or the interface closed). */
static void pppoe_gone(void *ctx)
{
	nl_link_dp_down(ctx);
}

/* A LINK_NEW request for the PPPoE session (@ifindex, @peer, @sid). */
static struct nl_msg *pppoe_link_msg(struct nl_genl *g, int ifindex, const uint8_t peer[6],
				     uint16_t sid)
{
	struct nl_msg *msg = nl_genl_msg(g, NLPPP_CMD_LINK_NEW);
	struct nlattr *nest;

	if (!msg)
		return NULL;
	nest = nla_nest_start(msg, NLPPP_A_PPPOE);
	if (!nest || nla_put_u32(msg, NLPPP_A_PPPOE_IFINDEX, (uint32_t)ifindex) < 0 ||
	    nla_put(msg, NLPPP_A_PPPOE_PEER, 6, peer) < 0 ||
	    nla_put_u16(msg, NLPPP_A_PPPOE_SESSION_ID, sid) < 0) {
		nlmsg_free(msg);
		return NULL;
	}
	nla_nest_end(msg, nest);
	return msg;
}

int nl_kdp_pppoe_early(struct nl_genl *g, int ifindex, const uint8_t peer[6], uint16_t sid,
		       uint32_t *link_id)
{
	struct nlattr *tb[NLPPP_A_MAX + 1] = { 0 };
	struct nl_msg *msg = pppoe_link_msg(g, ifindex, peer, sid);
	void *keep = NULL;
	int err;

	if (!msg)
		return -ENOMEM;
	err = nl_genl_call(g, msg, "create PPPoE link", tb, &keep);
	if (err < 0)
		return err;
	if (!tb[NLPPP_A_LINK_ID]) {
		free(keep);
		return -EPROTO;
	}
	*link_id = nla_get_u32(tb[NLPPP_A_LINK_ID]);
	free(keep);
	err = nl_genl_route(g, *link_id, NULL);
	if (err < 0)
		nl_kdp_pppoe_early_drop(g, *link_id);
	return err;
}

void nl_kdp_pppoe_early_drop(struct nl_genl *g, uint32_t link_id)
{
	nl_genl_unroute(g, link_id);
	simple(g, NLPPP_CMD_LINK_DEL, "delete link", NLPPP_A_LINK_ID, link_id);
}

/* The kernel plane hears of @l's PPPoE session ending through its tie. */
static void tie_watch(struct kdp *k, struct nl_link *l)
{
	k->tie = l->tr.pppoe_tie;
	nl_pppoe_tie_watch(k->tie, pppoe_gone, l);
}

/* A LINK_NEW request for @l's PPPoE session: the kernel takes its frames. */
static struct nl_msg *pppoe_link_new(struct kdp *k, struct nl_link *l, int *errp)
{
	const struct nl_transport *tr = &l->tr;
	struct nl_msg *msg;

	*errp = -ENOMEM;
	msg = pppoe_link_msg(k->g, tr->pppoe_ifindex, tr->pppoe_peer, tr->pppoe_sid);
	if (!msg)
		return NULL;
	if (!tr->pppoe_tie) {
		/* iface.c ties every session it makes while the kernel plane is on. */
		nlmsg_free(msg);
		*errp = -EINVAL;
		return NULL;
	}
	tie_watch(k, l);
	*errp = 0;
	return msg;
}

static int kdp_link_attach(struct nl_dataplane *dp, struct nl_link *l)
{
	struct kdp *k = dp->priv;
	struct nlattr *tb[NLPPP_A_MAX + 1] = { 0 };
	bool pppoe = l->tr.kind == NL_TRANSPORT_PPPOE;
	struct nl_msg *msg;
	void *keep = NULL;
	int err;

	k->link = l;
	l->dp_priv = k;
	/*
	 * A PPPoE link made as the session was (iface.c, before the PADS went
	 * out, so that the peer's first frames were not lost): take it over,
	 * with what it received meanwhile.
	 */
	if (pppoe && l->tr.pppoe_tie && (k->link_id = nl_pppoe_tie_take_link(l->tr.pppoe_tie))) {
		k->have_link = true;
		tie_watch(k, l);
		err = nl_genl_route(k->g, k->link_id, l);
		if (err < 0)
			return err;
		goto attach;
	}
	msg = pppoe ? pppoe_link_new(k, l, &err) : tty_link_new(k, l, &err);
	if (!msg)
		return err;
	err = nl_genl_call(k->g, msg, pppoe ? "create PPPoE link" : "claim link", tb, &keep);
	if (err < 0)
		return err;
	if (!tb[NLPPP_A_LINK_ID]) {
		free(keep);
		nl_err("nlppp claim link: the reply lacks the link id");
		return -EPROTO;
	}
	k->link_id = nla_get_u32(tb[NLPPP_A_LINK_ID]);
	k->have_link = true;
	free(keep);
	err = nl_genl_route(k->g, k->link_id, l);
	if (err < 0)
		return err;

attach:
	msg = nl_genl_msg(k->g, NLPPP_CMD_LINK_ATTACH);
	if (!msg || nla_put_u32(msg, NLPPP_A_LINK_ID, k->link_id) < 0 ||
	    nla_put_u32(msg, NLPPP_A_BUNDLE_ID, k->bundle_id) < 0) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	return nl_genl_call(k->g, msg, "attach link", NULL, NULL);
}

static int kdp_send(struct nl_dataplane *dp, struct nl_link *l, uint16_t proto,
		    const uint8_t *p, size_t len)
{
	struct kdp *k = dp->priv;
	struct nl_msg *msg = nl_genl_msg(k->g, NLPPP_CMD_FRAME);

	if (!msg || nla_put_u32(msg, NLPPP_A_LINK_ID, k->link_id) < 0 ||
	    nla_put_u16(msg, NLPPP_A_PROTO, proto) < 0 ||
	    nla_put(msg, NLPPP_A_PAYLOAD, len, p) < 0) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	return nl_genl_send(k->g, msg, "control frame");
}

static int kdp_set_link(struct nl_dataplane *dp, struct nl_link *l,
			const struct nl_link_params *lp)
{
	struct kdp *k = dp->priv;
	struct nl_msg *msg = nl_genl_msg(k->g, NLPPP_CMD_LINK_SET);
	uint8_t map[32];
	uint32_t flags = (lp->tx_acfc ? NLPPP_LF_TX_ACFC : 0) |
			 (lp->tx_pfc ? NLPPP_LF_TX_PFC : 0);
	uint8_t type = lp->framing == NL_FRAMING_SYNC ? NLPPP_LINK_SYNC :
		       lp->framing == NL_FRAMING_NONE ? NLPPP_LINK_PPPOE : NLPPP_LINK_ASYNC;
	int i;

	/* The map travels as eight little-endian 32-bit words. */
	for (i = 0; i < 8; i++) {
		map[4 * i] = lp->tx_map[i] & 0xff;
		map[4 * i + 1] = (lp->tx_map[i] >> 8) & 0xff;
		map[4 * i + 2] = (lp->tx_map[i] >> 16) & 0xff;
		map[4 * i + 3] = lp->tx_map[i] >> 24;
	}
	if (!msg || nla_put_u32(msg, NLPPP_A_LINK_ID, k->link_id) < 0 ||
	    nla_put(msg, NLPPP_A_TX_ACCM, sizeof(map), map) < 0 ||
	    nla_put_u8(msg, NLPPP_A_LINK_TYPE, type) < 0 ||
	    nla_put_u32(msg, NLPPP_A_RX_ACCM, lp->rx_accm) < 0 ||
	    nla_put_u32(msg, NLPPP_A_LINK_FLAGS, flags) < 0 ||
	    nla_put_u16(msg, NLPPP_A_MRU, lp->mru) < 0) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	return nl_genl_send(k->g, msg, "set link framing");
}

static int kdp_set_np(struct nl_dataplane *dp, uint16_t proto, bool pass)
{
	struct kdp *k = dp->priv;
	struct nl_msg *msg = nl_genl_msg(k->g, NLPPP_CMD_BUNDLE_SET);
	struct nlattr *nest;

	if (!msg || nla_put_u32(msg, NLPPP_A_BUNDLE_ID, k->bundle_id) < 0)
		goto nomem;
	nest = nla_nest_start(msg, NLPPP_A_NP_MODES);
	if (!nest || nla_put_u8(msg, proto == PPP_PROTO_IPV6 ? NLPPP_A_NP_IPV6 : NLPPP_A_NP_IPV4,
			       pass ? NLPPP_NP_PASS : NLPPP_NP_DROP) < 0)
		goto nomem;
	nla_nest_end(msg, nest);
	return nl_genl_send(k->g, msg, "set NP mode");
nomem:
	nlmsg_free(msg);
	return -ENOMEM;
}

/* libppp's PPP_CCP_* method bit as the kernel's enum; -1 for none it knows. */
static int ccp_method(unsigned int bit)
{
	switch (bit) {
	case 0:
		return NLPPP_CCP_NONE;
	case PPP_CCP_MPPE:
		return NLPPP_CCP_MPPE;
	case PPP_CCP_DEFLATE:
		return NLPPP_CCP_DEFLATE;
	case PPP_CCP_DEFLATE_DRAFT:
		return NLPPP_CCP_DEFLATE_DRAFT;
	case PPP_CCP_BSD:
		return NLPPP_CCP_BSD;
	case PPP_CCP_PRED1:
		return NLPPP_CCP_PRED1;
	}
	return -1;
}

static int put_ccp(struct nl_msg *msg, bool tx, const struct nl_ccp_dir *c, int method)
{
	struct nlattr *nest = nla_nest_start(msg, tx ? NLPPP_A_CCP_TX : NLPPP_A_CCP_RX);

	if (!nest || nla_put_u8(msg, NLPPP_A_CCP_METHOD, (uint8_t)method) < 0 ||
	    nla_put_u8(msg, NLPPP_A_CCP_REQUIRED, c->required) < 0)
		return -ENOMEM;
	switch (method) {
	case NLPPP_CCP_MPPE:
		if (nla_put_u8(msg, NLPPP_A_CCP_MPPE_BITS, (uint8_t)c->mppe_bits) < 0 ||
		    nla_put_u8(msg, NLPPP_A_CCP_MPPE_STATEFUL, c->mppe_stateful) < 0 ||
		    nla_put(msg, NLPPP_A_CCP_MPPE_KEY, sizeof(c->mppe_key), c->mppe_key) < 0)
			return -ENOMEM;
		break;
	case NLPPP_CCP_DEFLATE:
	case NLPPP_CCP_DEFLATE_DRAFT:
		/* A decompressor reads window 8 (which zlib lacks) with 9. */
		if (nla_put_u8(msg, NLPPP_A_CCP_DEFLATE_WINDOW,
			       !tx && c->deflate_window == 8 ? 9 : c->deflate_window) < 0)
			return -ENOMEM;
		break;
	case NLPPP_CCP_BSD:
		if (nla_put_u8(msg, NLPPP_A_CCP_BSD_BITS, c->bsd_bits) < 0)
			return -ENOMEM;
		break;
	}
	nla_nest_end(msg, nest);
	return 0;
}

int nl_kdp_ccp_msg(struct nl_msg *msg, uint32_t bundle_id, bool tx, const struct nl_ccp_dir *c)
{
	int method = ccp_method(c->method);

	if (method < 0)
		return -EINVAL;
	if (nla_put_u32(msg, NLPPP_A_BUNDLE_ID, bundle_id) < 0 || put_ccp(msg, tx, c, method) < 0)
		return -ENOMEM;
	return 0;
}

/*
 * Waits for the answer: a method the module lacks must come back as
 * -EOPNOTSUPP, for CCP to close. The request holds the MPPE key: its
 * buffer is wiped once the kernel has it (which wipes its own copy).
 */
static int kdp_set_ccp(struct nl_dataplane *dp, bool tx, const struct nl_ccp_dir *c)
{
	struct kdp *k = dp->priv;
	struct nl_msg *msg;
	int err;

	msg = nl_genl_msg(k->g, NLPPP_CMD_BUNDLE_SET);
	if (!msg)
		return -ENOMEM;
	nlmsg_get(msg);		/* ours until wiped, whatever nl_genl_call frees */
	err = nl_kdp_ccp_msg(msg, k->bundle_id, tx, c);
	if (!err)
		err = nl_genl_call(k->g, msg, tx ? "set transmit compression" :
						     "set receive compression", NULL, NULL);
	else
		nlmsg_free(msg);
	explicit_bzero(nlmsg_hdr(msg), nlmsg_hdr(msg)->nlmsg_len);
	nlmsg_free(msg);
	return err;
}

static int kdp_ccp_reset(struct nl_dataplane *dp, bool tx)
{
	struct kdp *k = dp->priv;
	struct nl_msg *msg = nl_genl_msg(k->g, NLPPP_CMD_CCP_RESET);

	if (!msg || nla_put_u32(msg, NLPPP_A_BUNDLE_ID, k->bundle_id) < 0 ||
	    nla_put_u8(msg, NLPPP_A_DIRECTION, tx ? NLPPP_DIR_TX : NLPPP_DIR_RX) < 0) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	return nl_genl_send(k->g, msg, tx ? "reset the compressor" : "reset the decompressor");
}

static int kdp_set_vj(struct nl_dataplane *dp, const struct nl_vj_params *vj)
{
	struct kdp *k = dp->priv;
	struct nl_msg *msg = nl_genl_msg(k->g, NLPPP_CMD_BUNDLE_SET);
	struct nlattr *nest;

	if (vj->tx_slots > 256 || vj->rx_slots > 256) {
		nlmsg_free(msg);
		return -EINVAL;
	}
	if (!msg || nla_put_u32(msg, NLPPP_A_BUNDLE_ID, k->bundle_id) < 0 ||
	    !(nest = nla_nest_start(msg, NLPPP_A_VJ)) ||
	    nla_put_u16(msg, NLPPP_A_VJ_TX_SLOTS, (uint16_t)vj->tx_slots) < 0 ||
	    nla_put_u16(msg, NLPPP_A_VJ_RX_SLOTS, (uint16_t)vj->rx_slots) < 0 ||
	    nla_put_u8(msg, NLPPP_A_VJ_TX_CID_COMP, vj->tx_cid_comp) < 0) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	nla_nest_end(msg, nest);
	return nl_genl_call(k->g, msg, "set VJ", NULL, NULL);
}

static uint64_t stat_u64(struct nlattr **st, int a)
{
	return st[a] ? nla_get_u64(st[a]) : 0;
}

/* Every counter is a u64. */
static struct nla_policy stats_policy[NLPPP_A_STATS_MAX + 1] = {
	[NLPPP_A_STATS_RX_PACKETS ... NLPPP_A_STATS_CTRL_TX] = { .type = NLA_U64 },
	[NLPPP_A_STATS_RX_CTRL_TOOBIG ... NLPPP_A_STATS_MAX] = { .type = NLA_U64 },
};

int nl_kdp_stats_reply(struct nlattr **tb, bool link, struct nl_dp_stats *out)
{
	struct nlattr *st[NLPPP_A_STATS_MAX + 1];

	if (!tb[NLPPP_A_STATS] ||
	    nla_parse_nested(st, NLPPP_A_STATS_MAX, tb[NLPPP_A_STATS], stats_policy) < 0)
		return -EPROTO;
	if (link) {
		out->rx_frames = stat_u64(st, NLPPP_A_STATS_RX_PACKETS);
		out->rx_frame_bytes = stat_u64(st, NLPPP_A_STATS_RX_BYTES);
		out->tx_frames = stat_u64(st, NLPPP_A_STATS_TX_PACKETS);
		out->tx_frame_bytes = stat_u64(st, NLPPP_A_STATS_TX_BYTES);
		out->rx_fcs_errors = stat_u64(st, NLPPP_A_STATS_RX_FCS_ERRORS);
		out->rx_frame_errors = stat_u64(st, NLPPP_A_STATS_RX_FRAME_ERRORS);
		out->rx_aborts = stat_u64(st, NLPPP_A_STATS_RX_ABORTS);
		out->rx_overruns = stat_u64(st, NLPPP_A_STATS_RX_OVERRUNS);
		out->rx_dropped = stat_u64(st, NLPPP_A_STATS_RX_DROPPED);
		out->tx_dropped = stat_u64(st, NLPPP_A_STATS_TX_DROPPED);
		return 0;
	}
	out->rx_packets = stat_u64(st, NLPPP_A_STATS_RX_PACKETS);
	out->rx_bytes = stat_u64(st, NLPPP_A_STATS_RX_BYTES);
	out->tx_packets = stat_u64(st, NLPPP_A_STATS_TX_PACKETS);
	out->tx_bytes = stat_u64(st, NLPPP_A_STATS_TX_BYTES);
	out->rx_dropped += stat_u64(st, NLPPP_A_STATS_RX_DROPPED);
	out->tx_dropped += stat_u64(st, NLPPP_A_STATS_TX_DROPPED);
	out->comp_tx_in = stat_u64(st, NLPPP_A_STATS_COMP_TX_IN);
	out->comp_tx_out = stat_u64(st, NLPPP_A_STATS_COMP_TX_OUT);
	out->comp_tx_incompressible = stat_u64(st, NLPPP_A_STATS_COMP_TX_INCOMPRESSIBLE);
	out->comp_rx_in = stat_u64(st, NLPPP_A_STATS_COMP_RX_IN);
	out->comp_rx_out = stat_u64(st, NLPPP_A_STATS_COMP_RX_OUT);
	out->comp_tx_resets = stat_u64(st, NLPPP_A_STATS_COMP_TX_RESETS);
	out->comp_rx_resets = stat_u64(st, NLPPP_A_STATS_COMP_RX_RESETS);
	out->comp_rx_errors = stat_u64(st, NLPPP_A_STATS_COMP_RX_ERRORS);
	out->mppe_discards = stat_u64(st, NLPPP_A_STATS_MPPE_DISCARDS);
	out->comp_required_drops = stat_u64(st, NLPPP_A_STATS_COMP_REQUIRED_DROPS);
	out->vj_tx_compressed = stat_u64(st, NLPPP_A_STATS_VJ_TX_COMPRESSED);
	out->vj_tx_uncompressed = stat_u64(st, NLPPP_A_STATS_VJ_TX_UNCOMPRESSED);
	out->vj_rx_compressed = stat_u64(st, NLPPP_A_STATS_VJ_RX_COMPRESSED);
	out->vj_rx_uncompressed = stat_u64(st, NLPPP_A_STATS_VJ_RX_UNCOMPRESSED);
	out->vj_rx_errors = stat_u64(st, NLPPP_A_STATS_VJ_RX_ERRORS);
	out->vj_rx_tossed = stat_u64(st, NLPPP_A_STATS_VJ_RX_TOSSED);
	return 0;
}

/* GET one object's counters: the link's (@cmd LINK_GET) or the bundle's. */
static int get_stats(struct kdp *k, uint8_t cmd, uint32_t attr, uint32_t id,
		     struct nl_dp_stats *out)
{
	struct nlattr *tb[NLPPP_A_MAX + 1] = { 0 };
	struct nl_msg *msg = nl_genl_msg(k->g, cmd);
	void *keep = NULL;
	int err;

	if (!msg || nla_put_u32(msg, attr, id) < 0) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	err = nl_genl_query(k->g, msg, "read counters", tb, &keep);
	if (err < 0)
		return err;
	err = nl_kdp_stats_reply(tb, cmd == NLPPP_CMD_LINK_GET, out);
	free(keep);
	return err;
}

static int kdp_stats(struct nl_dataplane *dp, struct nl_link *l, struct nl_dp_stats *out)
{
	struct kdp *k = dp->priv;

	memset(out, 0, sizeof(*out));
	if (!k)
		return -ENODEV;
	if (l && k->link == l && k->have_link)
		get_stats(k, NLPPP_CMD_LINK_GET, NLPPP_A_LINK_ID, k->link_id, out);
	return get_stats(k, NLPPP_CMD_BUNDLE_GET, NLPPP_A_BUNDLE_ID, k->bundle_id, out);
}

const struct nl_dataplane_ops nl_dp_kernel_ops = {
	.name = "kernel",
	/* nlppp.ko's methods (kmod/compress.c) */
	.ccp_methods = PPP_CCP_MPPE | PPP_CCP_PRED1 | PPP_CCP_DEFLATE | PPP_CCP_DEFLATE_DRAFT |
		       PPP_CCP_BSD,
	.create = kdp_create,
	.destroy = kdp_destroy,
	.link_attach = kdp_link_attach,
	.link_detach = kdp_link_detach,
	.send = kdp_send,
	.set_link = kdp_set_link,
	.set_np = kdp_set_np,
	.stats = kdp_stats,
	.set_ccp = kdp_set_ccp,
	.ccp_reset = kdp_ccp_reset,
	.set_vj = kdp_set_vj,
};
