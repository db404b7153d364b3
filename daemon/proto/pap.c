// SPDX-License-Identifier: GPL-2.0
/* PAP (RFC 1334) in both roles. The password never reaches a log. */
#include <openssl/crypto.h>
#include <stdio.h>
#include <string.h>

#include "libppp/auth.h"
#include "libppp/ppp.h"

#include "config.h"
#include "dump.h"
#include "log.h"
#include "proto/auth.h"

struct pap {
	struct nl_proto_inst *pi;
	struct nl_timer client_timer;	/* our Authenticate-Request's restart */
	struct nl_timer server_timer;	/* pap-timeout: waiting for the peer */
	uint8_t client_id;
	unsigned int client_tries;
	bool client, server;		/* which roles run */
	bool client_over, server_over;	/* done or failed */
};

static struct nl_link *link_of(struct pap *a)
{
	return a->pi->link;
}

static void client_end(struct pap *a, bool ok)
{
	nl_timer_cancel(link_of(a)->loop, &a->client_timer);
	a->client_over = true;
	nl_link_auth_done(link_of(a), false, ok, NULL, NULL);
}

static void send_req(struct pap *a)
{
	struct nl_link *l = link_of(a);
	char name[256];
	struct nl_secret sec;
	uint8_t pkt[600];
	size_t len;

	if (a->client_tries >= l->cfg->pap_max_authreq) {
		nl_err("No response to PAP authenticate-requests");
		client_end(a, false);
		return;
	}
	if (nl_auth_our_secret(l, "pap-secrets", NULL, name, sizeof(name), &sec) < 0) {
		client_end(a, false);
		return;
	}
	len = ppp_pap_build_req(pkt, sizeof(pkt), ++a->client_id, (const uint8_t *)name,
				strlen(name), (const uint8_t *)sec.secret, sec.secret_len);
	nl_secret_wipe(&sec);
	if (!len) {
		nl_err("PAP: user name or password longer than 255 bytes");
		client_end(a, false);
		return;
	}
	a->client_tries++;
	nl_link_send(l, PPP_PROTO_PAP, pkt, len);
	OPENSSL_cleanse(pkt, sizeof(pkt));
	nl_timer_arm(l->loop, &a->client_timer, (uint64_t)l->cfg->pap_restart * 1000);
}

static void client_timeout(void *ctx)
{
	send_req(ctx);
}

static void server_timeout(void *ctx)
{
	struct pap *a = ctx;

	nl_err("PAP: peer did not authenticate within %u seconds",
	       link_of(a)->cfg->pap_timeout);
	a->server_over = true;
	nl_link_auth_done(link_of(a), true, false, NULL, NULL);
}

static void reply(struct pap *a, uint8_t code, uint8_t id, const char *msg)
{
	uint8_t pkt[300];
	size_t len = ppp_pap_build_msg(pkt, sizeof(pkt), code, id,
				       (const uint8_t *)msg, strlen(msg));

	if (len)
		nl_link_send(link_of(a), PPP_PROTO_PAP, pkt, len);
}

static void server_req(struct pap *a, uint8_t id, const uint8_t *p, size_t len)
{
	struct nl_link *l = link_of(a);
	struct ppp_pap_req r;
	struct nl_secret sec;
	char user[256];
	bool ok;

	if (!a->server || ppp_pap_parse_req(p, len, &r) < 0)
		return;
	if (l->auth_peer.done) {	/* our Ack was lost: say it again */
		reply(a, PPP_PAP_ACK, id, "Login ok");
		return;
	}
	if (a->server_over)
		return;
	nl_auth_printable(user, sizeof(user), r.peer_id, r.peer_id_len);
	ok = memchr(r.peer_id, 0, r.peer_id_len) == NULL &&
	     nl_auth_peer_secret(l, "pap-secrets", user, &sec) == 0;
	if (ok) {
		ok = sec.secret_len == r.passwd_len &&
		     CRYPTO_memcmp(sec.secret, r.passwd, r.passwd_len) == 0;
		OPENSSL_cleanse(sec.secret, sizeof(sec.secret));
		sec.secret_len = 0;
	}
	nl_timer_cancel(l->loop, &a->server_timer);
	a->server_over = true;
	if (!ok) {
		reply(a, PPP_PAP_NAK, id, "Login incorrect");
		nl_err_rl(&l->log_rl, "PAP peer authentication failed for %s", user);
		nl_link_auth_done(l, true, false, user, NULL);
		return;
	}
	reply(a, PPP_PAP_ACK, id, "Login ok");
	nl_link_auth_done(l, true, true, user, &sec);	/* addresses only: the secret is wiped */
}

static void pap_input(struct nl_proto_inst *pi, const uint8_t *p, size_t len)
{
	struct pap *a = pi->state;
	int blen = nl_auth_body_len(p, len);
	const uint8_t *msg;
	size_t mlen;
	char text[128];

	if (blen < 0)
		return;
	switch (p[0]) {
	case PPP_PAP_REQ:
		server_req(a, p[1], p + 4, blen);
		return;
	case PPP_PAP_ACK:
	case PPP_PAP_NAK:
		if (!a->client || a->client_over || p[1] != a->client_id)
			return;
		if (ppp_pap_parse_msg(p + 4, blen, &msg, &mlen) < 0)
			mlen = 0;
		nl_auth_printable(text, sizeof(text), msg, mlen);
		if (mlen)
			nl_info("Remote message: %s", text);
		client_end(a, p[0] == PPP_PAP_ACK);
		return;
	}
}

static void pap_init(struct nl_proto_inst *pi)
{
	struct pap *a = pi->state;

	a->pi = pi;
	nl_timer_init(&a->client_timer, client_timeout, a);
	nl_timer_init(&a->server_timer, server_timeout, a);
}

static void pap_lower_down(struct nl_proto_inst *pi)
{
	struct pap *a = pi->state;
	struct nl_loop *loop = pi->link->loop;

	nl_timer_cancel(loop, &a->client_timer);
	nl_timer_cancel(loop, &a->server_timer);
	a->client = a->server = a->client_over = a->server_over = false;
}

/* RFC 1661 5.7: stop sending PAP. Neither side can authenticate now (pppd). */
static void pap_rejected(struct nl_proto_inst *pi)
{
	struct pap *a = pi->state;

	if (a->client && !a->client_over) {
		nl_err("PAP authentication failed due to protocol-reject");
		client_end(a, false);	/* closes the link, server side too */
		return;
	}
	if (a->server && !a->server_over) {
		nl_err("PAP authentication of peer failed (protocol-reject)");
		nl_timer_cancel(pi->link->loop, &a->server_timer);
		a->server_over = true;
		nl_link_auth_done(pi->link, true, false, NULL, NULL);
	}
}

static void pap_lower_up(struct nl_proto_inst *pi)
{
	struct pap *a = pi->state;
	struct nl_link *l = pi->link;

	pap_lower_down(pi);
	a->client_tries = 0;
	a->server = l->auth_peer.proto == PPP_PROTO_PAP;
	a->client = l->auth_ours.proto == PPP_PROTO_PAP;
	if (a->server && l->cfg->pap_timeout)
		nl_timer_arm(l->loop, &a->server_timer, (uint64_t)l->cfg->pap_timeout * 1000);
	if (a->client)
		send_req(a);
}

const struct nl_proto nl_proto_pap = {
	.number = PPP_PROTO_PAP,
	.name = "pap",
	.layer = NL_LAYER_AUTH,
	.state_size = sizeof(struct pap),
	.init = pap_init,
	.fini = pap_lower_down,
	.input = pap_input,
	.lower_up = pap_lower_up,
	.lower_down = pap_lower_down,
	.rejected = pap_rejected,
	.status = nl_auth_status,
	.describe = nl_describe_packet,
};
