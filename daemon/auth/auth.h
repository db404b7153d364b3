/* SPDX-License-Identifier: GPL-2.0 */
/* Shared between the authentication protocols; not for the rest of the daemon. */
#ifndef NLPPPD_AUTH_INTERNAL_H
#define NLPPPD_AUTH_INTERNAL_H

#include "session.h"

/* One side finished: @ok false closes the link with the right exit status. */
void nl_auth_side_done(struct nl_session *s, struct nl_auth_side *side, bool ok);

/* Our own name and secret for authenticating to the peer (@server: its name or NULL). */
int nl_auth_our_secret(struct nl_session *s, const char *file, const char *server,
		       char *name, size_t namesz, struct nl_secret *sec);
/* The peer's secret for @client, in @file (pap-secrets or chap-secrets). */
int nl_auth_peer_secret(struct nl_session *s, const char *file, const char *client,
			struct nl_secret *sec);

void nl_pap_start_server(struct nl_session *s);
void nl_pap_start_client(struct nl_session *s);
void nl_pap_input(struct nl_session *s, const uint8_t *p, size_t len);
void nl_chap_start_server(struct nl_session *s);
void nl_chap_start_client(struct nl_session *s);
void nl_chap_input(struct nl_session *s, const uint8_t *p, size_t len);

/* A printable, bounded copy of a peer-supplied name for logs. */
void nl_auth_printable(char *dst, size_t dstsz, const uint8_t *src, size_t len);

#endif
