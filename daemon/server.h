/* SPDX-License-Identifier: GPL-2.0 */
/*
 * `listen [ADDR:]PORT`: accept PPP over TCP and run one bundle per
 * connection in this process, with limits (max-sessions, per source
 * address) and remote addresses from remote-ip-pool or the secrets file.
 */
#ifndef NLPPPD_SERVER_H
#define NLPPPD_SERVER_H

#include <stdint.h>

struct nl_config;
struct nl_registry;
struct nl_server;

int nl_server_open(struct nl_server **sp, struct nl_registry *reg,
		   const struct nl_config *cfg);
/* Stop accepting, terminate every session; the loop stops when all are gone. */
void nl_server_shutdown(struct nl_server *s);
void nl_server_hangup_all(struct nl_server *s);
int nl_server_status(const struct nl_server *s);
void nl_server_close(struct nl_server *s);

/* remote-ip-pool: "A.B.C.D/N" or "A.B.C.D-E.F.G.H" (host order out). */
int nl_pool_parse(const char *s, uint32_t *first, uint32_t *last);

#endif
