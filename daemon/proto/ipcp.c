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
	nl_bundle_ipv4_up(b, n->got.addr, remote, n->got.dns1, n->got.dns2);
}

static void ipcp_down(struct ppp_fsm *f)
{
	nl_bundle_ipv4_down(bundle_of(f));
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
	nl_cp_open_up(pi);
}

static void put_ip(struct json_object *o, const char *key, uint32_t a)
{
	struct in_addr in = { .s_addr = htonl(a) };
	char buf[INET_ADDRSTRLEN];

	json_object_object_add(o, key, a ? json_object_new_string(
				       inet_ntop(AF_INET, &in, buf, sizeof(buf))) : NULL);
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
