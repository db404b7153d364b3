/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A bundle: one network interface (pppN) on a data plane, the NCPs that
 * run over it, and what they configure: addresses, routes, DNS, scripts.
 * Links attach to it; one for now, several with multilink. Network-layer
 * protocols talk to it through the functions below.
 */
#ifndef NLPPPD_BUNDLE_H
#define NLPPPD_BUNDLE_H

#include <stdbool.h>
#include <stdint.h>
#include <netinet/in.h>

#include "dataplane/dataplane.h"
#include "event.h"
#include "link.h"
#include "proto/proto.h"
#include "rtnl.h"

struct nl_registry;
struct nl_bundle;
struct nl_script_queue;

/* Whoever created the bundle (the client loop in main.c, a server). */
struct nl_bundle_owner {
	/* Every link is gone and the interface destroyed: call nl_bundle_free. */
	void (*dead)(struct nl_bundle *b);
	/* The first NCP opened (updetach, persist accounting). */
	void (*network_up)(struct nl_bundle *b);
};

struct nl_bundle {
	uint32_t id;
	struct nl_registry *reg;
	struct nl_loop *loop;
	const struct nl_config *cfg;
	const struct nl_bundle_owner *owner;
	void *owner_ctx;
	struct nl_bundle *next;		/* in the registry */
	struct nl_bundle **pprev;	/* what points at us there; NULL when not in it */

	struct nl_dataplane dp;
	struct nl_link *links;
	unsigned int nlinks;
	int exit_status;		/* pppd's codes; -1 = not known yet */
	bool network;			/* NCPs started */
	bool dead_reported;
	bool debug;			/* nlpppctl debug IF on: this bundle's packets logged */
	uint64_t start_ms;

	/* Assigned by a server before the network phase (0 = from options). */
	uint32_t pool_remote;		/* host order */

	/* What the NCPs configured. */
	bool ip_up, ipv6_up, if_up;
	bool qdisc_set;		/* user-plane PPPoE: noqueue given (once, before the first up) */
	uint32_t local_ip, remote_ip;	/* host order */
	uint64_t ipv6_local, ipv6_remote;
	struct nl_saved_route saved_route;
	bool route_added, addr4_added, addr6_added, resolv_written;
	struct nl_script_queue *scripts;	/* script.c: run one at a time */
	struct nl_timer idle_timer, maxconnect_timer;
	uint64_t idle_last_packets, idle_last_active;
	uint64_t idle_since;		/* network up: CONNECT_TIME, idle */
	struct nl_dp_stats final;	/* counters at teardown */

	struct nl_proto_inst protos[NL_PROTO_MAX];
};

int nl_bundle_new(struct nl_bundle **bp, struct nl_registry *reg,
		  const struct nl_config *cfg, const struct nl_bundle_owner *owner,
		  void *owner_ctx);
/*
 * Create the interface on the configured data plane (@tty: the first link
 * is a tty, so the kernel plane can take it), attach @l and start LCP.
 * On error everything is released but @b and @l themselves.
 */
int nl_bundle_start(struct nl_bundle *b, struct nl_link *l);
void nl_bundle_free(struct nl_bundle *b);
/* Close every link (Terminate-Request); the bundle then dies. */
void nl_bundle_close(struct nl_bundle *b, const char *reason, int status);
/* Drop every link at once, like SIGHUP. */
void nl_bundle_hangup(struct nl_bundle *b);
int nl_bundle_status_code(const struct nl_bundle *b);

/* The interface MTU: the peer's MRU, lowered by the mtu option, the
 * transport (PPPoE), PPP_MRU_MAX and MPPE's 4 bytes. */
unsigned int nl_bundle_mtu(unsigned int peer_mru, unsigned int cfg_mtu,
			   unsigned int transport_mtu, bool mppe);
struct nl_link *nl_bundle_first_link(const struct nl_bundle *b);

/* --- for links ------------------------------------------------------------ */
/* @l finished authentication: start (or join) the network phase. */
void nl_bundle_link_up(struct nl_bundle *b, struct nl_link *l);
/* @l left the network phase (LCP down). */
void nl_bundle_link_down(struct nl_bundle *b, struct nl_link *l);
/* @l is dead: detach and free it; the last one takes the bundle down. */
void nl_bundle_link_dead(struct nl_bundle *b, struct nl_link *l);
void nl_bundle_set_status(struct nl_bundle *b, int status);

/* --- for network protocols ------------------------------------------------ */
void nl_bundle_send(struct nl_bundle *b, uint16_t proto, const uint8_t *p, size_t len);
/* The remote address to offer, or 0: a server pool, the secrets file. */
uint32_t nl_bundle_remote_hint(const struct nl_bundle *b);
/* The peer's secrets entry allows it @addr (host order). */
bool nl_bundle_peer_addr_allowed(const struct nl_bundle *b, uint32_t addr);
int nl_bundle_ipv4_up(struct nl_bundle *b, uint32_t local, uint32_t remote,
		      uint32_t dns1, uint32_t dns2);
void nl_bundle_ipv4_down(struct nl_bundle *b);
int nl_bundle_ipv6_up(struct nl_bundle *b, uint64_t local_id, uint64_t remote_id);
void nl_bundle_ipv6_down(struct nl_bundle *b);
/* An NCP finished: with none left running, the links are closed. */
void nl_bundle_ncp_finished(struct nl_bundle *b);
void nl_bundle_event(struct nl_bundle *b, const char *event, const char *key,
		     const char *value);

/* Counters now (live from the data plane; after teardown, the last ones). */
/*
 * From the data plane: the decompressor lost step (a bad or missing
 * packet); CCP asks the peer for a reset (Reset-Request).
 */
void nl_bundle_dp_ccp_error(struct nl_bundle *b);
/* Renegotiate compression (SIGUSR2); nothing before the network phase. */
void nl_bundle_ccp_renegotiate(struct nl_bundle *b);
void nl_bundle_stats(struct nl_bundle *b, struct nl_link *l, struct nl_dp_stats *st);
struct json_object *nl_bundle_status(struct nl_bundle *b);

#endif
