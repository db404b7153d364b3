// SPDX-License-Identifier: GPL-2.0
/*
 * The authentication phase: which protocol runs in which direction (from
 * what LCP negotiated), secrets lookup, and the move to the network phase.
 */
#include <stdio.h>
#include <string.h>

#include "libppp/ppp.h"

#include "auth.h"
#include "log.h"
#include "script.h"

static const char *proto_label(uint16_t proto)
{
	return proto == PPP_PROTO_PAP ? "PAP" : "CHAP";
}

void nl_auth_printable(char *dst, size_t dstsz, const uint8_t *src, size_t len)
{
	size_t i;

	if (len > dstsz - 1)
		len = dstsz - 1;
	for (i = 0; i < len; i++)
		dst[i] = src[i] >= 0x20 && src[i] < 0x7f ? src[i] : '?';
	dst[len] = 0;
}

/* auth-up/auth-down: interface, peer name, our user name, device, speed. */
static void run_auth_script(struct nl_session *s, const char *name)
{
	char speed[16];
	const char *user = s->cfg->user[0] ? s->cfg->user : s->our_name;
	const char *args[] = { s->dp.ifname, s->peer_name, user,
			       s->tr.devname, speed, NULL };

	snprintf(speed, sizeof(speed), "%u", s->cfg->speed);
	nl_script_run(s, name, args, NULL);
}

static void check_done(struct nl_session *s)
{
	bool peer_ok = !s->peer_auth.proto || s->peer_auth.done;
	bool ours_ok = !s->our_auth.proto || s->our_auth.done;

	if (!peer_ok || !ours_ok)
		return;
	if (s->peer_auth.proto)
		run_auth_script(s, "auth-up");
	nl_session_auth_done(s);
}

void nl_auth_side_done(struct nl_session *s, struct nl_auth_side *side, bool ok)
{
	nl_timer_cancel(s->loop, &side->timer);
	if (!ok) {
		side->failed = true;
		if (side == &s->peer_auth) {
			nl_session_close(s, "Authentication failed",
					 NL_EXIT_PEER_AUTH_FAILED);
		} else {
			nl_err("%s authentication failed", proto_label(side->proto));
			nl_session_close(s, "Failed to authenticate ourselves to peer",
					 NL_EXIT_AUTH_TOPEER_FAILED);
		}
		return;
	}
	if (side->done)
		return;
	side->done = true;
	if (side == &s->our_auth)
		nl_notice("%s authentication succeeded", proto_label(side->proto));
	else
		nl_notice("%s peer authentication succeeded for %s",
			  proto_label(side->proto), s->peer_name);
	check_done(s);
}

void nl_auth_start(struct nl_session *s)
{
	const struct ppp_lcp_neg *n = &s->lcpn;

	memset(&s->peer_auth, 0, sizeof(s->peer_auth));
	memset(&s->our_auth, 0, sizeof(s->our_auth));
	s->peer_name[0] = 0;
	s->peer_secret_valid = false;

	if (n->require_auth && !n->got.auth) {
		nl_err("peer refused to authenticate: terminating link");
		nl_session_close(s, "peer refused to authenticate",
				 NL_EXIT_PEER_AUTH_FAILED);
		return;
	}
	s->peer_auth.proto = n->got.auth;
	s->our_auth.proto = n->his.auth;
	if (s->peer_auth.proto == PPP_PROTO_PAP)
		nl_pap_start_server(s);
	else if (s->peer_auth.proto == PPP_PROTO_CHAP)
		nl_chap_start_server(s);
	if (s->phase != NL_PHASE_AUTHENTICATE)
		return;
	if (s->our_auth.proto == PPP_PROTO_PAP)
		nl_pap_start_client(s);
	else if (s->our_auth.proto == PPP_PROTO_CHAP)
		nl_chap_start_client(s);
	if (s->phase == NL_PHASE_AUTHENTICATE)
		check_done(s);
}

void nl_auth_stop(struct nl_session *s)
{
	bool was_up = s->peer_auth.done;

	nl_timer_cancel(s->loop, &s->peer_auth.timer);
	nl_timer_cancel(s->loop, &s->our_auth.timer);
	if (was_up)
		run_auth_script(s, "auth-down");
	s->peer_auth.done = s->our_auth.done = false;
	s->peer_auth.proto = s->our_auth.proto = 0;
	nl_secret_wipe(&s->peer_secret);
	s->peer_secret_valid = false;
}

void nl_auth_input(struct nl_session *s, uint16_t proto, const uint8_t *p,
		   size_t len)
{
	if (s->phase < NL_PHASE_AUTHENTICATE) {
		s->ctr.rx_dropped++;
		return;
	}
	if (proto == PPP_PROTO_PAP)
		nl_pap_input(s, p, len);
	else
		nl_chap_input(s, p, len);
}

static void secrets_path(struct nl_session *s, const char *file, char *buf, size_t sz)
{
	snprintf(buf, sz, "%s/%s", s->cfg->etc_ppp, file);
}

int nl_auth_our_secret(struct nl_session *s, const char *file, const char *server,
		       char *name, size_t namesz, struct nl_secret *sec)
{
	const struct nl_config *c = s->cfg;
	char path[512];

	snprintf(name, namesz, "%s", c->user[0] ? c->user : s->our_name);
	memset(sec, 0, sizeof(*sec));
	if (c->password[0]) {
		snprintf(sec->secret, sizeof(sec->secret), "%s", c->password);
		sec->secret_len = strlen(sec->secret);
		return 0;
	}
	if (c->remotename[0])
		server = c->remotename;
	secrets_path(s, file, path, sizeof(path));
	if (nl_secrets_lookup(path, name, server, sec) < 0) {
		nl_err("No %s secret found for authenticating us (%s) to %s",
		       file, name, server ? server : "the peer");
		return -ENOENT;
	}
	return 0;
}

int nl_auth_peer_secret(struct nl_session *s, const char *file, const char *client,
			struct nl_secret *sec)
{
	char path[512];

	secrets_path(s, file, path, sizeof(path));
	if (nl_secrets_lookup(path, client, s->our_name, sec) < 0)
		return -ENOENT;
	return 0;
}
