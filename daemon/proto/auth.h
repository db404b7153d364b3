/* SPDX-License-Identifier: GPL-2.0 */
/* Shared between the authentication protocols (pap.c, chap.c); not for the rest of the daemon. */
#ifndef NLPPPD_PROTO_AUTH_H
#define NLPPPD_PROTO_AUTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "link.h"

/* Our own name and secret for authenticating to the peer (@server: its name or NULL). */
int nl_auth_our_secret(struct nl_link *l, const char *file, const char *server,
		       char *name, size_t namesz, struct nl_secret *sec);
/* The peer's secret for @client, in @file (pap-secrets or chap-secrets). */
int nl_auth_peer_secret(struct nl_link *l, const char *file, const char *client,
			struct nl_secret *sec);
/*
 * @name (@len bytes, from the peer) is a name we authenticate as: our
 * `name` (or the hostname) or our `user`. A peer that names us in a CHAP
 * Challenge or Response may be reflecting our own packets back at us.
 */
bool nl_auth_is_own_name(const struct nl_link *l, const uint8_t *name, size_t len);
/*
 * The body length of a PAP/CHAP packet (code, id, length, body) whose
 * Length field fits in @len, or -1 for a packet to drop.
 */
int nl_auth_body_len(const uint8_t *p, size_t len);
/* A printable, bounded copy of a peer-supplied name for logs. */
void nl_auth_printable(char *dst, size_t dstsz, const uint8_t *src, size_t len);
/* "pap", "chap" (MD5), "mschap" or "mschap-v2". */
const char *nl_auth_method_name(uint16_t proto, uint8_t chap_alg);
/* {"ours": {...}, "peer": {...}} for the link's two directions. */
struct json_object *nl_auth_status(const struct nl_proto_inst *pi);

#endif
