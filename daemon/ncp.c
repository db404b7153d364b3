// SPDX-License-Identifier: GPL-2.0
/*
 * IPCP and IPv6CP on the RFC 1661 automaton, and what their coming up and
 * going down does to the interface: addresses, MTU, routes, DNS, scripts.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>

#include "libppp/ppp.h"

#include "log.h"
#include "script.h"
#include "session.h"

static struct nl_session *fsm_session(struct ppp_fsm *f)
{
	return f->priv;
}

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

static unsigned int link_mtu(struct nl_session *s)
{
	unsigned int mtu = s->peer_mru;

	if (s->cfg->mtu && s->cfg->mtu < mtu)
		mtu = s->cfg->mtu;
	return mtu;
}

static int ensure_rtnl(struct nl_session *s)
{
	return s->rtnl ? 0 : nl_rtnl_open(&s->rtnl);
}

/* ip-up, ip-down, ipv6-up, ipv6-down: pppd's six arguments. */
static pid_t run_updown(struct nl_session *s, const char *script,
			const char *local, const char *remote,
			const char *const *env)
{
	char speed[16];
	const char *args[] = { s->dp.ifname, s->tr.devname, speed, local,
			       remote, s->cfg->ipparam, NULL };

	snprintf(speed, sizeof(speed), "%u", s->cfg->speed);
	return nl_script_run(s, script, args, env);
}

static void timers_start(struct nl_session *s);
static void timers_stop(struct nl_session *s);

/* --- IPCP ---------------------------------------------------------------- */

static void ipcp_up(struct ppp_fsm *f)
{
	struct nl_session *s = fsm_session(f);
	const struct nl_config *c = s->cfg;
	struct ppp_ipcp_neg *n = &s->ipcpn;
	char l[INET_ADDRSTRLEN], r[INET_ADDRSTRLEN], d1[INET_ADDRSTRLEN], d2[INET_ADDRSTRLEN];
	struct in_addr lin, rin;
	char e_local[64], e_remote[64], e_dns1[64], e_dns2[64];
	const char *env[6];
	int k = 0;

	s->local_ip = n->got.addr;
	s->remote_ip = n->his.addr ? n->his.addr : n->remote;
	if (!s->local_ip) {
		nl_err("Could not determine local IP address");
		nl_session_close(s, "Could not determine local IP address",
				 NL_EXIT_NEGOTIATION_FAILED);
		return;
	}
	if (!s->remote_ip) {
		nl_err("Could not determine remote IP address: defaulting to 10.64.64.64");
		s->remote_ip = 0x0a404040;
	}
	if (s->peer_secret_valid) {
		struct in_addr a = { .s_addr = htonl(s->remote_ip) };

		if (!nl_secret_addr_allowed(&s->peer_secret, a)) {
			nl_err("Peer is not authorized to use remote address %s",
			       ip4str(s->remote_ip, r));
			nl_session_close(s, "Unauthorized remote IP address",
					 NL_EXIT_PEER_AUTH_FAILED);
			return;
		}
	}

	nl_notice("local  IP address %s", ip4str(s->local_ip, l));
	nl_notice("remote IP address %s", ip4str(s->remote_ip, r));
	if (n->got.dns1)
		nl_notice("primary   DNS address %s", ip4str(n->got.dns1, d1));
	if (n->got.dns2)
		nl_notice("secondary DNS address %s", ip4str(n->got.dns2, d2));

	lin.s_addr = htonl(s->local_ip);
	rin.s_addr = htonl(s->remote_ip);
	if (ensure_rtnl(s) < 0 ||
	    nl_rtnl_link_set(s->rtnl, s->dp.ifindex, true, link_mtu(s)) < 0 ||
	    nl_rtnl_addr4(s->rtnl, s->dp.ifindex, lin, rin, true) < 0) {
		nl_session_close(s, "Could not configure the interface",
				 NL_EXIT_FATAL_ERROR);
		return;
	}
	s->addr4_added = true;
	s->dp_up = true;
	if (s->dp.ops->set_np)
		s->dp.ops->set_np(&s->dp, PPP_PROTO_IP, true);
	if (c->defaultroute || c->replacedefaultroute) {
		int err = nl_rtnl_default_route_add(s->rtnl, s->dp.ifindex,
						    c->replacedefaultroute,
						    &s->saved_route);
		if (err == -EEXIST)
			nl_warn("not replacing existing default route (use replacedefaultroute)");
		else if (err == 0)
			s->route_added = true;
	}
	if (c->usepeerdns && (n->got.dns1 || n->got.dns2))
		nl_resolv_write(s, n->got.dns1, n->got.dns2);

	s->ip_up = true;
	timers_start(s);
	nl_session_set_phase(s, NL_PHASE_RUNNING);

	snprintf(e_local, sizeof(e_local), "IPLOCAL=%s", l);
	snprintf(e_remote, sizeof(e_remote), "IPREMOTE=%s", r);
	env[k++] = e_local;
	env[k++] = e_remote;
	if (c->usepeerdns && n->got.dns1) {
		snprintf(e_dns1, sizeof(e_dns1), "DNS1=%s", ip4str(n->got.dns1, d1));
		env[k++] = e_dns1;
	}
	if (c->usepeerdns && n->got.dns2) {
		snprintf(e_dns2, sizeof(e_dns2), "DNS2=%s", ip4str(n->got.dns2, d2));
		env[k++] = e_dns2;
	}
	if (c->usepeerdns)
		env[k++] = "USEPEERDNS=1";
	env[k] = NULL;
	run_updown(s, "ip-up", l, r, env);
	if (s->owner && s->owner->network_up)
		s->owner->network_up(s);
}

static void ipcp_down(struct ppp_fsm *f)
{
	struct nl_session *s = fsm_session(f);
	char l[INET_ADDRSTRLEN], r[INET_ADDRSTRLEN];
	char e_local[64], e_remote[64];
	const char *env[] = { e_local, e_remote, NULL };

	if (!s->ip_up)
		return;
	s->ip_up = false;
	if (s->dp.ops && s->dp.ops->set_np)
		s->dp.ops->set_np(&s->dp, PPP_PROTO_IP, false);
	ip4str(s->local_ip, l);
	ip4str(s->remote_ip, r);
	snprintf(e_local, sizeof(e_local), "IPLOCAL=%s", l);
	snprintf(e_remote, sizeof(e_remote), "IPREMOTE=%s", r);
	run_updown(s, "ip-down", l, r, env);

	if (s->route_added) {
		nl_rtnl_default_route_del(s->rtnl, s->dp.ifindex, &s->saved_route);
		s->route_added = false;
		memset(&s->saved_route, 0, sizeof(s->saved_route));
	}
	if (s->addr4_added) {
		struct in_addr lin = { .s_addr = htonl(s->local_ip) };
		struct in_addr rin = { .s_addr = htonl(s->remote_ip) };

		nl_rtnl_addr4(s->rtnl, s->dp.ifindex, lin, rin, false);
		s->addr4_added = false;
	}
	nl_resolv_restore(s);
	if (!s->ipv6_up)
		timers_stop(s);
	nl_notice("Connect time %.1f minutes.",
		  (double)(nl_now_ms() - s->link_start) / 60000.0);
	nl_notice("Sent %llu bytes, received %llu bytes.",
		  (unsigned long long)s->ctr.tx_ip_bytes,
		  (unsigned long long)s->ctr.rx_ip_bytes);
}

/* --- IPv6CP ---------------------------------------------------------------- */

static void ipv6cp_up(struct ppp_fsm *f)
{
	struct nl_session *s = fsm_session(f);
	struct ppp_ipv6cp_neg *n = &s->ipv6cpn;
	char l[INET6_ADDRSTRLEN], r[INET6_ADDRSTRLEN];
	char e_l[80], e_r[80];
	const char *env[] = { e_l, e_r, NULL };
	uint64_t his = n->his ? n->his : n->remote;

	if (!n->got || !his) {
		nl_err("IPv6CP: could not determine interface identifiers");
		ppp_fsm_close(f, "No interface identifier");
		return;
	}
	nl_notice("local  LL address %s", ll6str(n->got, l));
	nl_notice("remote LL address %s", ll6str(his, r));
	if (ensure_rtnl(s) < 0 ||
	    nl_rtnl_link_set(s->rtnl, s->dp.ifindex, true, link_mtu(s)) < 0 ||
	    nl_rtnl_addr6_ll(s->rtnl, s->dp.ifindex, n->got, his, true) < 0) {
		ppp_fsm_close(f, "Could not configure IPv6");
		return;
	}
	s->addr6_added = true;
	s->ipv6_peer_id = his;
	s->dp_up = true;
	if (s->dp.ops->set_np)
		s->dp.ops->set_np(&s->dp, PPP_PROTO_IPV6, true);
	s->ipv6_up = true;
	timers_start(s);
	nl_session_set_phase(s, NL_PHASE_RUNNING);

	snprintf(e_l, sizeof(e_l), "LLLOCAL=%s", l);
	snprintf(e_r, sizeof(e_r), "LLREMOTE=%s", r);
	run_updown(s, "ipv6-up", l, r, env);
	if (s->owner && s->owner->network_up)
		s->owner->network_up(s);
}

static void ipv6cp_down(struct ppp_fsm *f)
{
	struct nl_session *s = fsm_session(f);
	char l[INET6_ADDRSTRLEN], r[INET6_ADDRSTRLEN];
	char e_l[80], e_r[80];
	const char *env[] = { e_l, e_r, NULL };

	if (!s->ipv6_up)
		return;
	s->ipv6_up = false;
	if (s->dp.ops && s->dp.ops->set_np)
		s->dp.ops->set_np(&s->dp, PPP_PROTO_IPV6, false);
	ll6str(s->ipv6cpn.got, l);
	ll6str(s->ipv6_peer_id, r);
	snprintf(e_l, sizeof(e_l), "LLLOCAL=%s", l);
	snprintf(e_r, sizeof(e_r), "LLREMOTE=%s", r);
	run_updown(s, "ipv6-down", l, r, env);
	if (s->addr6_added) {
		nl_rtnl_addr6_ll(s->rtnl, s->dp.ifindex, s->ipv6cpn.got,
				 s->ipv6_peer_id, false);
		s->addr6_added = false;
	}
	if (!s->ip_up)
		timers_stop(s);
}

/* --- shared FSM glue ------------------------------------------------------ */

static void ncp_finished(struct ppp_fsm *f)
{
	struct nl_session *s = fsm_session(f);
	bool ip_done = s->cfg->noip || s->ipcp.state <= PPP_FSM_STOPPED;
	bool ip6_done = !s->cfg->ipv6 || s->ipv6cp.state <= PPP_FSM_STOPPED;

	/* RFC 1661 leaves it to us; pppd closes the link with no NCP left. */
	if (ip_done && ip6_done && s->lcp.state == PPP_FSM_OPENED &&
	    s->phase >= NL_PHASE_NETWORK) {
		nl_notice("No network protocols running");
		nl_session_close(s, "No network protocols running",
				 NL_EXIT_NEGOTIATION_FAILED);
	}
}

#define NCP_WRAPPERS(pfx, neg)                                                   \
	static void pfx##_reset(struct ppp_fsm *f)                               \
	{                                                                        \
		ppp_##pfx##_reset(&fsm_session(f)->neg);                         \
	}                                                                        \
	static size_t pfx##_build_req(struct ppp_fsm *f, uint8_t *b, size_t c)   \
	{                                                                        \
		return ppp_##pfx##_build_req(&fsm_session(f)->neg, b, c);        \
	}                                                                        \
	static int pfx##_recv_ack(struct ppp_fsm *f, const uint8_t *p, size_t l) \
	{                                                                        \
		return ppp_##pfx##_recv_ack(&fsm_session(f)->neg, p, l);         \
	}                                                                        \
	static int pfx##_recv_nak(struct ppp_fsm *f, const uint8_t *p, size_t l, \
				  bool last)                                     \
	{                                                                        \
		return ppp_##pfx##_recv_nak(&fsm_session(f)->neg, p, l, last);   \
	}                                                                        \
	static int pfx##_recv_rej(struct ppp_fsm *f, const uint8_t *p, size_t l) \
	{                                                                        \
		return ppp_##pfx##_recv_rej(&fsm_session(f)->neg, p, l);         \
	}                                                                        \
	static int pfx##_recv_req(struct ppp_fsm *f, const uint8_t *p, size_t l, \
				  uint8_t *o, size_t c, size_t *ol, bool nn)     \
	{                                                                        \
		return ppp_##pfx##_recv_req(&fsm_session(f)->neg, p, l, o, c,    \
					    ol, nn);                             \
	}

NCP_WRAPPERS(ipcp, ipcpn)
NCP_WRAPPERS(ipv6cp, ipv6cpn)

static void ipcp_send(struct ppp_fsm *f, const uint8_t *pkt, size_t len)
{
	nl_session_send(fsm_session(f), PPP_PROTO_IPCP, pkt, len);
}

static void ipv6cp_send(struct ppp_fsm *f, const uint8_t *pkt, size_t len)
{
	nl_session_send(fsm_session(f), PPP_PROTO_IPV6CP, pkt, len);
}

static void ipcp_timer(struct ppp_fsm *f, uint32_t ms)
{
	struct nl_session *s = fsm_session(f);

	if (ms)
		nl_timer_arm(s->loop, &s->ipcp_timer, ms);
	else
		nl_timer_cancel(s->loop, &s->ipcp_timer);
}

static void ipv6cp_timer(struct ppp_fsm *f, uint32_t ms)
{
	struct nl_session *s = fsm_session(f);

	if (ms)
		nl_timer_arm(s->loop, &s->ipv6cp_timer, ms);
	else
		nl_timer_cancel(s->loop, &s->ipv6cp_timer);
}

static const struct ppp_fsm_ops ipcp_ops = {
	.reset = ipcp_reset,
	.build_req = ipcp_build_req,
	.recv_ack = ipcp_recv_ack,
	.recv_nak = ipcp_recv_nak,
	.recv_rej = ipcp_recv_rej,
	.recv_req = ipcp_recv_req,
	.up = ipcp_up,
	.down = ipcp_down,
	.finished = ncp_finished,
	.send = ipcp_send,
	.timer = ipcp_timer,
};

static const struct ppp_fsm_ops ipv6cp_ops = {
	.reset = ipv6cp_reset,
	.build_req = ipv6cp_build_req,
	.recv_ack = ipv6cp_recv_ack,
	.recv_nak = ipv6cp_recv_nak,
	.recv_rej = ipv6cp_recv_rej,
	.recv_req = ipv6cp_recv_req,
	.up = ipv6cp_up,
	.down = ipv6cp_down,
	.finished = ncp_finished,
	.send = ipv6cp_send,
	.timer = ipv6cp_timer,
};

static void ipcp_timeout(void *ctx)
{
	ppp_fsm_timeout(&((struct nl_session *)ctx)->ipcp);
}

static void ipv6cp_timeout(void *ctx)
{
	ppp_fsm_timeout(&((struct nl_session *)ctx)->ipv6cp);
}

/* --- idle and maxconnect ------------------------------------------------- */

static void idle_check(void *ctx)
{
	struct nl_session *s = ctx;
	uint64_t idle_ms = (uint64_t)s->cfg->idle * 1000;
	uint64_t since = nl_now_ms() - s->last_data;

	if (since >= idle_ms) {
		nl_notice("Terminating connection due to lack of activity.");
		nl_session_close(s, "Link inactive", NL_EXIT_IDLE_TIMEOUT);
		return;
	}
	nl_timer_arm(s->loop, &s->idle_timer, idle_ms - since);
}

static void maxconnect_fn(void *ctx)
{
	struct nl_session *s = ctx;

	nl_notice("Connect time expired");
	nl_session_close(s, "Connect time expired", NL_EXIT_CONNECT_TIME);
}

static void timers_start(struct nl_session *s)
{
	if (s->idle_timer.armed || s->maxconnect_timer.armed)
		return;
	s->last_data = nl_now_ms();
	if (s->cfg->idle)
		nl_timer_arm(s->loop, &s->idle_timer, (uint64_t)s->cfg->idle * 1000);
	if (s->cfg->maxconnect)
		nl_timer_arm(s->loop, &s->maxconnect_timer,
			     (uint64_t)s->cfg->maxconnect * 1000);
}

static void timers_stop(struct nl_session *s)
{
	nl_timer_cancel(s->loop, &s->idle_timer);
	nl_timer_cancel(s->loop, &s->maxconnect_timer);
}

static uint64_t session_random64(void *ctx)
{
	uint64_t v = 0;

	while (!v) {
		if (getrandom(&v, sizeof(v), 0) != sizeof(v))
			v = nl_now_ms() * 0x9e3779b97f4a7c15ull;
	}
	return v;
}

static void fsm_conf(struct ppp_fsm *f, const struct nl_fsm_conf *c)
{
	f->restart_ms = c->restart * 1000;
	f->max_configure = c->max_configure;
	f->max_terminate = c->max_terminate;
	f->max_failure = c->max_failure;
}

void nl_ncp_init(struct nl_session *s)
{
	const struct nl_config *c = s->cfg;
	struct ppp_ipcp_neg *ip = &s->ipcpn;
	struct ppp_ipv6cp_neg *ip6 = &s->ipv6cpn;

	ppp_fsm_init(&s->ipcp, &ipcp_ops, s, PPP_PROTO_IPCP);
	fsm_conf(&s->ipcp, &c->ipcp);
	ppp_fsm_init(&s->ipv6cp, &ipv6cp_ops, s, PPP_PROTO_IPV6CP);
	fsm_conf(&s->ipv6cp, &c->ipv6cp);
	nl_timer_init(&s->ipcp_timer, ipcp_timeout, s);
	nl_timer_init(&s->ipv6cp_timer, ipv6cp_timeout, s);
	nl_timer_init(&s->idle_timer, idle_check, s);
	nl_timer_init(&s->maxconnect_timer, maxconnect_fn, s);

	memset(ip, 0, sizeof(*ip));
	ip->local = ntohl(c->local_ip.s_addr);	/* noipdefault: no guessing, which we never do */
	ip->remote = ntohl(c->remote_ip.s_addr);
	ip->accept_local = c->ipcp_accept_local;
	ip->accept_remote = c->ipcp_accept_remote;
	ip->req_dns = c->usepeerdns;
	ip->dns[0] = ntohl(c->ms_dns[0].s_addr);
	ip->dns[1] = ntohl(c->ms_dns[1].s_addr);
	ip->nbns[0] = ntohl(c->ms_wins[0].s_addr);
	ip->nbns[1] = ntohl(c->ms_wins[1].s_addr);

	memset(ip6, 0, sizeof(*ip6));
	ip6->local = c->ipv6_local_id;
	ip6->remote = c->ipv6_remote_id;
	ip6->accept_local = c->ipv6cp_accept_local;
	ip6->random64 = session_random64;
	ip6->random_ctx = s;
}

void nl_ncp_start(struct nl_session *s)
{
	if (!s->cfg->noip) {
		ppp_fsm_open(&s->ipcp);
		ppp_fsm_lower_up(&s->ipcp);
	}
	if (s->cfg->ipv6) {
		ppp_fsm_open(&s->ipv6cp);
		ppp_fsm_lower_up(&s->ipv6cp);
	}
	if (s->cfg->noip && !s->cfg->ipv6) {
		nl_err("No network protocols enabled (noip without +ipv6)");
		nl_session_close(s, "No network protocols running",
				 NL_EXIT_OPTION_ERROR);
	}
}

void nl_ncp_lower_down(struct nl_session *s)
{
	if (s->ipcp.state != PPP_FSM_INITIAL)
		ppp_fsm_lower_down(&s->ipcp);
	if (s->ipv6cp.state != PPP_FSM_INITIAL)
		ppp_fsm_lower_down(&s->ipv6cp);
	/* Down -> Starting: forget the administrative Open too. */
	ppp_fsm_close(&s->ipcp, NULL);
	ppp_fsm_close(&s->ipv6cp, NULL);
	nl_timer_cancel(s->loop, &s->ipcp_timer);
	nl_timer_cancel(s->loop, &s->ipv6cp_timer);
	timers_stop(s);
	if (s->dp_up && s->rtnl && s->dp.ifindex > 0)
		nl_rtnl_link_set(s->rtnl, s->dp.ifindex, false, 0);
	s->dp_up = false;
}

void nl_ncp_input(struct nl_session *s, uint16_t proto, const uint8_t *p,
		  size_t len)
{
	if (proto == PPP_PROTO_IPCP && !s->cfg->noip)
		ppp_fsm_input(&s->ipcp, p, len);
	else if (proto == PPP_PROTO_IPV6CP && s->cfg->ipv6)
		ppp_fsm_input(&s->ipv6cp, p, len);
	else
		nl_lcp_proto_reject(s, proto, p, len);
}

void nl_ncp_rejected(struct nl_session *s, uint16_t proto)
{
	if (proto == PPP_PROTO_IPCP)
		ppp_fsm_proto_rejected(&s->ipcp);
	else if (proto == PPP_PROTO_IPV6CP)
		ppp_fsm_proto_rejected(&s->ipv6cp);
}
