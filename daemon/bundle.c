// SPDX-License-Identifier: GPL-2.0
/*
 * The bundle: its interface on the data plane, the network phase, and
 * what Opened NCPs configure (addresses, MTU, routes, DNS, scripts) and
 * take down again.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libppp/ipcp.h"
#include "libppp/ppp.h"

#include "bundle.h"
#include "config.h"
#include "log.h"
#include "registry.h"
#include "rtnl.h"
#include "script.h"

static const char *ip4str(uint32_t a, char *buf)
{
	struct in_addr in = { .s_addr = htonl(a) };

	return inet_ntop(AF_INET, &in, buf, INET_ADDRSTRLEN);
}

static const char *ll6str(uint64_t id, char *buf)
{
	struct in6_addr a;
	int i;

	memset(&a, 0, sizeof(a));
	a.s6_addr[0] = 0xfe;
	a.s6_addr[1] = 0x80;
	for (i = 0; i < 8; i++)
		a.s6_addr[8 + i] = id >> (56 - 8 * i);
	return inet_ntop(AF_INET6, &a, buf, INET6_ADDRSTRLEN);
}

void nl_bundle_event(struct nl_bundle *b, const char *event, const char *key,
		     const char *value)
{
	struct json_object *ev;

	if (!nl_registry_has_listeners(b->reg))
		return;
	ev = json_object_new_object();
	json_object_object_add(ev, "event", json_object_new_string(event));
	json_object_object_add(ev, "ifname", json_object_new_string(b->dp.ifname));
	if (key)
		json_object_object_add(ev, key, json_object_new_string(value));
	nl_registry_event(b->reg, ev);
}

static void idle_check(void *ctx);
static void maxconnect_fn(void *ctx);

int nl_bundle_new(struct nl_bundle **bp, struct nl_registry *reg,
		  const struct nl_config *cfg, const struct nl_bundle_owner *owner,
		  void *owner_ctx)
{
	struct nl_bundle *b = calloc(1, sizeof(*b));

	*bp = NULL;
	if (!b)
		return -ENOMEM;
	b->reg = reg;
	b->loop = reg->loop;
	b->cfg = cfg;
	b->owner = owner;
	b->owner_ctx = owner_ctx;
	b->exit_status = -1;
	b->dp.fd = -1;
	nl_timer_init(&b->idle_timer, idle_check, b);
	nl_timer_init(&b->maxconnect_timer, maxconnect_fn, b);
	if (nl_proto_insts_init(b->protos, true, NULL, b, cfg) < 0) {
		free(b);
		return -ENOMEM;
	}
	*bp = b;
	return 0;
}

void nl_bundle_free(struct nl_bundle *b)
{
	if (!b)
		return;
	while (b->links) {
		struct nl_link *l = b->links;

		b->links = l->next;
		nl_link_free(l);
	}
	nl_timer_cancel(b->loop, &b->idle_timer);
	nl_timer_cancel(b->loop, &b->maxconnect_timer);
	nl_proto_insts_fini(b->protos);
	if (b->dp.ops)
		b->dp.ops->destroy(&b->dp);
	nl_registry_remove(b->reg, b);
	nl_script_detach(b);
	free(b);
}

int nl_bundle_start(struct nl_bundle *b, struct nl_link *l)
{
	struct nl_dataplane *dp = &b->dp;
	int err;

	err = nl_dataplane_open(dp, b->reg, b->cfg,
				l->tr.is_tty || l->tr.kind == NL_TRANSPORT_PPPOE,
				l->tr.kind == NL_TRANSPORT_PPPOE);
	if (err < 0) {
		nl_bundle_set_status(b, NL_EXIT_NO_KERNEL_SUPPORT);
		return err;
	}
	l->bundle = b;
	l->id = nl_registry_next_link_id(b->reg);
	err = dp->ops->link_attach(dp, l);
	if (err < 0) {
		nl_bundle_set_status(b, NL_EXIT_FATAL_ERROR);
		dp->ops->destroy(dp);
		dp->ops = NULL;
		l->bundle = NULL;
		return err;
	}
	l->attached = true;
	l->next = b->links;
	b->links = l;
	b->nlinks++;
	nl_registry_add(b->reg, b);
	b->start_ms = nl_now_ms();
	nl_info("Using interface %s (%s data plane%s)", dp->ifname, dp->ops->name,
		l->lp.framing == NL_FRAMING_SYNC ? ", sync framing" : "");
	nl_notice("Connect: %s <--> %s", dp->ifname, l->tr.devname);
	nl_link_start(l);
	return 0;
}

struct nl_link *nl_bundle_first_link(const struct nl_bundle *b)
{
	return b->links;
}

void nl_bundle_set_status(struct nl_bundle *b, int status)
{
	if (b->exit_status < 0)
		b->exit_status = status;
}

int nl_bundle_status_code(const struct nl_bundle *b)
{
	return b->exit_status < 0 ? NL_EXIT_OK : b->exit_status;
}

void nl_bundle_close(struct nl_bundle *b, const char *reason, int status)
{
	struct nl_link *l, *next;

	nl_bundle_set_status(b, status);
	for (l = b->links; l; l = next) {
		next = l->next;
		nl_link_close(l, reason, status);
	}
}

void nl_bundle_hangup(struct nl_bundle *b)
{
	nl_bundle_close(b, "User request", NL_EXIT_HANGUP);
}

/* --- counters -------------------------------------------------------------- */

/* The bundle's CCP instance, or NULL when CCP is not running on it. */
static struct nl_proto_inst *ccp_inst(struct nl_bundle *b)
{
	int i = nl_proto_index(PPP_PROTO_CCP);

	return i >= 0 && b->protos[i].state ? &b->protos[i] : NULL;
}

void nl_bundle_dp_ccp_error(struct nl_bundle *b)
{
	struct nl_proto_inst *pi = ccp_inst(b);

	if (pi)
		nl_ccp_decomp_error(pi);
}

void nl_bundle_ccp_renegotiate(struct nl_bundle *b)
{
	struct nl_proto_inst *pi = ccp_inst(b);

	if (pi)
		nl_ccp_renegotiate(pi);
}

void nl_bundle_stats(struct nl_bundle *b, struct nl_link *l, struct nl_dp_stats *st)
{
	if (!b->dp.ops || b->dp.ops->stats(&b->dp, l, st) < 0)
		*st = b->final;
}

static void log_counters(struct nl_bundle *b, struct nl_link *l)
{
	struct nl_dp_stats k;
	bool kernel = b->dp.ops == &nl_dp_kernel_ops;

	nl_bundle_stats(b, l, &k);
	nl_info("link counters%s: tx %llu frames %llu bytes, rx %llu frames %llu bytes, "
		"%llu fcs errors, %llu runts, %llu oversize, %llu aborts, "
		"%llu rx dropped, %llu tx dropped, %llu queue drops, %llu unknown protocol",
		kernel ? " (kernel)" : "",
		(unsigned long long)k.tx_frames, (unsigned long long)k.tx_frame_bytes,
		(unsigned long long)k.rx_frames, (unsigned long long)k.rx_frame_bytes,
		(unsigned long long)k.rx_fcs_errors, (unsigned long long)k.rx_frame_errors,
		(unsigned long long)k.rx_overruns, (unsigned long long)k.rx_aborts,
		(unsigned long long)k.rx_dropped, (unsigned long long)k.tx_dropped,
		(unsigned long long)k.tx_queue_drops,
		(unsigned long long)l->rx_unknown_proto);
}

/* --- links ------------------------------------------------------------------ */

void nl_bundle_link_up(struct nl_bundle *b, struct nl_link *l)
{
	int i;
	bool any = false;

	if (b->network)
		return;
	b->network = true;
	for (i = 0; i < NL_PROTO_MAX; i++)
		any |= b->protos[i].state != NULL;
	if (!any) {
		nl_err("No network protocols enabled (noip without +ipv6)");
		nl_bundle_close(b, "No network protocols running", NL_EXIT_OPTION_ERROR);
		return;
	}
	nl_proto_layer_up(b->protos, NL_LAYER_NETWORK);
}

static void timers_stop(struct nl_bundle *b)
{
	nl_timer_cancel(b->loop, &b->idle_timer);
	nl_timer_cancel(b->loop, &b->maxconnect_timer);
}

void nl_bundle_link_down(struct nl_bundle *b, struct nl_link *l)
{
	struct nl_link *o;

	for (o = b->links; o; o = o->next)
		if (o != l && o->phase >= NL_PHASE_NETWORK && o->phase != NL_PHASE_TERMINATE)
			return;	/* another link carries the network */
	if (!b->network)
		return;
	b->network = false;
	nl_proto_layer_down(b->protos, NL_LAYER_NETWORK);
	timers_stop(b);
	if (b->if_up)
		nl_rtnl_link_set(nl_registry_rtnl(b->reg), b->dp.ifindex, false, 0);
	b->if_up = false;
}

/* Why a link ended, for nlpppctl monitor: pppd's exit status and a word. */
static void link_down_event(struct nl_bundle *b, struct nl_link *l)
{
	struct json_object *ev;

	if (!nl_registry_has_listeners(b->reg))
		return;
	ev = json_object_new_object();
	json_object_object_add(ev, "event", json_object_new_string("link_down"));
	json_object_object_add(ev, "ifname", json_object_new_string(b->dp.ifname));
	json_object_object_add(ev, "link_id", json_object_new_int64(l->id));
	json_object_object_add(ev, "reason", json_object_new_string(
				       l->hung_up ? "hangup" : "terminated"));
	json_object_object_add(ev, "exit_status",
			       json_object_new_int(nl_bundle_status_code(b)));
	nl_registry_event(b->reg, ev);
}

void nl_bundle_link_dead(struct nl_bundle *b, struct nl_link *l)
{
	struct nl_link **pp;

	nl_bundle_link_down(b, l);
	nl_proto_layer_down(l->protos, NL_LAYER_AUTH);
	if (l->attached) {
		if (!b->links->next) {
			nl_info("Connection terminated.");
			log_counters(b, l);
			nl_bundle_stats(b, l, &b->final);
		}
		b->dp.ops->link_detach(&b->dp, l);
		l->attached = false;
	}
	for (pp = &b->links; *pp; pp = &(*pp)->next) {
		if (*pp == l) {
			*pp = l->next;
			b->nlinks--;
			break;
		}
	}
	link_down_event(b, l);
	nl_link_free(l);
	if (b->links || b->dead_reported)
		return;
	b->dead_reported = true;
	b->dp.ops->destroy(&b->dp);
	b->dp.ops = NULL;
	nl_registry_remove(b->reg, b);
	if (b->owner && b->owner->dead)
		b->owner->dead(b);
}

void nl_bundle_send(struct nl_bundle *b, uint16_t proto, const uint8_t *p, size_t len)
{
	struct nl_link *l;

	for (l = b->links; l; l = l->next) {
		if (l->phase >= NL_PHASE_NETWORK && l->phase != NL_PHASE_TERMINATE) {
			nl_link_send(l, proto, p, len);
			return;
		}
	}
}

/* --- the network phase ------------------------------------------------------ */

uint32_t nl_bundle_remote_hint(const struct nl_bundle *b)
{
	const struct nl_link *l = b->links;
	unsigned int i;

	/* A single address in the peer's secrets entry names its address. */
	if (l && l->peer_addrs_valid) {
		for (i = 0; i < l->peer_addrs.naddrs; i++) {
			const struct nl_secret_addr *a = &l->peer_addrs.addrs[i];

			if (!a->any && !a->negate && a->prefix == 32)
				return ntohl(a->addr.s_addr);
		}
	}
	return b->pool_remote;
}

bool nl_bundle_peer_addr_allowed(const struct nl_bundle *b, uint32_t addr)
{
	const struct nl_link *l = b->links;
	struct in_addr a = { .s_addr = htonl(addr) };

	if (!l || !l->peer_addrs_valid)
		return true;
	/* The pool's own address is the server's choice, not the peer's. */
	if (b->pool_remote && addr == b->pool_remote)
		return true;
	return nl_secret_addrs_allowed(&l->peer_addrs, a);
}

unsigned int nl_bundle_mtu(unsigned int peer_mru, unsigned int cfg_mtu,
			   unsigned int transport_mtu, bool mppe)
{
	unsigned int mtu = peer_mru;

	if (cfg_mtu && cfg_mtu < mtu)
		mtu = cfg_mtu;
	/* Nor more than the transport carries (PPPoE), whatever the peer's MRU. */
	if (transport_mtu && transport_mtu < mtu)
		mtu = transport_mtu;
	/* A peer may offer any MRU up to 65535 and is acked (RFC 1661 6.1, as
	 * pppd does), but neither plane carries a packet past PPP_MRU_MAX: the
	 * MTU stops there, as pppd's does at its own maximum. */
	if (mtu > PPP_MRU_MAX)
		mtu = PPP_MRU_MAX;
	/* MPPE's header and the protocol field it encrypts must fit the peer's
	 * MRU too (pppd lowers the MTU by the same 4 bytes). */
	if (mppe && mtu > 4 + 128)
		mtu -= 4;
	return mtu;
}

static unsigned int link_mtu(struct nl_bundle *b)
{
	return nl_bundle_mtu(b->links ? b->links->lp.peer_mru : PPP_MRU_DEFAULT, b->cfg->mtu,
			     b->links ? b->links->tr.mtu : 0, b->cfg->mppe_keys);
}

static void set_running(struct nl_bundle *b)
{
	struct nl_link *l;

	for (l = b->links; l; l = l->next)
		if (l->phase == NL_PHASE_NETWORK)
			nl_link_set_phase(l, NL_PHASE_RUNNING);
}

static void timers_start(struct nl_bundle *b)
{
	if (b->idle_timer.armed || b->maxconnect_timer.armed)
		return;
	b->idle_last_packets = 0;
	b->idle_since = nl_now_ms();
	if (b->cfg->idle)
		nl_timer_arm(b->loop, &b->idle_timer, (uint64_t)b->cfg->idle * 1000);
	if (b->cfg->maxconnect)
		nl_timer_arm(b->loop, &b->maxconnect_timer, (uint64_t)b->cfg->maxconnect * 1000);
}

/* ip-up, ip-down, ipv6-up, ipv6-down: pppd's six arguments. */
static void run_updown(struct nl_bundle *b, const char *script, const char *local,
		       const char *remote, const char *const *env)
{
	char speed[16];
	const char *args[] = { b->dp.ifname, b->links ? b->links->tr.devname : "",
			       speed, local, remote, b->cfg->ipparam, NULL };

	snprintf(speed, sizeof(speed), "%u", b->cfg->speed);
	nl_script_run(b, script, args, env);
}

static int if_up(struct nl_bundle *b)
{
	struct nl_rtnl *rt = nl_registry_rtnl(b->reg);

	if (!rt)
		return -EIO;
	/*
	 * A PPPoE session's TUN: its frames queue in the Ethernet device's
	 * qdisc, as the kernel plane's pppN (NLPPP_F_NOQUEUE) does. Not
	 * fatal: the session only costs more memory.
	 */
	if (b->dp.noqueue && b->dp.ops == &nl_dp_user_ops && !b->qdisc_set) {
		nl_rtnl_qdisc_noqueue(rt, b->dp.ifindex);
		b->qdisc_set = true;
	}
	if (nl_rtnl_link_set(rt, b->dp.ifindex, true, link_mtu(b)) < 0)
		return -EIO;
	b->if_up = true;
	return 0;
}

/*
 * The addresses IPCP settled on may be used (pppd's auth_ip_addr and
 * bad_ip_adrs), whoever chose them: not 0/8, loopback, multicast, class E
 * or broadcast; the peer's not an address of this host (that would take
 * over the host's route to it) and its secrets entry allows it. Otherwise
 * one line and the link closes: exit status 11.
 */
static int ipv4_addrs_refused(struct nl_bundle *b, uint32_t local, uint32_t remote)
{
	struct nl_rtnl *rt = nl_registry_rtnl(b->reg);
	struct in_addr rin = { .s_addr = htonl(remote) };
	char a[INET_ADDRSTRLEN];
	const char *why;
	int own = 0;

	why = ppp_ipv4_addr_unusable(remote);
	if (!why && remote != local)
		own = rt ? nl_rtnl_addr4_is_local(rt, rin) : -ENOTCONN;
	if (!why && (remote == local || own > 0))
		why = "an address of this host";
	else if (!why && own < 0)
		why = "this host's addresses could not be checked";
	if (why || !nl_bundle_peer_addr_allowed(b, remote)) {
		nl_err("Peer is not authorized to use remote address %s%s%s%s",
		       ip4str(remote, a), why ? " (" : "", why ? why : "", why ? ")" : "");
		nl_bundle_close(b, "Unauthorized remote IP address", NL_EXIT_PEER_AUTH_FAILED);
		return -EPERM;
	}
	why = ppp_ipv4_addr_unusable(local);
	if (why) {
		nl_err("Refusing local address %s (%s)", ip4str(local, a), why);
		nl_bundle_close(b, "Unusable local IP address", NL_EXIT_PEER_AUTH_FAILED);
		return -EPERM;
	}
	return 0;
}

int nl_bundle_ipv4_up(struct nl_bundle *b, uint32_t local, uint32_t remote,
		      uint32_t dns1, uint32_t dns2)
{
	const struct nl_config *c = b->cfg;
	char l[INET_ADDRSTRLEN], r[INET_ADDRSTRLEN], d[INET_ADDRSTRLEN];
	char e_local[64], e_remote[64], e_dns1[64], e_dns2[64];
	struct in_addr lin = { .s_addr = htonl(local) }, rin = { .s_addr = htonl(remote) };
	const char *env[6];
	int k = 0;

	if (ipv4_addrs_refused(b, local, remote) < 0)
		return -EPERM;
	b->local_ip = local;
	b->remote_ip = remote;
	nl_notice("local  IP address %s", ip4str(local, l));
	nl_notice("remote IP address %s", ip4str(remote, r));
	if (dns1)
		nl_notice("primary   DNS address %s", ip4str(dns1, d));
	if (dns2)
		nl_notice("secondary DNS address %s", ip4str(dns2, d));

	if (if_up(b) < 0 ||
	    nl_rtnl_addr4(nl_registry_rtnl(b->reg), b->dp.ifindex, lin, rin, true) < 0) {
		nl_bundle_close(b, "Could not configure the interface", NL_EXIT_FATAL_ERROR);
		return -EIO;
	}
	b->addr4_added = true;
	b->dp.ops->set_np(&b->dp, PPP_PROTO_IP, true);
	/* replacedefaultroute only changes what defaultroute does (pppd). */
	if (c->defaultroute) {
		int err = nl_rtnl_default_route_add(nl_registry_rtnl(b->reg), b->dp.ifindex,
						    c->replacedefaultroute, &b->saved_route);
		if (err == -EEXIST)
			nl_warn("not replacing existing default route (use replacedefaultroute)");
		else if (err == 0)
			b->route_added = true;
	}
	if (c->usepeerdns && (dns1 || dns2))
		nl_resolv_write(b, dns1, dns2);

	b->ip_up = true;
	timers_start(b);
	set_running(b);
	nl_bundle_event(b, "up", "protocol", "ipcp");

	snprintf(e_local, sizeof(e_local), "IPLOCAL=%s", l);
	snprintf(e_remote, sizeof(e_remote), "IPREMOTE=%s", r);
	env[k++] = e_local;
	env[k++] = e_remote;
	if (c->usepeerdns && dns1) {
		snprintf(e_dns1, sizeof(e_dns1), "DNS1=%s", ip4str(dns1, d));
		env[k++] = e_dns1;
	}
	if (c->usepeerdns && dns2) {
		snprintf(e_dns2, sizeof(e_dns2), "DNS2=%s", ip4str(dns2, d));
		env[k++] = e_dns2;
	}
	if (c->usepeerdns)
		env[k++] = "USEPEERDNS=1";
	env[k] = NULL;
	run_updown(b, "ip-up", l, r, env);
	if (b->owner && b->owner->network_up)
		b->owner->network_up(b);
	return 0;
}

/* pppd's end-of-link summary, from the data plane's interface counters. */
static void log_summary(struct nl_bundle *b)
{
	struct nl_dp_stats st;

	nl_bundle_stats(b, b->links, &st);
	nl_notice("Connect time %.1f minutes.",
		  (double)(nl_now_ms() - b->idle_since) / 60000.0);
	nl_notice("Sent %llu bytes, received %llu bytes.",
		  (unsigned long long)st.tx_bytes, (unsigned long long)st.rx_bytes);
}

void nl_bundle_ipv4_down(struct nl_bundle *b)
{
	char l[INET_ADDRSTRLEN], r[INET_ADDRSTRLEN];
	char e_local[64], e_remote[64];
	const char *env[] = { e_local, e_remote, NULL };
	struct nl_rtnl *rt = nl_registry_rtnl(b->reg);

	if (!b->ip_up)
		return;
	b->ip_up = false;
	nl_bundle_event(b, "down", "protocol", "ipcp");
	if (b->dp.ops)
		b->dp.ops->set_np(&b->dp, PPP_PROTO_IP, false);
	ip4str(b->local_ip, l);
	ip4str(b->remote_ip, r);
	snprintf(e_local, sizeof(e_local), "IPLOCAL=%s", l);
	snprintf(e_remote, sizeof(e_remote), "IPREMOTE=%s", r);
	run_updown(b, "ip-down", l, r, env);

	if (b->route_added) {
		nl_rtnl_default_route_del(rt, b->dp.ifindex, &b->saved_route);
		b->route_added = false;
		memset(&b->saved_route, 0, sizeof(b->saved_route));
	}
	if (b->addr4_added) {
		struct in_addr lin = { .s_addr = htonl(b->local_ip) };
		struct in_addr rin = { .s_addr = htonl(b->remote_ip) };

		nl_rtnl_addr4(rt, b->dp.ifindex, lin, rin, false);
		b->addr4_added = false;
	}
	nl_resolv_restore(b);
	if (!b->ipv6_up) {
		timers_stop(b);
		log_summary(b);
	}
}

int nl_bundle_ipv6_up(struct nl_bundle *b, uint64_t local_id, uint64_t remote_id)
{
	char l[INET6_ADDRSTRLEN], r[INET6_ADDRSTRLEN];
	char e_l[80], e_r[80];
	const char *env[] = { e_l, e_r, NULL };

	nl_notice("local  LL address %s", ll6str(local_id, l));
	nl_notice("remote LL address %s", ll6str(remote_id, r));
	if (if_up(b) < 0 ||
	    nl_rtnl_addr6_ll(nl_registry_rtnl(b->reg), b->dp.ifindex, local_id,
			     remote_id, true) < 0)
		return -EIO;
	b->addr6_added = true;
	b->ipv6_local = local_id;
	b->ipv6_remote = remote_id;
	b->dp.ops->set_np(&b->dp, PPP_PROTO_IPV6, true);
	b->ipv6_up = true;
	timers_start(b);
	set_running(b);
	nl_bundle_event(b, "up", "protocol", "ipv6cp");
	snprintf(e_l, sizeof(e_l), "LLLOCAL=%s", l);
	snprintf(e_r, sizeof(e_r), "LLREMOTE=%s", r);
	run_updown(b, "ipv6-up", l, r, env);
	if (b->owner && b->owner->network_up)
		b->owner->network_up(b);
	return 0;
}

void nl_bundle_ipv6_down(struct nl_bundle *b)
{
	char l[INET6_ADDRSTRLEN], r[INET6_ADDRSTRLEN];
	char e_l[80], e_r[80];
	const char *env[] = { e_l, e_r, NULL };

	if (!b->ipv6_up)
		return;
	b->ipv6_up = false;
	nl_bundle_event(b, "down", "protocol", "ipv6cp");
	if (b->dp.ops)
		b->dp.ops->set_np(&b->dp, PPP_PROTO_IPV6, false);
	ll6str(b->ipv6_local, l);
	ll6str(b->ipv6_remote, r);
	snprintf(e_l, sizeof(e_l), "LLLOCAL=%s", l);
	snprintf(e_r, sizeof(e_r), "LLREMOTE=%s", r);
	run_updown(b, "ipv6-down", l, r, env);
	if (b->addr6_added) {
		nl_rtnl_addr6_ll(nl_registry_rtnl(b->reg), b->dp.ifindex, b->ipv6_local,
				 b->ipv6_remote, false);
		b->addr6_added = false;
	}
	if (!b->ip_up) {
		timers_stop(b);
		log_summary(b);
	}
}

void nl_bundle_ncp_finished(struct nl_bundle *b)
{
	int i;

	for (i = 0; i < NL_PROTO_MAX; i++) {
		const struct nl_proto_inst *pi = &b->protos[i];

		if (pi->state && pi->proto->active && pi->proto->active(pi))
			return;
	}
	/* RFC 1661 leaves it to us; pppd closes the link with no NCP left. */
	if (b->network) {
		nl_notice("No network protocols running");
		nl_bundle_close(b, "No network protocols running", NL_EXIT_NEGOTIATION_FAILED);
	}
}

/* --- idle and maxconnect ----------------------------------------------------- */

static void idle_check(void *ctx)
{
	struct nl_bundle *b = ctx;
	uint64_t idle_ms = (uint64_t)b->cfg->idle * 1000, now = nl_now_ms();
	struct nl_dp_stats st;
	uint64_t seen;

	nl_bundle_stats(b, NULL, &st);
	seen = st.tx_packets + st.rx_packets;
	if (seen != b->idle_last_packets) {
		b->idle_last_packets = seen;
		b->idle_last_active = now;
	}
	if (!b->idle_last_active)
		b->idle_last_active = b->idle_since;
	if (now - b->idle_last_active >= idle_ms) {
		nl_notice("Terminating connection due to lack of activity.");
		nl_bundle_close(b, "Link inactive", NL_EXIT_IDLE_TIMEOUT);
		return;
	}
	nl_timer_arm(b->loop, &b->idle_timer, idle_ms - (now - b->idle_last_active));
}

static void maxconnect_fn(void *ctx)
{
	struct nl_bundle *b = ctx;

	nl_notice("Connect time expired");
	nl_bundle_close(b, "Connect time expired", NL_EXIT_CONNECT_TIME);
}

/* --- status ------------------------------------------------------------------- */

struct json_object *nl_bundle_status(struct nl_bundle *b)
{
	struct json_object *o = json_object_new_object(), *links = json_object_new_array();
	struct nl_link *l;

	for (l = b->links; l; l = l->next)
		json_object_array_add(links, json_object_new_int64(l->id));
	json_object_object_add(o, "bundle_id", json_object_new_int64(b->id));
	json_object_object_add(o, "ifname", json_object_new_string(b->dp.ifname));
	json_object_object_add(o, "ifindex", json_object_new_int(b->dp.ifindex));
	json_object_object_add(o, "dataplane", json_object_new_string(
				       b->dp.ops ? b->dp.ops->name : "none"));
	json_object_object_add(o, "phase", json_object_new_string(
				       nl_phase_name(b->links ? b->links->phase : NL_PHASE_DEAD)));
	json_object_object_add(o, "uptime_s", json_object_new_int64(
				       (int64_t)(nl_now_ms() - b->start_ms) / 1000));
	json_object_object_add(o, "links", links);
	return o;
}
