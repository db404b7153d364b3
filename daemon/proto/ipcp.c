// SPDX-License-Identifier: GPL-2.0
/*
 * IPCP (RFC 1332, RFC 1877 DNS/NBNS) on the RFC 1661 automaton. The
 * negotiation is libppp's; what an Opened IPCP does to the interface
 * (addresses, routes, DNS, scripts) is the bundle's.
 */
#include <arpa/inet.h>
#include <json-c/json.h>
#include <stdio.h>
#include <string.h>

#include "libppp/ipcp.h"
#include "libppp/ppp.h"

#include "bundle.h"
#include "config.h"
#include "dump.h"
#include "log.h"

struct ipcp {
	struct nl_cp cp;	/* first: the shared glue */
	struct ppp_ipcp_neg n;
};

NL_CP_NEG_WRAPPERS(ipcp)

static struct nl_bundle *bundle_of(struct ppp_fsm *f)
{
	return nl_cp_of(f)->pi->bundle;
}

/* 0 slots: that direction off. */
static void vj_params(const struct ppp_ipcp_neg *n, struct nl_vj_params *vj)
{
	memset(vj, 0, sizeof(*vj));
	if (n->his.neg_vj) {
		vj->tx_slots = n->his.vj_max_slot + 1u;
		vj->tx_cid_comp = n->his.vj_cid;
	}
	if (n->got.neg_vj)
		vj->rx_slots = n->got.vj_max_slot + 1u;
}

/*
 * Program the plane's VJ before IP flows: what the peer asked for (and we
 * acked) is what we compress with; what it acked is what it sends us.
 */
static int ipcp_set_vj(struct nl_bundle *b, const struct ppp_ipcp_neg *n)
{
	struct nl_dataplane *dp = &b->dp;
	struct nl_vj_params vj;
	int err;

	vj_params(n, &vj);
	if (!dp->ops || !dp->ops->set_vj)
		return 0;
	err = dp->ops->set_vj(dp, &vj);
	if (err < 0) {
		nl_err("Could not set VJ compression: %s", strerror(-err));
		nl_bundle_close(b, "Could not set VJ compression", NL_EXIT_FATAL_ERROR);
		return err;
	}
	if (vj.tx_slots || vj.rx_slots)
		nl_info("VJ compression: send %u slots%s, receive %u slots",
			vj.tx_slots, vj.tx_cid_comp ? " (slot-id compressed)" : "",
			vj.rx_slots);
	return 0;
}

static void ipcp_up(struct ppp_fsm *f)
{
	struct ppp_ipcp_neg *n = &ipcp_of(f)->n;
	struct nl_bundle *b = bundle_of(f);
	uint32_t remote = n->his.addr ? n->his.addr : n->remote;

	if (!n->got.addr) {
		nl_err("Could not determine local IP address");
		nl_bundle_close(b, "Could not determine local IP address",
				NL_EXIT_NEGOTIATION_FAILED);
		return;
	}
	if (!remote) {
		nl_err("Could not determine remote IP address: defaulting to 10.64.64.64");
		remote = 0x0a404040;
	}
	if (ipcp_set_vj(b, n) < 0)
		return;
	nl_bundle_ipv4_up(b, n->got.addr, remote, n->got.dns1, n->got.dns2);
}

static void ipcp_down(struct ppp_fsm *f)
{
	struct nl_bundle *b = bundle_of(f);
	static const struct nl_vj_params off;

	nl_bundle_ipv4_down(b);
	/* The next IPCP starts from empty slots (RFC 1144's reset). */
	if (b->dp.ops && b->dp.ops->set_vj)
		b->dp.ops->set_vj(&b->dp, &off);
}

static void ipcp_finished(struct ppp_fsm *f)
{
	nl_bundle_ncp_finished(bundle_of(f));
}

static const struct ppp_fsm_ops fsm_ops = {
	.reset = ipcp_reset,
	.build_req = ipcp_build_req,
	.recv_ack = ipcp_recv_ack,
	.recv_nak = ipcp_recv_nak,
	.recv_rej = ipcp_recv_rej,
	.recv_req = ipcp_recv_req,
	.up = ipcp_up,
	.down = ipcp_down,
	.finished = ipcp_finished,
	.send = nl_cp_send,
	.timer = nl_cp_timer,
};

static bool ipcp_enabled(const struct nl_config *c)
{
	return !c->noip;
}

static void ipcp_init(struct nl_proto_inst *pi)
{
	const struct nl_config *c = pi->bundle->cfg;

	nl_cp_init(pi, &fsm_ops, c->ipcp.restart, c->ipcp.max_configure,
		   c->ipcp.max_terminate, c->ipcp.max_failure);
}

/* The network phase: configure from the options and what the bundle knows. */
static void ipcp_lower_up(struct nl_proto_inst *pi)
{
	struct ipcp *s = pi->state;
	struct ppp_ipcp_neg *n = &s->n;
	const struct nl_config *c = pi->bundle->cfg;
	uint32_t hint = nl_bundle_remote_hint(pi->bundle);

	memset(n, 0, sizeof(*n));
	n->local = ntohl(c->local_ip.s_addr);	/* noipdefault: no guessing, which we never do */
	/* pppd: the option first, then the peer's one address in the secrets file. */
	n->remote = c->remote_ip.s_addr ? ntohl(c->remote_ip.s_addr) : hint;
	n->accept_local = c->ipcp_accept_local;
	n->accept_remote = c->ipcp_accept_remote;
	n->req_dns = c->usepeerdns;
	/* pppd: a single ms-dns (ms-wins) is both primary and secondary. */
	n->dns[0] = ntohl(c->ms_dns[0].s_addr);
	n->dns[1] = c->ms_dns[1].s_addr ? ntohl(c->ms_dns[1].s_addr) : n->dns[0];
	n->nbns[0] = ntohl(c->ms_wins[0].s_addr);
	n->nbns[1] = c->ms_wins[1].s_addr ? ntohl(c->ms_wins[1].s_addr) : n->nbns[0];
	/* A plane that cannot run VJ neither asks for it nor accepts it. */
	n->vj = !c->novj && pi->bundle->dp.ops && pi->bundle->dp.ops->set_vj;
	n->vj_cid = !c->novjccomp;
	n->vj_max_slot = (uint8_t)(c->vj_max_slots - 1);
	nl_cp_open_up(pi);
}

static void put_ip(struct json_object *o, const char *key, uint32_t a)
{
	struct in_addr in = { .s_addr = htonl(a) };
	char buf[INET_ADDRSTRLEN];

	json_object_object_add(o, key, a ? json_object_new_string(
				       inet_ntop(AF_INET, &in, buf, sizeof(buf))) : NULL);
}

static void put_vj(struct json_object *o, const char *key, unsigned int slots, bool cid)
{
	char buf[48];

	if (slots)
		snprintf(buf, sizeof(buf), "vj %u slots%s", slots, cid ? " slot-id-comp" : "");
	json_object_object_add(o, key, json_object_new_string(slots ? buf : "none"));
}

static void put_u64(struct json_object *o, const char *key, uint64_t v)
{
	json_object_object_add(o, key, json_object_new_int64((int64_t)v));
}

/* VJ per direction and the plane's counters. */
static void put_vj_status(struct json_object *o, const struct nl_proto_inst *pi, bool up)
{
	const struct ipcp *s = pi->state;
	struct nl_vj_params vj = { 0 };
	struct nl_dp_stats st;

	if (up)
		vj_params(&s->n, &vj);
	put_vj(o, "vj_transmit", vj.tx_slots, vj.tx_cid_comp);
	put_vj(o, "vj_receive", vj.rx_slots, s->n.got.vj_cid && vj.rx_slots);
	nl_bundle_stats(pi->bundle, NULL, &st);
	put_u64(o, "vj_tx_compressed", st.vj_tx_compressed);
	put_u64(o, "vj_tx_uncompressed", st.vj_tx_uncompressed);
	put_u64(o, "vj_rx_compressed", st.vj_rx_compressed);
	put_u64(o, "vj_rx_uncompressed", st.vj_rx_uncompressed);
	put_u64(o, "vj_rx_errors", st.vj_rx_errors);
	put_u64(o, "vj_rx_tossed", st.vj_rx_tossed);
}

static struct json_object *ipcp_status(const struct nl_proto_inst *pi)
{
	const struct ipcp *s = pi->state;
	bool up = s->cp.fsm.state == PPP_FSM_OPENED;
	struct json_object *o = nl_cp_status(pi);

	put_ip(o, "local_ip", up ? s->n.got.addr : 0);
	put_ip(o, "remote_ip", up ? pi->bundle->remote_ip : 0);
	put_ip(o, "dns1", up ? s->n.got.dns1 : 0);
	put_ip(o, "dns2", up ? s->n.got.dns2 : 0);
	put_vj_status(o, pi, up);
	return o;
}

const struct nl_proto nl_proto_ipcp = {
	.number = PPP_PROTO_IPCP,
	.name = "ipcp",
	.layer = NL_LAYER_NETWORK,
	.state_size = sizeof(struct ipcp),
	.enabled = ipcp_enabled,
	.init = ipcp_init,
	.fini = nl_cp_fini,
	.input = nl_cp_input,
	.lower_up = ipcp_lower_up,
	.lower_down = nl_cp_down_close,
	.close = nl_cp_close,
	.rejected = nl_cp_rejected,
	.active = nl_cp_active,
	.status = ipcp_status,
	.describe = nl_describe_packet,
};
