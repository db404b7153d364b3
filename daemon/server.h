/* SPDX-License-Identifier: GPL-2.0 */
/*
 * `listen [ADDR:]PORT`: accept PPP over TCP and run one bundle per
 * connection in this process, with limits (max-sessions, per source
 * address) and remote addresses from remote-ip-pool or the secrets file.
 */
#ifndef NLPPPD_SERVER_H
#define NLPPPD_SERVER_H

#include <stdbool.h>
#include <stdint.h>

struct nl_config;
struct nl_registry;
struct nl_server;
struct nl_transport;

int nl_server_open(struct nl_server **sp, struct nl_registry *reg,
		   const struct nl_config *cfg);
/* Stop accepting, terminate every session; the loop stops when all are gone. */
void nl_server_shutdown(struct nl_server *s);
void nl_server_hangup_all(struct nl_server *s);
int nl_server_status(const struct nl_server *s);
/* Shutting down (SIGTERM): no new sessions. */
bool nl_server_closing(const struct nl_server *s);
void nl_server_close(struct nl_server *s);

/*
 * For server transports other than TCP (PPPoE): may a peer whose address
 * hashes to @key (never 0) have one more session? Then run a link and a
 * bundle on @tr (taken: closed on failure). @name names the peer in logs.
 */
bool nl_server_admit(struct nl_server *s, uint32_t key, const char *name);
int nl_server_start(struct nl_server *s, struct nl_transport *tr, const char *name, uint32_t key);
/* The registry the server's sessions share (its genl channel, ...). */
struct nl_registry *nl_server_registry(struct nl_server *s);

/* remote-ip-pool: "A.B.C.D/N" or "A.B.C.D-E.F.G.H" (host order out). */
int nl_pool_parse(const char *s, uint32_t *first, uint32_t *last);

#endif
