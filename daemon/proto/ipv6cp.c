// SPDX-License-Identifier: GPL-2.0
/* IPv6CP (RFC 5072): interface identifiers; the bundle configures fe80::. */
#include <arpa/inet.h>
#include <json-c/json.h>
#include <string.h>
#include <sys/random.h>

#include "libppp/ipv6cp.h"
#include "libppp/ppp.h"

#include "bundle.h"
#include "config.h"
#include "dump.h"
#include "log.h"

struct ipv6cp {
	struct nl_cp cp;	/* first: the shared glue */
	struct ppp_ipv6cp_neg n;
};

NL_CP_NEG_WRAPPERS(ipv6cp)

static struct nl_bundle *bundle_of(struct ppp_fsm *f)
{
	return nl_cp_of(f)->pi->bundle;
}

static void ipv6cp_up(struct ppp_fsm *f)
{
	struct ppp_ipv6cp_neg *n = &ipv6cp_of(f)->n;
	uint64_t his = n->his ? n->his : n->remote;

	if (!n->got || !his) {
		nl_err("IPv6CP: could not determine interface identifiers");
		ppp_fsm_close(f, "No interface identifier");
		return;
	}
	if (nl_bundle_ipv6_up(bundle_of(f), n->got, his) < 0)
		ppp_fsm_close(f, "Could not configure IPv6");
}

static void ipv6cp_down(struct ppp_fsm *f)
{
	nl_bundle_ipv6_down(bundle_of(f));
}

static void ipv6cp_finished(struct ppp_fsm *f)
{
	nl_bundle_ncp_finished(bundle_of(f));
}

static const struct ppp_fsm_ops fsm_ops = {
	.reset = ipv6cp_reset,
	.build_req = ipv6cp_build_req,
	.recv_ack = ipv6cp_recv_ack,
	.recv_nak = ipv6cp_recv_nak,
	.recv_rej = ipv6cp_recv_rej,
	.recv_req = ipv6cp_recv_req,
	.up = ipv6cp_up,
	.down = ipv6cp_down,
	.finished = ipv6cp_finished,
	.send = nl_cp_send,
	.timer = nl_cp_timer,
};

static bool ipv6cp_enabled(const struct nl_config *c)
{
	return c->ipv6;
}

static uint64_t random64(void *ctx)
{
	uint64_t v = 0;

	while (!v) {
		if (getrandom(&v, sizeof(v), 0) != sizeof(v))
			v = nl_now_ms() * 0x9e3779b97f4a7c15ull;
	}
	return v;
}

static void ipv6cp_init(struct nl_proto_inst *pi)
{
	const struct nl_config *c = pi->bundle->cfg;

	nl_cp_init(pi, &fsm_ops, c->ipv6cp.restart, c->ipv6cp.max_configure,
		   c->ipv6cp.max_terminate, c->ipv6cp.max_failure);
}

static void ipv6cp_lower_up(struct nl_proto_inst *pi)
{
	struct ipv6cp *s = pi->state;
	const struct nl_config *c = pi->bundle->cfg;

	memset(&s->n, 0, sizeof(s->n));
	s->n.local = c->ipv6_local_id;
	s->n.remote = c->ipv6_remote_id;
	s->n.accept_local = c->ipv6cp_accept_local;
	s->n.random64 = random64;
	s->n.random_ctx = s;
	nl_cp_open_up(pi);
}

static void put_ll(struct json_object *o, const char *key, uint64_t id)
{
	struct in6_addr a;
	char buf[INET6_ADDRSTRLEN];
	int i;

	if (!id) {
		json_object_object_add(o, key, NULL);
		return;
	}
	memset(&a, 0, sizeof(a));
	a.s6_addr[0] = 0xfe;
	a.s6_addr[1] = 0x80;
	for (i = 0; i < 8; i++)
		a.s6_addr[8 + i] = id >> (56 - 8 * i);
	json_object_object_add(o, key, json_object_new_string(
				       inet_ntop(AF_INET6, &a, buf, sizeof(buf))));
}

static struct json_object *ipv6cp_status(const struct nl_proto_inst *pi)
{
	const struct ipv6cp *s = pi->state;
	bool up = s->cp.fsm.state == PPP_FSM_OPENED;
	struct json_object *o = nl_cp_status(pi);

	put_ll(o, "local_ll", up ? s->n.got : 0);
	put_ll(o, "remote_ll", up ? pi->bundle->ipv6_remote : 0);
	return o;
}

const struct nl_proto nl_proto_ipv6cp = {
	.number = PPP_PROTO_IPV6CP,
	.name = "ipv6cp",
	.layer = NL_LAYER_NETWORK,
	.state_size = sizeof(struct ipv6cp),
	.enabled = ipv6cp_enabled,
	.init = ipv6cp_init,
	.fini = nl_cp_fini,
	.input = nl_cp_input,
	.lower_up = ipv6cp_lower_up,
	.lower_down = nl_cp_down_close,
	.close = nl_cp_close,
	.rejected = nl_cp_rejected,
	.active = nl_cp_active,
	.status = ipv6cp_status,
	.describe = nl_describe_packet,
};
