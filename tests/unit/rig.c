// SPDX-License-Identifier: GPL-2.0
/* The link rig of rig.h: a recording data plane and a fake rtnetlink. */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <netlink/netlink.h>
#include <netlink/msg.h>
#include <netlink/handlers.h>

#include "libppp/ppp.h"

#include "log.h"
#include "rig.h"
#include "rtnl.h"

/* --- the data plane: records what is sent ---------------------------------- */

static struct fake_dp *fake_of(struct nl_dataplane *dp)
{
	return dp->priv;
}

static int fake_create(struct nl_dataplane *dp, const char *ifname, int unit)
{
	return 0;
}

static void fake_destroy(struct nl_dataplane *dp)
{
	fake_of(dp)->destroy_calls++;
}

static int fake_link_attach(struct nl_dataplane *dp, struct nl_link *l)
{
	fake_of(dp)->attach_calls++;
	return 0;
}

static void fake_link_detach(struct nl_dataplane *dp, struct nl_link *l)
{
	fake_of(dp)->detach_calls++;
}

static int fake_send(struct nl_dataplane *dp, struct nl_link *l, uint16_t proto,
		     const uint8_t *p, size_t len)
{
	struct fake_dp *f = fake_of(dp);
	struct sent *s;

	f->total++;
	if (proto == PPP_PROTO_LCP && len >= 1 && p[0] == PPP_PROTREJ)
		f->protrej++;
	if (f->count_only && f->nsent == SENT_MAX)
		return 0;
	if (f->nsent == SENT_MAX || len > FRAME_MAX) {
		f->overflow = true;
		return -ENOBUFS;
	}
	s = &f->sent[f->nsent++];
	s->proto = proto;
	s->len = len;
	memcpy(s->p, p, len);
	return 0;
}

static int fake_set_link(struct nl_dataplane *dp, struct nl_link *l,
			 const struct nl_link_params *lp)
{
	fake_of(dp)->set_link_calls++;
	fake_of(dp)->last_lp = *lp;
	return 0;
}

static int fake_set_np(struct nl_dataplane *dp, uint16_t proto, bool pass)
{
	fake_of(dp)->set_np_calls++;
	return 0;
}

static int fake_stats(struct nl_dataplane *dp, struct nl_link *l, struct nl_dp_stats *st)
{
	memset(st, 0, sizeof(*st));
	return 0;
}

const struct nl_dataplane_ops fake_dp_ops = {
	.name = "fake",
	.create = fake_create,
	.destroy = fake_destroy,
	.link_attach = fake_link_attach,
	.link_detach = fake_link_detach,
	.send = fake_send,
	.set_link = fake_set_link,
	.set_np = fake_set_np,
	.stats = fake_stats,
};

/* --- rtnetlink: a kernel that says yes --------------------------------------- */

/* The last request's header: its answer goes out on the next receive. */
static struct nlmsghdr fake_rtnl_last;
static bool fake_rtnl_pending;

static int fake_rtnl_send(struct nl_sock *sk, struct nl_msg *msg)
{
	fake_rtnl_last = *nlmsg_hdr(msg);
	fake_rtnl_pending = true;
	return (int)fake_rtnl_last.nlmsg_len;
}

static int fake_rtnl_recv(struct nl_sock *sk, struct sockaddr_nl *from,
			  unsigned char **buf, struct ucred **creds)
{
	size_t len = NLMSG_SPACE(sizeof(struct nlmsgerr));
	struct nlmsghdr *h;
	struct nlmsgerr *e;

	if (!fake_rtnl_pending)
		return -NLE_AGAIN;
	fake_rtnl_pending = false;
	h = calloc(1, len);
	if (!h)
		return -NLE_NOMEM;
	h->nlmsg_seq = fake_rtnl_last.nlmsg_seq;
	h->nlmsg_pid = fake_rtnl_last.nlmsg_pid;
	/* NLM_F_DUMP's bits mean other things (REPLACE) on a NEW request. */
	if ((fake_rtnl_last.nlmsg_flags & NLM_F_DUMP) == NLM_F_DUMP &&
	    fake_rtnl_last.nlmsg_type % 4 == 2) {	/* RTM_GET* */
		h->nlmsg_type = NLMSG_DONE;
		h->nlmsg_flags = NLM_F_MULTI;
		h->nlmsg_len = NLMSG_LENGTH(sizeof(int));
	} else {
		h->nlmsg_type = NLMSG_ERROR;
		h->nlmsg_flags = NLM_F_CAPPED;
		h->nlmsg_len = len;
		e = NLMSG_DATA(h);
		e->msg = fake_rtnl_last;
	}
	*buf = (unsigned char *)h;
	if (from)
		memset(from, 0, sizeof(*from));
	if (creds)
		*creds = NULL;
	return (int)h->nlmsg_len;
}

int fake_rtnl_open(struct nl_rtnl **rp)
{
	struct nl_sock *sk = nl_socket_alloc();
	struct nl_cb *cb;

	*rp = NULL;
	if (!sk)
		return -ENOMEM;
	cb = nl_socket_get_cb(sk);
	nl_cb_overwrite_send(cb, fake_rtnl_send);
	nl_cb_overwrite_recv(cb, fake_rtnl_recv);
	nl_cb_put(cb);
	fake_rtnl_pending = false;
	return nl_rtnl_wrap(rp, sk);
}

/* --- the rig ------------------------------------------------------------------ */

static void owner_dead(struct nl_bundle *b)
{
	struct rig *r = b->owner_ctx;

	r->dead_calls++;
	r->dead_ms = nl_now_ms();
	r->l = NULL;
	if (r->stop_on_dead)
		nl_loop_stop(&r->loop);
}

static const struct nl_bundle_owner rig_owner = { .dead = owner_dead };

/* As nl_bundle_start(), with the fake plane instead of nl_dataplane_open(). */
static int rig_attach(struct rig *r)
{
	struct nl_bundle *b = r->b;
	struct nl_link *l = r->l;

	b->dp.ops = &fake_dp_ops;
	b->dp.priv = &r->fk;
	b->dp.loop = &r->loop;
	snprintf(b->dp.ifname, sizeof(b->dp.ifname), "ppptest");
	l->bundle = b;
	l->id = nl_registry_next_link_id(b->reg);
	if (b->dp.ops->link_attach(&b->dp, l) < 0)
		return -1;
	l->attached = true;
	l->next = b->links;
	b->links = l;
	b->nlinks++;
	nl_registry_add(b->reg, b);
	b->start_ms = nl_now_ms();
	nl_link_start(l);
	return 0;
}

int rig_prepare(struct rig *r, unsigned int flags, const char *etc)
{
	memset(r, 0, sizeof(*r));
	nl_log_set_stderr(getenv("TEST_VERBOSE") != NULL);
	if (nl_loop_init(&r->loop) < 0)
		return -1;
	nl_registry_init(&r->reg, &r->loop);
	if ((flags & RIG_RTNL) && fake_rtnl_open(&r->reg.rtnl) < 0)
		return -1;
	nl_config_defaults(&r->cfg);
	r->cfg.auth = flags & (RIG_AUTH | RIG_MSCHAP2);
	r->cfg.require_chap = flags & RIG_AUTH;
	r->cfg.require_mschap_v2 = flags & RIG_MSCHAP2;
	r->cfg.local_ip.s_addr = htonl(0x0a000001);
	r->cfg.remote_ip.s_addr = htonl(0x0a000002);
	r->cfg.ipv6 = flags & RIG_IPV6;
	r->cfg.dataplane = NL_DP_USER;
	if (etc) {
		snprintf(r->cfg.etc_ppp, sizeof(r->cfg.etc_ppp), "%s", etc);
	} else {
		snprintf(r->etc, sizeof(r->etc), "/tmp/test_rig.XXXXXX");
		if (!mkdtemp(r->etc))
			return -1;
		snprintf(r->cfg.etc_ppp, sizeof(r->cfg.etc_ppp), "%s", r->etc);
	}
	snprintf(r->cfg.name, sizeof(r->cfg.name), "test");
	return 0;
}

int rig_start(struct rig *r)
{
	struct nl_transport tr;

	memset(&tr, 0, sizeof(tr));
	tr.rfd = tr.wfd = -1;
	snprintf(tr.devname, sizeof(tr.devname), "fake0");
	if (nl_bundle_new(&r->b, &r->reg, &r->cfg, &rig_owner, r) < 0)
		return -1;
	if (nl_link_new(&r->l, &r->loop, &r->cfg, &tr) < 0)
		return -1;
	return rig_attach(r);
}

int rig_init(struct rig *r, unsigned int flags)
{
	return rig_prepare(r, flags, NULL) < 0 ? -1 : rig_start(r);
}

void rig_fini(struct rig *r)
{
	/* A link not attached yet is not the bundle's to free. */
	if (r->l && !r->l->bundle)
		nl_link_free(r->l);
	nl_bundle_free(r->b);
	r->b = NULL;
	r->l = NULL;
	nl_registry_fini(&r->reg);
	nl_loop_fini(&r->loop);
	if (r->etc[0])
		rmdir(r->etc);
}

static void stop_fn(void *ctx)
{
	nl_loop_stop(ctx);
}

int rig_run(struct rig *r, unsigned int ms)
{
	int err;

	nl_timer_init(&r->stop, stop_fn, &r->loop);
	nl_timer_arm(&r->loop, &r->stop, ms);
	err = nl_loop_run(&r->loop);
	nl_timer_cancel(&r->loop, &r->stop);
	return err;
}
