// SPDX-License-Identifier: GPL-2.0
/* CHAP with MD5 (RFC 1994) in both roles. Secrets never reach a log. */
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>

#include "libppp/auth.h"
#include "libppp/ppp.h"

#include "auth.h"
#include "log.h"

enum { MD5_LEN = 16 };

/* Response = MD5(Identifier || secret || Challenge). */
static int chap_md5(uint8_t id, const struct nl_secret *sec, const uint8_t *chal,
		    size_t chal_len, uint8_t out[MD5_LEN])
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	unsigned int n = 0;
	int ok;

	if (!ctx)
		return -ENOMEM;
	ok = EVP_DigestInit_ex(ctx, EVP_md5(), NULL) &&
	     EVP_DigestUpdate(ctx, &id, 1) &&
	     EVP_DigestUpdate(ctx, sec->secret, sec->secret_len) &&
	     EVP_DigestUpdate(ctx, chal, chal_len) &&
	     EVP_DigestFinal_ex(ctx, out, &n);
	EVP_MD_CTX_free(ctx);
	return ok && n == MD5_LEN ? 0 : -EIO;
}

/* --- authenticator ------------------------------------------------------ */

static void chap_send_challenge(struct nl_session *s)
{
	struct nl_auth_side *a = &s->peer_auth;
	uint8_t pkt[600];
	size_t len;

	if (a->tries >= s->cfg->chap_max_challenge) {
		nl_err("Peer failed to respond to CHAP challenge");
		nl_auth_side_done(s, a, false);
		return;
	}
	if (a->tries == 0) {
		a->id++;
		a->chal_len = sizeof(a->challenge);
		if (getrandom(a->challenge, a->chal_len, 0) != a->chal_len) {
			nl_err("CHAP: no random bytes for a challenge");
			nl_auth_side_done(s, a, false);
			return;
		}
	}
	len = ppp_chap_build(pkt, sizeof(pkt), PPP_CHAP_CHALLENGE, a->id,
			     a->challenge, a->chal_len,
			     (const uint8_t *)s->our_name, strlen(s->our_name));
	if (!len)
		return;
	a->tries++;
	nl_session_send(s, PPP_PROTO_CHAP, pkt, len);
	nl_timer_arm(s->loop, &a->timer, (uint64_t)s->cfg->chap_restart * 1000);
}

static void chap_server_timeout(void *ctx)
{
	struct nl_session *s = ctx;

	if (s->peer_auth.done) {
		/* chap-interval: challenge again on a running link. */
		s->peer_auth.done = false;
		s->peer_auth.rechallenge = true;
		s->peer_auth.tries = 0;
	}
	chap_send_challenge(s);
}

void nl_chap_start_server(struct nl_session *s)
{
	nl_timer_init(&s->peer_auth.timer, chap_server_timeout, s);
	s->peer_auth.tries = 0;
	chap_send_challenge(s);
}

static void chap_status(struct nl_session *s, uint8_t code, uint8_t id, const char *msg)
{
	uint8_t pkt[300];
	size_t len = ppp_chap_build_status(pkt, sizeof(pkt), code, id,
					   (const uint8_t *)msg, strlen(msg));

	if (len)
		nl_session_send(s, PPP_PROTO_CHAP, pkt, len);
}

static void chap_server_response(struct nl_session *s, uint8_t id,
				 const uint8_t *p, size_t len)
{
	struct nl_auth_side *a = &s->peer_auth;
	struct ppp_chap_msg m;
	struct nl_secret sec;
	uint8_t want[MD5_LEN];
	char name[256];
	bool ok;

	if (a->proto != PPP_PROTO_CHAP || id != a->id || ppp_chap_parse(p, len, &m) < 0)
		return;
	if (a->done) {		/* our Success was lost: say it again */
		chap_status(s, PPP_CHAP_SUCCESS, id, "Access granted");
		return;
	}
	if (a->failed || a->tries == 0)
		return;
	nl_auth_printable(name, sizeof(name), m.name, m.name_len);
	ok = m.value_len == MD5_LEN && memchr(m.name, 0, m.name_len) == NULL &&
	     nl_auth_peer_secret(s, "chap-secrets", name, &sec) == 0;
	if (ok) {
		ok = chap_md5(id, &sec, a->challenge, a->chal_len, want) == 0 &&
		     CRYPTO_memcmp(want, m.value, MD5_LEN) == 0;
		OPENSSL_cleanse(sec.secret, sizeof(sec.secret));
		OPENSSL_cleanse(want, sizeof(want));
		sec.secret_len = 0;
	}
	if (!ok) {
		chap_status(s, PPP_CHAP_FAILURE, id, "Access denied");
		nl_err("CHAP peer authentication failed for %s", name);
		nl_auth_side_done(s, a, false);
		return;
	}
	if (a->rechallenge && strcmp(name, s->peer_name) != 0) {
		chap_status(s, PPP_CHAP_FAILURE, id, "Access denied");
		nl_err("CHAP peer changed its name from %s to %s", s->peer_name, name);
		nl_auth_side_done(s, a, false);
		return;
	}
	s->peer_secret = sec;
	s->peer_secret_valid = true;
	snprintf(s->peer_name, sizeof(s->peer_name), "%s", name);
	chap_status(s, PPP_CHAP_SUCCESS, id, "Access granted");
	a->tries = 0;
	if (a->rechallenge) {
		a->done = true;
	} else {
		nl_auth_side_done(s, a, true);
	}
	if (s->cfg->chap_interval)
		nl_timer_arm(s->loop, &a->timer, (uint64_t)s->cfg->chap_interval * 1000);
}

/* --- peer (we authenticate ourselves) ----------------------------------- */

void nl_chap_start_client(struct nl_session *s)
{
	/* Nothing to send: we wait for the authenticator's challenge. */
}

static void chap_client_challenge(struct nl_session *s, uint8_t id,
				  const uint8_t *p, size_t len)
{
	struct nl_auth_side *a = &s->our_auth;
	struct ppp_chap_msg m;
	struct nl_secret sec;
	uint8_t value[MD5_LEN], pkt[600];
	char server[256], name[256];
	size_t n;

	if (a->proto != PPP_PROTO_CHAP || a->failed || ppp_chap_parse(p, len, &m) < 0)
		return;
	if (m.value_len == 0)
		return;
	nl_auth_printable(server, sizeof(server), m.name, m.name_len);
	if (nl_auth_our_secret(s, "chap-secrets", server, name, sizeof(name), &sec) < 0) {
		nl_auth_side_done(s, a, false);
		return;
	}
	if (chap_md5(id, &sec, m.value, m.value_len, value) < 0) {
		nl_secret_wipe(&sec);
		return;
	}
	nl_secret_wipe(&sec);
	n = ppp_chap_build(pkt, sizeof(pkt), PPP_CHAP_RESPONSE, id, value,
			   sizeof(value), (const uint8_t *)name, strlen(name));
	a->id = id;
	if (n)
		nl_session_send(s, PPP_PROTO_CHAP, pkt, n);
}

void nl_chap_input(struct nl_session *s, const uint8_t *p, size_t len)
{
	struct nl_auth_side *a = &s->our_auth;
	uint16_t plen;
	char text[128];

	if (len < PPP_CP_HDRLEN)
		return;
	plen = ppp_get_be16(p + 2);
	if (plen < PPP_CP_HDRLEN || plen > len)
		return;
	switch (p[0]) {
	case PPP_CHAP_CHALLENGE:
		chap_client_challenge(s, p[1], p + 4, plen - 4);
		return;
	case PPP_CHAP_RESPONSE:
		chap_server_response(s, p[1], p + 4, plen - 4);
		return;
	case PPP_CHAP_SUCCESS:
	case PPP_CHAP_FAILURE:
		if (a->proto != PPP_PROTO_CHAP || a->failed || p[1] != a->id)
			return;
		nl_auth_printable(text, sizeof(text), p + 4, plen - 4);
		if (plen > 4)
			nl_info("Remote message: %s", text);
		if (p[0] == PPP_CHAP_SUCCESS && !a->done)
			nl_auth_side_done(s, a, true);
		else if (p[0] == PPP_CHAP_FAILURE)
			nl_auth_side_done(s, a, false);
		return;
	}
}
