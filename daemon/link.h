/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A link: one transport (tty, pty, stdio, TCP socket ...) with its framing,
 * running LCP and authentication. It belongs to a bundle (bundle.h) whose
 * data plane carries its frames. Protocols of the link layers talk to it
 * through the functions below and nothing else.
 */
#ifndef NLPPPD_LINK_H
#define NLPPPD_LINK_H

#include <stdbool.h>
#include <stdint.h>

#include "dataplane/dataplane.h"
#include "event.h"
#include "log.h"
#include "proto/proto.h"
#include "secrets.h"
#include "transport/transport.h"

struct nl_bundle;
struct nl_config;
struct json_object;

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

const char *nl_phase_name(enum nl_phase p);

/* The authentication exchange in one direction, as the link sees it. */
struct nl_auth_state {
	uint16_t proto;		/* 0 = none */
	uint8_t chap_alg;	/* for CHAP: PPP_CHAP_MD5, _MSCHAP or _MSCHAP_V2 */
	bool done, failed;
};

/* What LCP settled on, handed to the link when it opens. */
struct nl_lcp_result {
	struct nl_link_params lp;
	uint16_t auth_peer;	/* what the peer must do to us (0 = nothing) */
	uint16_t auth_ours;	/* what we must do to the peer */
	uint8_t chap_alg_peer, chap_alg_ours;	/* for CHAP, its algorithm */
	bool auth_required;	/* we asked and the peer refused every method */
};

struct nl_link {
	uint32_t id;
	struct nl_loop *loop;
	const struct nl_config *cfg;
	struct nl_bundle *bundle;
	struct nl_link *next;		/* in the bundle's list */

	struct nl_transport tr;
	enum nl_phase phase;
	bool attached;			/* the data plane has the transport */
	bool hung_up;
	bool dying;			/* teardown scheduled on dead_timer */
	struct nl_timer dead_timer;
	uint64_t start_ms;

	char our_name[256];		/* name for authentication (name/hostname) */
	char peer_name[256];		/* the name the peer authenticated with */
	struct nl_auth_state auth_peer, auth_ours;
	struct nl_secret_addrs peer_addrs;	/* the peer's secrets entry: its addresses only */
	bool peer_addrs_valid;

	/* MPPE start keys (RFC 3079) from MS-CHAP, for CCP; never logged, wiped
	 * when the link goes. */
	uint8_t mppe_send[16], mppe_recv[16];
	bool mppe_keys;
	bool mppe_v1;			/* from MS-CHAPv1: no 40-bit keys (they need LM) */

	struct nl_link_params lp;	/* framing in force */
	uint64_t rx_unknown_proto, rx_early;	/* dropped before their phase */
	struct nl_ratelimit log_rl;	/* what the peer can make us log, again and again */
	struct nl_proto_inst protos[NL_PROTO_MAX];
	void *dp_priv;			/* the data plane's per-link state */
};

/* A link on transport @tr (taken over: @tr is zeroed). */
int nl_link_new(struct nl_link **lp, struct nl_loop *loop,
		const struct nl_config *cfg, struct nl_transport *tr);
/* Release everything (after nl_bundle_remove_link); NULL ok. */
void nl_link_free(struct nl_link *l);
/* Start LCP (the link is attached to its bundle's data plane). */
void nl_link_start(struct nl_link *l);

/* --- for the data plane -------------------------------------------------- */
/* A frame arrived for the daemon: dispatch it by protocol. */
void nl_link_dp_frame(struct nl_link *l, uint16_t proto, const uint8_t *p, size_t len);
/* The transport hung up (EOF, the kernel link went down). */
void nl_link_dp_down(struct nl_link *l);

/* --- for protocols ------------------------------------------------------- */
void nl_link_send(struct nl_link *l, uint16_t proto, const uint8_t *p, size_t len);
/* Record why the link ends (pppd's codes) unless a reason is known. */
void nl_link_set_status(struct nl_link *l, int status);
/* Terminate: LCP Terminate-Request, then the link goes dead. */
void nl_link_close(struct nl_link *l, const char *reason, int status);
void nl_link_set_phase(struct nl_link *l, enum nl_phase p);
void nl_link_lcp_up(struct nl_link *l, const struct nl_lcp_result *r);
void nl_link_lcp_down(struct nl_link *l);
void nl_link_lcp_finished(struct nl_link *l);
/* The peer sent a Protocol-Reject for @proto. */
void nl_link_proto_rejected(struct nl_link *l, uint16_t proto);
/* One side of authentication ended. @peer: the peer proved itself to us
 * (@name its name, @sec its secrets entry with the secret wiped). */
void nl_link_auth_done(struct nl_link *l, bool peer, bool ok, const char *name,
		       const struct nl_secret *sec);
/* Monitor events. */
void nl_link_event(struct nl_link *l, const char *event, const char *key,
		   const char *value);

/* MS-CHAP succeeded: MPPE keys for what we send and what we receive. */
void nl_link_set_mppe_keys(struct nl_link *l, const uint8_t send[16], const uint8_t recv[16],
			   bool v1);

/* The instance of @proto on this link or its bundle (NULL if none). */
struct nl_proto_inst *nl_link_proto(struct nl_link *l, const struct nl_proto *p);

/* `nlpppctl show IF link` */
struct json_object *nl_link_status(struct nl_link *l);

#endif
