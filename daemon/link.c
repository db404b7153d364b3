// SPDX-License-Identifier: GPL-2.0
/*
 * The link: dispatch of the frames its data plane hands up, by protocol
 * through the table; the phases of RFC 1661 section 3.2 up to the network
 * phase, which belongs to the bundle.
 */
#include <errno.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "libppp/ppp.h"

#include "bundle.h"
#include "config.h"
#include "dump.h"
#include "link.h"
#include "log.h"
#include "proto/auth.h"
#include "proto/lcp.h"
#include "registry.h"
#include "script.h"

static const char *const phase_names[] = {
	[NL_PHASE_DEAD] = "dead",
	[NL_PHASE_ESTABLISH] = "establish",
	[NL_PHASE_AUTHENTICATE] = "authenticate",
	[NL_PHASE_NETWORK] = "network",
	[NL_PHASE_RUNNING] = "running",
	[NL_PHASE_TERMINATE] = "terminate",
};

const char *nl_phase_name(enum nl_phase p)
{
	return (unsigned int)p < sizeof(phase_names) / sizeof(phase_names[0]) ?
	       phase_names[p] : "?";
}

static const char *link_label(const struct nl_link *l)
{
	return l->bundle && l->bundle->dp.ifname[0] ? l->bundle->dp.ifname : "link";
}

void nl_link_event(struct nl_link *l, const char *event, const char *key,
		   const char *value)
{
	struct json_object *ev;

	if (!l->bundle || !nl_registry_has_listeners(l->bundle->reg))
		return;
	ev = json_object_new_object();
	json_object_object_add(ev, "event", json_object_new_string(event));
	json_object_object_add(ev, "ifname", json_object_new_string(link_label(l)));
	json_object_object_add(ev, "link_id", json_object_new_int64(l->id));
	if (key)
		json_object_object_add(ev, key, json_object_new_string(value));
	nl_registry_event(l->bundle->reg, ev);
}

void nl_link_set_phase(struct nl_link *l, enum nl_phase p)
{
	if (l->phase == p)
		return;
	nl_dbg("%s: phase %s", link_label(l), nl_phase_name(p));
	l->phase = p;
	nl_link_event(l, "phase", "phase", nl_phase_name(p));
}

/* The framing before LCP opens (RFC 1662 7.1: every control character escaped). */
static void default_params(struct nl_link *l)
{
	int i;

	for (i = 0; i < 8; i++)
		l->lp.tx_map[i] = l->cfg->escape[i];
	l->lp.tx_map[0] |= 0xffffffff;
	/*
	 * Receive: drop only what we will ask the peer to escape. Until LCP
	 * opens the peer escapes every control character anyway, and the
	 * kernel plane learns of the opening a frame or two after the peer
	 * starts sending under the new map: a full map here would spoil those.
	 */
	l->lp.rx_accm = l->lp.framing == NL_FRAMING_ASYNC ? l->cfg->asyncmap : 0;
	l->lp.tx_acfc = l->lp.tx_pfc = l->lp.rx_acfc = l->lp.rx_pfc = false;
	l->lp.mru = PPP_MRU_DEFAULT;
	l->lp.peer_mru = PPP_MRU_DEFAULT;
}

static void push_params(struct nl_link *l)
{
	struct nl_dataplane *dp = &l->bundle->dp;

	if (l->attached && !l->hung_up)
		dp->ops->set_link(dp, l, &l->lp);
}

static void dead_timer_fn(void *ctx)
{
	struct nl_link *l = ctx;

	nl_bundle_link_dead(l->bundle, l);
}

int nl_link_new(struct nl_link **lp, struct nl_loop *loop,
		const struct nl_config *cfg, struct nl_transport *tr)
{
	struct nl_link *l = calloc(1, sizeof(*l));

	*lp = NULL;
	if (!l)
		return -ENOMEM;
	l->loop = loop;
	l->cfg = cfg;
	l->tr = *tr;
	memset(tr, 0, sizeof(*tr));
	tr->rfd = tr->wfd = -1;
	l->phase = NL_PHASE_DEAD;
	l->lp.framing = l->tr.packet ? NL_FRAMING_NONE :
			cfg->sync ? NL_FRAMING_SYNC : NL_FRAMING_ASYNC;
	default_params(l);
	nl_timer_init(&l->dead_timer, dead_timer_fn, l);
	if (cfg->name[0])
		snprintf(l->our_name, sizeof(l->our_name), "%s", cfg->name);
	else if (gethostname(l->our_name, sizeof(l->our_name) - 1) < 0)
		strcpy(l->our_name, "nlpppd");
	if (nl_proto_insts_init(l->protos, false, l, NULL, cfg) < 0) {
		nl_transport_close(&l->tr);
		free(l);
		return -ENOMEM;
	}
	*lp = l;
	return 0;
}

void nl_link_free(struct nl_link *l)
{
	if (!l)
		return;
	nl_timer_cancel(l->loop, &l->dead_timer);
	nl_ratelimit_flush(&l->log_rl);
	nl_proto_insts_fini(l->protos);
	memset(&l->peer_addrs, 0, sizeof(l->peer_addrs));
	explicit_bzero(l->mppe_send, sizeof(l->mppe_send));
	explicit_bzero(l->mppe_recv, sizeof(l->mppe_recv));
	nl_transport_close(&l->tr);
	free(l);
}

void nl_link_set_mppe_keys(struct nl_link *l, const uint8_t send[16], const uint8_t recv[16],
			   bool v1)
{
	l->mppe_v1 = v1;
	memcpy(l->mppe_send, send, sizeof(l->mppe_send));
	memcpy(l->mppe_recv, recv, sizeof(l->mppe_recv));
	l->mppe_keys = true;
}

void nl_link_start(struct nl_link *l)
{
	int i;

	for (i = 0; i < NL_PROTO_MAX; i++)
		l->protos[i].bundle = l->bundle;
	l->start_ms = nl_now_ms();
	l->hung_up = false;
	push_params(l);
	nl_link_set_phase(l, NL_PHASE_ESTABLISH);
	nl_proto_layer_up(l->protos, NL_LAYER_LINK);
}

struct nl_proto_inst *nl_link_proto(struct nl_link *l, const struct nl_proto *p)
{
	int i = nl_proto_index(p->number);
	struct nl_proto_inst *pi;

	if (i < 0)
		return NULL;
	pi = p->layer == NL_LAYER_NETWORK ? &l->bundle->protos[i] : &l->protos[i];
	return pi->state ? pi : NULL;
}

/* --- frames ---------------------------------------------------------------- */

void nl_link_send(struct nl_link *l, uint16_t proto, const uint8_t *p, size_t len)
{
	struct nl_dataplane *dp = &l->bundle->dp;

	if (nl_log_debug_enabled() || l->bundle->debug)
		nl_dump_packet(link_label(l), "sent", proto, p, len);
	if (l->attached && !l->hung_up)
		dp->ops->send(dp, l, proto, p, len);
}

void nl_link_dp_frame(struct nl_link *l, uint16_t proto, const uint8_t *p, size_t len)
{
	const struct nl_proto *pr;
	struct nl_proto_inst *pi;
	enum nl_phase need;

	if ((nl_log_debug_enabled() || l->bundle->debug) && proto >= 0x8000)
		nl_dump_packet(link_label(l), "rcvd", proto, p, len);
	if (proto == PPP_PROTO_LCP) {
		pi = nl_link_proto(l, &nl_proto_lcp);
		pi->proto->input(pi, p, len);
		return;
	}
	/* RFC 1661 3.4: only LCP until LCP is Opened. Data the bundle does
	 * not pass (its NCP is not up) is dropped, never rejected. */
	if (!nl_lcp_opened(nl_link_proto(l, &nl_proto_lcp)) ||
	    proto == PPP_PROTO_IP || proto == PPP_PROTO_IPV6) {
		l->rx_early++;
		return;
	}
	pr = nl_proto_find(proto);
	pi = pr ? nl_link_proto(l, pr) : NULL;
	if (!pi) {
		const char *name = ppp_proto_name(proto);

		l->rx_unknown_proto++;
		/* pppd's line; rejected every time, told a few times. */
		nl_log_ratelimited(&l->log_rl, LOG_INFO, "Unsupported protocol %s%s%s(0x%04x) received",
				   name ? "'" : "", name ? name : "", name ? "' " : "", proto);
		nl_lcp_protocol_reject(nl_link_proto(l, &nl_proto_lcp), proto, p, len);
		return;
	}
	need = pr->layer == NL_LAYER_NETWORK ? NL_PHASE_NETWORK : NL_PHASE_AUTHENTICATE;
	if (l->phase < need || l->phase == NL_PHASE_TERMINATE) {
		l->rx_early++;
		return;
	}
	pr->input(pi, p, len);
}

void nl_link_dp_down(struct nl_link *l)
{
	if (l->hung_up || l->phase == NL_PHASE_DEAD)
		return;
	l->hung_up = true;
	nl_notice("Modem hangup");
	nl_link_set_status(l, NL_EXIT_HANGUP);
	nl_proto_layer_down(l->protos, NL_LAYER_LINK);
	nl_link_lcp_finished(l);
}

/* --- phases ---------------------------------------------------------------- */

void nl_link_set_status(struct nl_link *l, int status)
{
	nl_bundle_set_status(l->bundle, status);
}

static void schedule_dead(struct nl_link *l)
{
	if (l->dying)
		return;
	l->dying = true;
	/* Let the event loop unwind first: we may be deep in the automaton. */
	nl_timer_arm(l->loop, &l->dead_timer, 0);
}

void nl_link_close(struct nl_link *l, const char *reason, int status)
{
	struct nl_proto_inst *lcp = nl_link_proto(l, &nl_proto_lcp);

	nl_link_set_status(l, status);
	if (l->phase == NL_PHASE_DEAD) {
		schedule_dead(l);
		return;
	}
	nl_link_set_phase(l, NL_PHASE_TERMINATE);
	lcp->proto->close(lcp, reason);
	/* Nothing to wait for (no Terminate-Ack to come): done now. */
	if (!lcp->proto->active(lcp))
		nl_link_lcp_finished(l);
}

static void run_auth_script(struct nl_link *l, const char *name)
{
	char speed[16];
	const char *user = l->cfg->user[0] ? l->cfg->user : l->our_name;
	const char *args[] = { l->bundle->dp.ifname, l->peer_name, user,
			       l->tr.devname, speed, NULL };

	snprintf(speed, sizeof(speed), "%u", l->cfg->speed);
	nl_script_run(l->bundle, name, args, NULL);
}

static void check_auth_done(struct nl_link *l)
{
	bool peer_ok = !l->auth_peer.proto || l->auth_peer.done;
	bool ours_ok = !l->auth_ours.proto || l->auth_ours.done;

	if (!peer_ok || !ours_ok || l->phase != NL_PHASE_AUTHENTICATE)
		return;
	if (l->auth_peer.proto)
		run_auth_script(l, "auth-up");
	nl_link_set_phase(l, NL_PHASE_NETWORK);
	nl_bundle_link_up(l->bundle, l);
}

void nl_link_lcp_up(struct nl_link *l, const struct nl_lcp_result *r)
{
	l->lp = r->lp;
	push_params(l);
	nl_link_event(l, "up", "protocol", "lcp");
	if (r->auth_required) {
		nl_err("peer refused to authenticate: terminating link");
		nl_link_close(l, "peer refused to authenticate", NL_EXIT_PEER_AUTH_FAILED);
		return;
	}
	memset(&l->auth_peer, 0, sizeof(l->auth_peer));
	memset(&l->auth_ours, 0, sizeof(l->auth_ours));
	l->peer_name[0] = 0;
	l->peer_addrs_valid = false;
	l->auth_peer.proto = r->auth_peer;
	l->auth_ours.proto = r->auth_ours;
	l->auth_peer.chap_alg = r->chap_alg_peer;
	l->auth_ours.chap_alg = r->chap_alg_ours;
	nl_link_set_phase(l, NL_PHASE_AUTHENTICATE);
	nl_proto_layer_up(l->protos, NL_LAYER_AUTH);
	check_auth_done(l);
}

void nl_link_lcp_down(struct nl_link *l)
{
	bool was_up = l->auth_peer.done;

	nl_link_event(l, "down", "protocol", "lcp");
	nl_proto_layer_down(l->protos, NL_LAYER_AUTH);
	if (was_up)
		run_auth_script(l, "auth-down");
	l->auth_peer.done = l->auth_ours.done = false;
	l->auth_peer.proto = l->auth_ours.proto = 0;
	memset(&l->peer_addrs, 0, sizeof(l->peer_addrs));
	l->peer_addrs_valid = false;
	nl_bundle_link_down(l->bundle, l);
	default_params(l);
	push_params(l);
	if (l->phase != NL_PHASE_DEAD && l->phase != NL_PHASE_TERMINATE)
		nl_link_set_phase(l, NL_PHASE_ESTABLISH);
}

void nl_link_lcp_finished(struct nl_link *l)
{
	if (l->phase == NL_PHASE_DEAD && l->dying)
		return;
	nl_link_set_phase(l, NL_PHASE_DEAD);
	schedule_dead(l);
}

void nl_link_proto_rejected(struct nl_link *l, uint16_t proto)
{
	const struct nl_proto *pr = nl_proto_find(proto);
	struct nl_proto_inst *pi = pr ? nl_link_proto(l, pr) : NULL;

	if (pi && pr->rejected)
		pr->rejected(pi);
}

static const char *auth_label(uint16_t proto)
{
	return proto == PPP_PROTO_PAP ? "PAP" : "CHAP";
}

void nl_link_auth_done(struct nl_link *l, bool peer, bool ok, const char *name,
		       const struct nl_secret *sec)
{
	struct nl_auth_state *a = peer ? &l->auth_peer : &l->auth_ours;
	struct json_object *ev;

	if (nl_registry_has_listeners(l->bundle->reg)) {
		ev = json_object_new_object();
		json_object_object_add(ev, "event", json_object_new_string("auth"));
		json_object_object_add(ev, "ifname", json_object_new_string(link_label(l)));
		json_object_object_add(ev, "direction", json_object_new_string(peer ? "peer" : "ours"));
		json_object_object_add(ev, "protocol", json_object_new_string(
					       nl_auth_method_name(a->proto, a->chap_alg)));
		json_object_object_add(ev, "result", json_object_new_string(ok ? "success" : "failure"));
		json_object_object_add(ev, "peer_name", json_object_new_string(
					       peer && name ? name : l->peer_name));
		nl_registry_event(l->bundle->reg, ev);
	}
	if (!ok) {
		a->failed = true;
		if (peer) {
			nl_link_close(l, "Authentication failed", NL_EXIT_PEER_AUTH_FAILED);
		} else {
			nl_err("%s authentication failed", auth_label(a->proto));
			nl_link_close(l, "Failed to authenticate ourselves to peer",
				      NL_EXIT_AUTH_TOPEER_FAILED);
		}
		return;
	}
	if (a->done)
		return;
	a->done = true;
	if (peer) {
		snprintf(l->peer_name, sizeof(l->peer_name), "%s", name ? name : "");
		if (sec) {
			l->peer_addrs = sec->a;
			l->peer_addrs_valid = true;
		}
		nl_notice("%s peer authentication succeeded for %s",
			  auth_label(a->proto), l->peer_name);
	} else {
		nl_notice("%s authentication succeeded", auth_label(a->proto));
	}
	check_auth_done(l);
}

/* --- status ---------------------------------------------------------------- */

static const char *framing_name(enum nl_framing f)
{
	return f == NL_FRAMING_SYNC ? "sync" : f == NL_FRAMING_NONE ? "none" : "async";
}

static struct json_object *dir_json(uint32_t accm, bool acfc, bool pfc, unsigned int mru)
{
	struct json_object *o = json_object_new_object();
	char buf[16];

	snprintf(buf, sizeof(buf), "0x%08x", accm);
	json_object_object_add(o, "accm", json_object_new_string(buf));
	json_object_object_add(o, "acfc", json_object_new_boolean(acfc));
	json_object_object_add(o, "pfc", json_object_new_boolean(pfc));
	json_object_object_add(o, "mru", json_object_new_int(mru));
	return o;
}

struct json_object *nl_link_status(struct nl_link *l)
{
	struct json_object *o = json_object_new_object();
	json_object_object_add(o, "link_id", json_object_new_int64(l->id));
	json_object_object_add(o, "device", json_object_new_string(l->tr.devname));
	json_object_object_add(o, "transport", json_object_new_string(nl_transport_kind_name(&l->tr)));
	if (l->tr.peer[0])
		json_object_object_add(o, "transport_peer", json_object_new_string(l->tr.peer));
	json_object_object_add(o, "framing", json_object_new_string(framing_name(l->lp.framing)));
	json_object_object_add(o, "phase", json_object_new_string(nl_phase_name(l->phase)));
	json_object_object_add(o, "uptime_s", json_object_new_int64(
				       l->start_ms ? (int64_t)(nl_now_ms() - l->start_ms) / 1000 : 0));
	/* Received: what we asked the peer to escape, whether it compresses
	 * (it may only if we allowed), the MRU we announced. */
	json_object_object_add(o, "tx", dir_json(l->lp.tx_map[0], l->lp.tx_acfc, l->lp.tx_pfc,
						 l->lp.peer_mru));
	json_object_object_add(o, "rx", dir_json(l->lp.rx_accm, l->lp.rx_acfc, l->lp.rx_pfc,
						 l->lp.mru));
	return o;
}
