/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The access concentrator: `listen pppoe:IF` on one or more interfaces.
 * Discovery answers come from the stateless engine (disc.h); PADI floods
 * are cut by a per-interface token bucket and PADO can be delayed
 * (pppoe-pado-delay) so several concentrators on a segment share the load.
 * A PADR with a good cookie becomes a session with a random unused id and
 * a link and bundle from the server (server.h), limits and pool included.
 */
#ifndef NLPPPD_PPPOE_AC_H
#define NLPPPD_PPPOE_AC_H

struct nl_config;
struct nl_loop;
struct nl_pppoe_acs;
struct nl_server;
struct json_object;

int nl_pppoe_acs_open(struct nl_pppoe_acs **ap, struct nl_server *srv, struct nl_loop *loop,
		      const struct nl_config *cfg);
/* PADT to every session left, close the interfaces. NULL ok. */
void nl_pppoe_acs_close(struct nl_pppoe_acs *a);
/* Counters per interface, for the log at exit and nlpppctl. */
struct json_object *nl_pppoe_acs_status(const struct nl_pppoe_acs *a);

#endif
