/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One PPP link and its bundle: transport, framing, LCP, authentication,
 * NCPs and the data plane. Everything per-link lives here, so one process
 * can run one client link or thousands of server sessions alike.
 */
#ifndef NLPPPD_SESSION_H
#define NLPPPD_SESSION_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "libppp/ppp.h"
#include "libppp/fsm.h"
#include "libppp/hdlc.h"
#include "libppp/lcp.h"
#include "libppp/ipcp.h"
#include "libppp/ipv6cp.h"

#include "config.h"
#include "event.h"
#include "rtnl.h"
#include "secrets.h"
#include "transport/transport.h"
#include "dataplane/dataplane.h"

/* pppd's exit status codes. */
enum nl_exit {
	NL_EXIT_OK = 0,
	NL_EXIT_FATAL_ERROR = 1,
	NL_EXIT_OPTION_ERROR = 2,
	NL_EXIT_NOT_ROOT = 3,
	NL_EXIT_NO_KERNEL_SUPPORT = 4,
	NL_EXIT_USER_REQUEST = 5,
	NL_EXIT_LOCK_FAILED = 6,
	NL_EXIT_OPEN_FAILED = 7,
	NL_EXIT_CONNECT_FAILED = 8,
	NL_EXIT_PTYCMD_FAILED = 9,
	NL_EXIT_NEGOTIATION_FAILED = 10,
	NL_EXIT_PEER_AUTH_FAILED = 11,
	NL_EXIT_IDLE_TIMEOUT = 12,
	NL_EXIT_CONNECT_TIME = 13,
	NL_EXIT_CALLBACK = 14,
	NL_EXIT_PEER_DEAD = 15,
	NL_EXIT_HANGUP = 16,
	NL_EXIT_LOOPBACK = 17,
	NL_EXIT_INIT_FAILED = 18,
	NL_EXIT_AUTH_TOPEER_FAILED = 19,
	NL_EXIT_TRAFFIC_LIMIT = 20,
	NL_EXIT_CNID_AUTH_FAILED = 21,
};

enum nl_phase {
	NL_PHASE_DEAD,
	NL_PHASE_ESTABLISH,
	NL_PHASE_AUTHENTICATE,
	NL_PHASE_NETWORK,
	NL_PHASE_RUNNING,
	NL_PHASE_TERMINATE,
};

/* One side of an authentication exchange (PAP or CHAP, either role). */
struct nl_auth_side {
	uint16_t proto;		/* 0 = not running */
	bool done, failed;
	bool rechallenge;	/* CHAP authenticator: a chap-interval round */
	uint8_t id;
	unsigned int tries;
	struct nl_timer timer;
	uint8_t challenge[16];	/* CHAP authenticator: our last challenge */
	uint8_t chal_len;
};

struct nl_counters {
	uint64_t tx_frames, tx_bytes, rx_frames, rx_bytes;	/* on the link */
	uint64_t tx_ip, rx_ip, tx_ip_bytes, rx_ip_bytes;	/* data packets */
	uint64_t rx_dropped, tx_dropped, rx_unknown_proto;
};

struct nl_session;

/* Callbacks from the session to its owner (main.c for a client link). */
struct nl_session_owner {
	/* The link is dead (transport closed, all layers down). */
	void (*link_dead)(struct nl_session *s);
	/* The network came up (first NCP opened): updetach uses this. */
	void (*network_up)(struct nl_session *s);
};

struct nl_session {
	struct nl_loop *loop;
	const struct nl_config *cfg;
	const struct nl_session_owner *owner;
	void *owner_ctx;

	enum nl_phase phase;
	bool dying;		/* teardown scheduled on dead_timer */
	struct nl_timer dead_timer;
	int exit_status;	/* why the link ended, pppd's codes; -1 = not yet known */
	char our_name[256];	/* name for authentication (name/hostname) */
	char peer_name[256];	/* the name the peer authenticated with */

	/* Transport and framing. */
	struct nl_transport tr;
	struct nl_io tr_io;
	struct nl_io tr_wio;	/* the write side, when it is another fd (notty) */
	struct ppp_hdlc_tx htx;
	struct ppp_hdlc_rx hrx;
	struct ppp_sync_rx srx;	/* sync framing (shares rxframe with hrx) */
	uint8_t rxframe[PPP_MRU_MAX + 8];
	uint8_t *obuf;		/* encoded bytes waiting for the transport */
	size_t olen, ooff, ocap;
	bool tx_acfc, tx_pfc;	/* the peer accepts compressed headers */
	unsigned int peer_mru;

	/* Data plane. */
	struct nl_dataplane dp;
	struct nl_io dp_io;
	bool dp_up;
	bool hung_up;		/* the transport went away */
	bool dp_paused;		/* TUN reads paused: transport backlog */
	struct nl_rtnl *rtnl;
	struct nl_saved_route saved_route;
	bool route_added, addr4_added, addr6_added;
	bool resolv_written;

	/* LCP and NCPs. */
	struct ppp_fsm lcp, ipcp, ipv6cp;
	struct ppp_lcp_neg lcpn;
	struct ppp_ipcp_neg ipcpn;
	struct ppp_ipv6cp_neg ipv6cpn;
	struct nl_timer lcp_timer, ipcp_timer, ipv6cp_timer;
	struct nl_timer echo_timer, idle_timer, maxconnect_timer;
	unsigned int echo_pending;
	uint64_t last_data;	/* ms, for idle */
	uint64_t link_start;	/* ms, for CONNECT_TIME */
	bool ip_up, ipv6_up;
	uint64_t ipv6_peer_id;	/* the peer's interface identifier in use */
	uint32_t local_ip, remote_ip;	/* host order, once IPCP is up */

	/* Authentication: peer_auth = the peer proves itself to us. */
	struct nl_auth_side peer_auth, our_auth;
	struct nl_secret peer_secret;	/* the peer's entry, secret wiped: addresses */
	bool peer_secret_valid;

	struct nl_counters ctr;
};

int nl_session_init(struct nl_session *s, struct nl_loop *loop,
		    const struct nl_config *cfg,
		    const struct nl_session_owner *owner, void *owner_ctx);
/* Open the transport and the interface, start LCP. */
int nl_session_start(struct nl_session *s);
/* Record why the link ends, unless a reason is already known. */
void nl_session_set_status(struct nl_session *s, int status);
/* Administrative close: Terminate-Request, then link_dead. */
void nl_session_close(struct nl_session *s, const char *reason, int status);
/* Release everything (after link_dead); idempotent. */
void nl_session_stop(struct nl_session *s);
void nl_session_fini(struct nl_session *s);

/* A frame's information field for @proto arrived from the peer: dispatch it. */
void nl_session_input(struct nl_session *s, uint16_t proto, const uint8_t *p,
		      size_t len);
/* Send a control or data frame of protocol @proto to the peer. */
void nl_session_send(struct nl_session *s, uint16_t proto, const uint8_t *p,
		     size_t len);
/* Lower-layer event: the transport hung up. */
void nl_session_hangup(struct nl_session *s);

/* Phase changes (lcp.c/auth.c/ncp.c call these). */
void nl_session_lcp_up(struct nl_session *s);
void nl_session_lcp_down(struct nl_session *s);
void nl_session_lcp_finished(struct nl_session *s);
void nl_session_auth_done(struct nl_session *s);
void nl_session_set_phase(struct nl_session *s, enum nl_phase p);

/* lcp.c */
void nl_lcp_init(struct nl_session *s);
void nl_lcp_input(struct nl_session *s, const uint8_t *p, size_t len);
/* Send a Protocol-Reject for @proto carrying @info (the frame after its protocol field). */
void nl_lcp_proto_reject(struct nl_session *s, uint16_t proto,
			 const uint8_t *info, size_t len);
void nl_lcp_echo_start(struct nl_session *s);
void nl_lcp_echo_stop(struct nl_session *s);

/* ncp.c */
void nl_ncp_init(struct nl_session *s);
void nl_ncp_start(struct nl_session *s);	/* network phase: open NCPs */
void nl_ncp_lower_down(struct nl_session *s);
void nl_ncp_input(struct nl_session *s, uint16_t proto, const uint8_t *p,
		  size_t len);
void nl_ncp_rejected(struct nl_session *s, uint16_t proto);

/* auth/auth.c */
void nl_auth_start(struct nl_session *s);
void nl_auth_stop(struct nl_session *s);
void nl_auth_input(struct nl_session *s, uint16_t proto, const uint8_t *p,
		   size_t len);

const char *nl_phase_name(enum nl_phase p);

#endif
