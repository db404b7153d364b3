// SPDX-License-Identifier: GPL-2.0
/* PAP (RFC 1334) in both roles. The password never reaches a log. */
#include <openssl/crypto.h>
#include <stdio.h>
#include <string.h>

#include "libppp/auth.h"
#include "libppp/ppp.h"

#include "auth.h"
#include "log.h"

static void pap_send_req(struct nl_session *s)
{
	struct nl_auth_side *a = &s->our_auth;
	char name[256];
	struct nl_secret sec;
	uint8_t pkt[600];
	size_t len;

	if (a->tries >= s->cfg->pap_max_authreq) {
		nl_err("No response to PAP authenticate-requests");
		nl_auth_side_done(s, a, false);
		return;
	}
	if (nl_auth_our_secret(s, "pap-secrets", NULL, name, sizeof(name), &sec) < 0) {
		nl_auth_side_done(s, a, false);
		return;
	}
	len = ppp_pap_build_req(pkt, sizeof(pkt), ++a->id, (const uint8_t *)name,
				strlen(name), (const uint8_t *)sec.secret,
				sec.secret_len);
	nl_secret_wipe(&sec);
	if (!len) {
		nl_err("PAP: user name or password longer than 255 bytes");
		nl_auth_side_done(s, a, false);
		return;
	}
	a->tries++;
	nl_session_send(s, PPP_PROTO_PAP, pkt, len);
	OPENSSL_cleanse(pkt, sizeof(pkt));
	nl_timer_arm(s->loop, &a->timer, (uint64_t)s->cfg->pap_restart * 1000);
}

static void pap_client_timeout(void *ctx)
{
	pap_send_req(ctx);
}

void nl_pap_start_client(struct nl_session *s)
{
	nl_timer_init(&s->our_auth.timer, pap_client_timeout, s);
	pap_send_req(s);
}

static void pap_server_timeout(void *ctx)
{
	struct nl_session *s = ctx;

	nl_err("PAP: peer did not authenticate within %u seconds", s->cfg->pap_timeout);
	nl_auth_side_done(s, &s->peer_auth, false);
}

void nl_pap_start_server(struct nl_session *s)
{
	nl_timer_init(&s->peer_auth.timer, pap_server_timeout, s);
	if (s->cfg->pap_timeout)
		nl_timer_arm(s->loop, &s->peer_auth.timer,
			     (uint64_t)s->cfg->pap_timeout * 1000);
}

static void pap_reply(struct nl_session *s, uint8_t code, uint8_t id, const char *msg)
{
	uint8_t pkt[300];
	size_t len = ppp_pap_build_msg(pkt, sizeof(pkt), code, id,
				       (const uint8_t *)msg, strlen(msg));

	if (len)
		nl_session_send(s, PPP_PROTO_PAP, pkt, len);
}

static void pap_server_req(struct nl_session *s, uint8_t id, const uint8_t *p, size_t len)
{
	struct nl_auth_side *a = &s->peer_auth;
	struct ppp_pap_req r;
	struct nl_secret sec;
	char user[256];
	bool ok;

	if (a->proto != PPP_PROTO_PAP || ppp_pap_parse_req(p, len, &r) < 0)
		return;
	if (a->done) {		/* our Ack was lost: say it again */
		pap_reply(s, PPP_PAP_ACK, id, "Login ok");
		return;
	}
	if (a->failed)
		return;
	nl_auth_printable(user, sizeof(user), r.peer_id, r.peer_id_len);
	ok = memchr(r.peer_id, 0, r.peer_id_len) == NULL &&
	     nl_auth_peer_secret(s, "pap-secrets", user, &sec) == 0;
	if (ok) {
		ok = sec.secret_len == r.passwd_len &&
		     CRYPTO_memcmp(sec.secret, r.passwd, r.passwd_len) == 0;
		OPENSSL_cleanse(sec.secret, sizeof(sec.secret));
		sec.secret_len = 0;
	}
	if (!ok) {
		pap_reply(s, PPP_PAP_NAK, id, "Login incorrect");
		nl_err("PAP peer authentication failed for %s", user);
		nl_auth_side_done(s, a, false);
		return;
	}
	s->peer_secret = sec;	/* addresses only: the secret is wiped */
	s->peer_secret_valid = true;
	snprintf(s->peer_name, sizeof(s->peer_name), "%s", user);
	pap_reply(s, PPP_PAP_ACK, id, "Login ok");
	nl_auth_side_done(s, a, true);
}

void nl_pap_input(struct nl_session *s, const uint8_t *p, size_t len)
{
	struct nl_auth_side *a = &s->our_auth;
	uint16_t plen;
	const uint8_t *msg;
	size_t mlen;
	char text[128];

	if (len < PPP_CP_HDRLEN)
		return;
	plen = ppp_get_be16(p + 2);
	if (plen < PPP_CP_HDRLEN || plen > len)
		return;
	switch (p[0]) {
	case PPP_PAP_REQ:
		pap_server_req(s, p[1], p + 4, plen - 4);
		return;
	case PPP_PAP_ACK:
	case PPP_PAP_NAK:
		if (a->proto != PPP_PROTO_PAP || a->done || a->failed || p[1] != a->id)
			return;
		if (ppp_pap_parse_msg(p + 4, plen - 4, &msg, &mlen) < 0)
			mlen = 0;
		nl_auth_printable(text, sizeof(text), msg, mlen);
		if (mlen)
			nl_info("Remote message: %s", text);
		nl_auth_side_done(s, a, p[0] == PPP_PAP_ACK);
		return;
	}
}
