/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The PPPoE client (pppd's rp-pppoe plugin): discovery on the interface
 * the options name, in the event loop, then a session whose transport
 * goes to the caller. A PADT from the concentrator ends the link (it sees
 * a hangup); the link ending sends a PADT.
 */
#ifndef NLPPPD_PPPOE_CLIENT_H
#define NLPPPD_PPPOE_CLIENT_H

struct nl_config;
struct nl_loop;
struct nl_pppoe_client;
struct nl_transport;

/* @tr: the session's transport to build a link on, or NULL: discovery failed (@why). */
typedef void (*nl_pppoe_ready_fn)(void *ctx, struct nl_transport *tr, const char *why);

struct nl_registry;
/* @reg: its genl channel makes the session's kernel link early (kernel plane); NULL ok. */
int nl_pppoe_client_start(struct nl_pppoe_client **cp, struct nl_loop *loop,
			  struct nl_registry *reg, const struct nl_config *cfg,
			  nl_pppoe_ready_fn ready, void *ctx);
/* PADT if a session is up, close the sockets. NULL ok. */
void nl_pppoe_client_free(struct nl_pppoe_client *c);

/* Hex Host-Uniq as bytes; its length or -EINVAL. */
int nl_pppoe_parse_hex(const char *s, unsigned char *out, size_t cap);

#endif
