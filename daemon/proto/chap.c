// SPDX-License-Identifier: GPL-2.0
/*
 * CHAP in both roles, with MD5 (RFC 1994), MS-CHAPv1 (RFC 2433) or
 * MS-CHAPv2 (RFC 2759), as LCP settled for each direction. Secrets never
 * reach a log.
 */
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>

#include "libppp/auth.h"
#include "libppp/lcp.h"
#include "libppp/ppp.h"

#include "config.h"
#include "dump.h"
#include "log.h"
#include "mschap.h"
#include "proto/auth.h"

enum { MD5_LEN = 16 };

struct chap {
	struct nl_proto_inst *pi;
	/* Authenticator. */
	bool server, server_over, rechallenge;
	uint8_t server_id;
	uint8_t alg;			/* PPP_CHAP_* we challenge with */
	unsigned int tries;
	struct nl_timer timer;
	uint8_t challenge[16];
	uint8_t chal_len;
	char success[128];		/* our last Success message, to repeat */
	/* Peer (we authenticate ourselves). */
	bool client, client_over;
	uint8_t client_id;
	uint8_t client_alg;
	/* MS-CHAPv2: the authenticator response its Success must carry. */
	char want_auth[NL_MSCHAP_AUTH_RESP_LEN + 1];
	struct nl_timer client_timer;	/* the whole exchange's deadline */
	/* MS-CHAP: MPPE keys from our Response, the link's once Success comes. */
	uint8_t pend_send[NL_MPPE_KEY_LEN], pend_recv[NL_MPPE_KEY_LEN];
	bool pend_keys;
};

static void wipe_pending(struct chap *a)
{
	OPENSSL_cleanse(a->pend_send, sizeof(a->pend_send));
	OPENSSL_cleanse(a->pend_recv, sizeof(a->pend_recv));
	a->pend_keys = false;
}

/*
 * MPPE start keys (RFC 3079): MS-CHAPv1 one for both ways from the
 * challenge, MS-CHAPv2 a pair from the NT-Response, mirrored by @server.
 */
static bool mppe_keys(uint8_t alg, const uint8_t *pw, size_t pw_len, const uint8_t *chal,
		      const uint8_t *nt_resp, bool server, uint8_t send[NL_MPPE_KEY_LEN],
		      uint8_t recv[NL_MPPE_KEY_LEN])
{
	if (alg == PPP_CHAP_MSCHAP) {
		if (nl_mppe_v1_start_key(pw, pw_len, chal, send) < 0)
			return false;
		memcpy(recv, send, NL_MPPE_KEY_LEN);
		return true;
	}
	return alg == PPP_CHAP_MSCHAP_V2 &&
	       nl_mppe_v2_start_keys(pw, pw_len, nt_resp, server, send, recv) == 0;
}

static struct nl_link *link_of(struct chap *a)
{
	return a->pi->link;
}

/* Response = MD5(Identifier || secret || Challenge). */
static int chap_md5(uint8_t id, const struct nl_secret *sec, const uint8_t *chal,
		    size_t chal_len, uint8_t out[MD5_LEN])
{
	return nl_digest(EVP_md5(), out, MD5_LEN, &id, 1, sec->secret, sec->secret_len,
			 chal, chal_len, NULL, 0);
}

static const char *alg_name(uint8_t alg)
{
	return alg == PPP_CHAP_MSCHAP ? "MS-CHAP" : alg == PPP_CHAP_MSCHAP_V2 ? "MS-CHAP-v2" :
	       "CHAP";
}

static size_t challenge_len(uint8_t alg)
{
	return alg == PPP_CHAP_MSCHAP ? NL_MSCHAP_V1_CHAL_LEN :
	       alg == PPP_CHAP_MSCHAP_V2 ? NL_MSCHAP_V2_CHAL_LEN : 16;
}

/* The user name inside "DOMAIN\user": what MS-CHAPv2's hash covers. */
static const char *strip_domain(const char *name)
{
	const char *bs = strrchr(name, '\\');

	return bs ? bs + 1 : name;
}

static void hex(char *out, const uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		snprintf(out + 2 * i, 3, "%02X", p[i]);
}

/* --- authenticator ------------------------------------------------------ */

static void server_end(struct chap *a, bool ok, const char *name,
		       const struct nl_secret *sec)
{
	a->server_over = true;
	nl_link_auth_done(link_of(a), true, ok, name, sec);
}

static void send_challenge(struct chap *a)
{
	struct nl_link *l = link_of(a);
	uint8_t pkt[600];
	size_t len;

	if (a->tries >= l->cfg->chap_max_challenge) {
		nl_err("Peer failed to respond to %s challenge", alg_name(a->alg));
		server_end(a, false, NULL, NULL);
		return;
	}
	if (a->tries == 0) {
		a->server_id++;
		a->chal_len = (uint8_t)challenge_len(a->alg);
		if (getrandom(a->challenge, a->chal_len, 0) != a->chal_len) {
			nl_err("CHAP: no random bytes for a challenge");
			server_end(a, false, NULL, NULL);
			return;
		}
	}
	len = ppp_chap_build(pkt, sizeof(pkt), PPP_CHAP_CHALLENGE, a->server_id,
			     a->challenge, a->chal_len,
			     (const uint8_t *)l->our_name, strlen(l->our_name));
	if (!len)
		return;
	a->tries++;
	nl_link_send(l, PPP_PROTO_CHAP, pkt, len);
	nl_timer_arm(l->loop, &a->timer, (uint64_t)l->cfg->chap_restart * 1000);
}

static void server_timeout(void *ctx)
{
	struct chap *a = ctx;

	if (a->server_over && !a->rechallenge) {
		/* chap-interval: challenge again on a running link. */
		a->server_over = false;
		a->rechallenge = true;
		a->tries = 0;
	}
	send_challenge(a);
}

static void status(struct chap *a, uint8_t code, uint8_t id, const char *msg)
{
	uint8_t pkt[300];
	size_t len = ppp_chap_build_status(pkt, sizeof(pkt), code, id,
					   (const uint8_t *)msg, strlen(msg));

	if (len)
		nl_link_send(link_of(a), PPP_PROTO_CHAP, pkt, len);
}

/*
 * Check the Response's Value against the secret; on success @msg is the
 * Success message (MS-CHAPv2's carries our authenticator response).
 */
static bool verify(struct chap *a, uint8_t id, const struct ppp_chap_msg *m,
		   const char *name, const struct nl_secret *sec, char *msg, size_t msgsz)
{
	const uint8_t *pw = (const uint8_t *)sec->secret;
	const char *user = strip_domain(name);
	uint8_t want[NL_MSCHAP_NT_LEN];
	char auth[NL_MSCHAP_AUTH_RESP_LEN + 1];
	bool ok = false;

	snprintf(msg, msgsz, "Access granted");
	switch (a->alg) {
	case PPP_CHAP_MD5:
		ok = chap_md5(id, sec, a->challenge, a->chal_len, want) == 0 &&
		     CRYPTO_memcmp(want, m->value, MD5_LEN) == 0;
		break;
	case PPP_CHAP_MSCHAP:
		/* LM-Response (24), NT-Response (24), Flags: 1 = use the NT one. */
		ok = m->value[48] == 1 &&
		     nl_mschap_v1_nt_response(a->challenge, pw, sec->secret_len, want) == 0 &&
		     CRYPTO_memcmp(want, m->value + 24, NL_MSCHAP_NT_LEN) == 0;
		break;
	case PPP_CHAP_MSCHAP_V2:
		/* Peer-Challenge (16), Reserved (8), NT-Response (24), Flags. */
		ok = nl_mschap_v2_nt_response(a->challenge, m->value, user, strlen(user),
					      pw, sec->secret_len, want) == 0 &&
		     CRYPTO_memcmp(want, m->value + 24, NL_MSCHAP_NT_LEN) == 0 &&
		     nl_mschap_v2_auth_response(pw, sec->secret_len, m->value + 24, m->value,
						a->challenge, user, strlen(user), auth) == 0;
		if (ok)
			snprintf(msg, msgsz, "%s M=Access granted", auth);
		break;
	}
	OPENSSL_cleanse(want, sizeof(want));
	if (ok && a->alg != PPP_CHAP_MD5) {
		uint8_t send[NL_MPPE_KEY_LEN], recv[NL_MPPE_KEY_LEN];

		if (mppe_keys(a->alg, pw, sec->secret_len, a->challenge, m->value + 24, true,
			      send, recv))
			nl_link_set_mppe_keys(link_of(a), send, recv, a->alg == PPP_CHAP_MSCHAP);
		OPENSSL_cleanse(send, sizeof(send));
		OPENSSL_cleanse(recv, sizeof(recv));
	}
	if (ok)
		snprintf(a->success, sizeof(a->success), "%s", msg);
	return ok;
}

/* Failure, in the form each algorithm's peer parses (RFC 2433 and 2759 6). */
static void failure(struct chap *a, uint8_t id)
{
	char msg[128], c[33];

	switch (a->alg) {
	case PPP_CHAP_MSCHAP:
	case PPP_CHAP_MSCHAP_V2:
		hex(c, a->challenge, a->chal_len);
		snprintf(msg, sizeof(msg), "E=691 R=0 C=%s V=%d M=Access denied", c,
			 a->alg == PPP_CHAP_MSCHAP_V2 ? 3 : 0);
		status(a, PPP_CHAP_FAILURE, id, msg);
		return;
	default:
		status(a, PPP_CHAP_FAILURE, id, "Access denied");
	}
}

static void server_response(struct chap *a, uint8_t id, const uint8_t *p, size_t len)
{
	struct nl_link *l = link_of(a);
	char name[256], success[128];
	struct ppp_chap_msg m;
	struct nl_secret sec;
	const char *lookup;
	bool ok;

	if (!a->server || id != a->server_id || ppp_chap_parse(p, len, &m) < 0)
		return;
	if (a->server_over) {	/* our Success was lost: say it again */
		if (l->auth_peer.done && a->success[0])
			status(a, PPP_CHAP_SUCCESS, id, a->success);
		return;
	}
	if (a->tries == 0)
		return;
	nl_auth_printable(name, sizeof(name), m.name, m.name_len);
	if (nl_auth_is_own_name(l, m.name, m.name_len) && !l->cfg->chap_allow_own_name) {
		nl_timer_cancel(l->loop, &a->timer);
		failure(a, id);
		nl_err("CHAP: refusing a Response in our own name %s (reflected?); chap-allow-own-name allows it",
		       name);
		server_end(a, false, name, NULL);
		return;
	}
	lookup = l->cfg->chapms_strip_domain && a->alg != PPP_CHAP_MD5 ?
		 strip_domain(name) : name;
	ok = m.value_len == (a->alg == PPP_CHAP_MD5 ? MD5_LEN : NL_MSCHAP_RESP_LEN) &&
	     memchr(m.name, 0, m.name_len) == NULL &&
	     nl_auth_peer_secret(l, "chap-secrets", lookup, &sec) == 0;
	if (ok)
		ok = verify(a, id, &m, name, &sec, success, sizeof(success));
	/* Only the addresses of the entry are kept: no secret. */
	OPENSSL_cleanse(sec.secret, sizeof(sec.secret));
	sec.secret_len = 0;
	nl_timer_cancel(l->loop, &a->timer);
	if (!ok) {
		failure(a, id);
		nl_err_rl(&l->log_rl, "%s peer authentication failed for %s", alg_name(a->alg),
			  name);
		server_end(a, false, name, NULL);
		return;
	}
	if (a->rechallenge && strcmp(name, l->peer_name) != 0) {
		failure(a, id);
		nl_err_rl(&l->log_rl, "CHAP peer changed its name from %s to %s",
			  l->peer_name, name);
		server_end(a, false, name, NULL);
		return;
	}
	status(a, PPP_CHAP_SUCCESS, id, success);
	a->tries = 0;
	if (a->rechallenge) {
		a->server_over = true;
		a->rechallenge = false;
	} else {
		server_end(a, true, name, &sec);
	}
	if (l->cfg->chap_interval && a->server)
		nl_timer_arm(l->loop, &a->timer, (uint64_t)l->cfg->chap_interval * 1000);
}

/* --- peer (we authenticate ourselves) ----------------------------------- */

static void client_end(struct chap *a, bool ok)
{
	nl_timer_cancel(link_of(a)->loop, &a->client_timer);
	a->client_over = true;
	nl_link_auth_done(link_of(a), false, ok, NULL, NULL);
}

/*
 * pppd has no client-side CHAP timeout; a peer that never challenges us
 * (or never answers our Response) would hold the link in the
 * authentication phase for ever. Our rule: the authenticator's own retry
 * budget, chap-restart x chap-max-challenge seconds, for the whole exchange.
 */
static unsigned int client_limit_s(const struct nl_config *c)
{
	return c->chap_restart * c->chap_max_challenge;
}

static void client_timeout(void *ctx)
{
	struct chap *a = ctx;

	nl_err("CHAP: the peer did not authenticate us within %u seconds",
	       client_limit_s(link_of(a)->cfg));
	client_end(a, false);
}

/* Our Response's Value to the Challenge @m; its length, 0 on failure. */
static size_t respond(struct chap *a, uint8_t id, const struct ppp_chap_msg *m,
		      const char *name, const struct nl_secret *sec,
		      uint8_t value[NL_MSCHAP_RESP_LEN])
{
	const uint8_t *pw = (const uint8_t *)sec->secret;
	const char *user = strip_domain(name);

	memset(value, 0, NL_MSCHAP_RESP_LEN);
	switch (a->client_alg) {
	case PPP_CHAP_MSCHAP:
		/* No LM-Response (zeros); the NT-Response, flagged as used. */
		if (nl_mschap_v1_nt_response(m->value, pw, sec->secret_len, value + 24) < 0)
			return 0;
		value[48] = 1;
		a->pend_keys = mppe_keys(a->client_alg, pw, sec->secret_len, m->value, NULL,
					 false, a->pend_send, a->pend_recv);
		return NL_MSCHAP_RESP_LEN;
	case PPP_CHAP_MSCHAP_V2:
		if (getrandom(value, 16, 0) != 16 ||
		    nl_mschap_v2_nt_response(m->value, value, user, strlen(user), pw,
					     sec->secret_len, value + 24) < 0 ||
		    nl_mschap_v2_auth_response(pw, sec->secret_len, value + 24, value, m->value,
					       user, strlen(user), a->want_auth) < 0)
			return 0;
		a->pend_keys = mppe_keys(a->client_alg, pw, sec->secret_len, m->value, value + 24,
					 false, a->pend_send, a->pend_recv);
		return NL_MSCHAP_RESP_LEN;
	default:
		return chap_md5(id, sec, m->value, m->value_len, value) < 0 ? 0 : MD5_LEN;
	}
}

static void client_challenge(struct chap *a, uint8_t id, const uint8_t *p, size_t len)
{
	struct nl_link *l = link_of(a);
	struct ppp_chap_msg m;
	struct nl_secret sec;
	uint8_t value[NL_MSCHAP_RESP_LEN], pkt[600];
	char server[256], name[256];
	size_t n, vlen;

	if (!a->client || (a->client_over && !l->auth_ours.done) ||
	    ppp_chap_parse(p, len, &m) < 0 || m.value_len == 0)
		return;
	if (a->client_alg != PPP_CHAP_MD5 && m.value_len != challenge_len(a->client_alg)) {
		nl_warn_rl(&l->log_rl, "%s: ignoring a Challenge of %zu bytes",
			   alg_name(a->client_alg), m.value_len);
		return;
	}
	nl_auth_printable(server, sizeof(server), m.name, m.name_len);
	/* Answering would hand the peer a Response to our own Challenge. */
	if (nl_auth_is_own_name(l, m.name, m.name_len) && !l->cfg->chap_allow_own_name) {
		nl_err("CHAP: not answering a Challenge in our own name %s (reflected?); chap-allow-own-name allows it",
		       server);
		client_end(a, false);
		return;
	}
	if (nl_auth_our_secret(l, "chap-secrets", server, name, sizeof(name), &sec) < 0) {
		client_end(a, false);
		return;
	}
	vlen = respond(a, id, &m, name, &sec, value);
	nl_secret_wipe(&sec);
	if (!vlen)
		return;
	n = ppp_chap_build(pkt, sizeof(pkt), PPP_CHAP_RESPONSE, id, value,
			   vlen, (const uint8_t *)name, strlen(name));
	OPENSSL_cleanse(value, sizeof(value));
	a->client_id = id;
	if (n)
		nl_link_send(l, PPP_PROTO_CHAP, pkt, n);
}

static void client_status(struct chap *a, uint8_t code, uint8_t id,
			  const uint8_t *msg, size_t len)
{
	struct nl_link *l = link_of(a);
	char text[128];

	if (!a->client || id != a->client_id || (a->client_over && !l->auth_ours.done))
		return;
	nl_auth_printable(text, sizeof(text), msg, len);
	/* MS-CHAPv2 (RFC 2759 5): the authenticator proves it knows the secret. */
	if (code == PPP_CHAP_SUCCESS && !a->client_over && a->client_alg == PPP_CHAP_MSCHAP_V2) {
		if (len < NL_MSCHAP_AUTH_RESP_LEN || !a->want_auth[0] ||
		    CRYPTO_memcmp(msg, a->want_auth, NL_MSCHAP_AUTH_RESP_LEN) != 0) {
			nl_err("MS-CHAP-v2: the peer's Success does not prove it knows the secret");
			client_end(a, false);
			return;
		}
		msg += NL_MSCHAP_AUTH_RESP_LEN;
		len -= NL_MSCHAP_AUTH_RESP_LEN;
		while (len && *msg == ' ')
			msg++, len--;
		if (len >= 2 && msg[0] == 'M' && msg[1] == '=')
			msg += 2, len -= 2;
		nl_auth_printable(text, sizeof(text), msg, len);
	}
	if (len)
		nl_info("Remote message: %s", text);
	if (code == PPP_CHAP_SUCCESS && !a->client_over) {
		if (a->pend_keys)
			nl_link_set_mppe_keys(l, a->pend_send, a->pend_recv,
					      a->client_alg == PPP_CHAP_MSCHAP);
		wipe_pending(a);
		client_end(a, true);
	}
	else if (code == PPP_CHAP_FAILURE)
		client_end(a, false);
}

static void chap_input(struct nl_proto_inst *pi, const uint8_t *p, size_t len)
{
	struct chap *a = pi->state;
	int blen = nl_auth_body_len(p, len);

	if (blen < 0)
		return;
	switch (p[0]) {
	case PPP_CHAP_CHALLENGE:
		client_challenge(a, p[1], p + 4, blen);
		return;
	case PPP_CHAP_RESPONSE:
		server_response(a, p[1], p + 4, blen);
		return;
	case PPP_CHAP_SUCCESS:
	case PPP_CHAP_FAILURE:
		client_status(a, p[0], p[1], p + 4, blen);
		return;
	}
}

static void chap_init(struct nl_proto_inst *pi)
{
	struct chap *a = pi->state;

	a->pi = pi;
	nl_timer_init(&a->timer, server_timeout, a);
	nl_timer_init(&a->client_timer, client_timeout, a);
}

static void chap_lower_down(struct nl_proto_inst *pi)
{
	struct chap *a = pi->state;

	nl_timer_cancel(pi->link->loop, &a->timer);
	nl_timer_cancel(pi->link->loop, &a->client_timer);
	a->server = a->server_over = a->rechallenge = false;
	a->client = a->client_over = false;
	OPENSSL_cleanse(a->want_auth, sizeof(a->want_auth));
	wipe_pending(a);
	a->success[0] = '\0';
}

/* RFC 1661 5.7: stop sending CHAP. Neither side can authenticate now (pppd). */
static void chap_rejected(struct nl_proto_inst *pi)
{
	struct chap *a = pi->state;

	if (a->client && !a->client_over) {
		nl_err("CHAP authentication failed due to protocol-reject");
		client_end(a, false);	/* closes the link, server side too */
		return;
	}
	if (!a->server)
		return;
	nl_timer_cancel(pi->link->loop, &a->timer);	/* no chap-interval challenge */
	if (!a->server_over) {
		nl_err("CHAP authentication of peer failed (protocol-reject)");
		server_end(a, false, NULL, NULL);
	}
}

static void chap_lower_up(struct nl_proto_inst *pi)
{
	struct chap *a = pi->state;
	struct nl_link *l = pi->link;

	chap_lower_down(pi);
	a->tries = 0;
	a->server = l->auth_peer.proto == PPP_PROTO_CHAP;
	a->client = l->auth_ours.proto == PPP_PROTO_CHAP;
	a->alg = l->auth_peer.chap_alg ? l->auth_peer.chap_alg : PPP_CHAP_MD5;
	a->client_alg = l->auth_ours.chap_alg ? l->auth_ours.chap_alg : PPP_CHAP_MD5;
	/* As the peer we wait for the authenticator's challenge, not for ever. */
	if (a->client)
		nl_timer_arm(l->loop, &a->client_timer,
			     (uint64_t)client_limit_s(l->cfg) * 1000);
	if (a->server)
		send_challenge(a);
}

const struct nl_proto nl_proto_chap = {
	.number = PPP_PROTO_CHAP,
	.name = "chap",
	.layer = NL_LAYER_AUTH,
	.state_size = sizeof(struct chap),
	.init = chap_init,
	.fini = chap_lower_down,
	.input = chap_input,
	.lower_up = chap_lower_up,
	.lower_down = chap_lower_down,
	.rejected = chap_rejected,
	.status = nl_auth_status,
	.describe = nl_describe_packet,
};
