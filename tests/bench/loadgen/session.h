/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One client PPP session of the load generator: LCP, PAP or CHAP-MD5 as
 * the authenticatee, IPCP asking for an address, and an ICMP echo
 * responder. The bytes move through a transport (transport.h), so the same
 * session code runs over TCP with async HDLC now and PPPoE later.
 */
#ifndef LOADGEN_SESSION_H
#define LOADGEN_SESSION_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stdint.h>

#include "libppp/fsm.h"
#include "libppp/ipcp.h"
#include "libppp/lcp.h"

#include "event.h"

/* Why a session did not come up (or went away); LG_OK while it is fine. */
enum lg_reason {
	LG_OK,
	LG_CONNECT_REFUSED,
	LG_CONNECT_ERROR,	/* any other connect or socket error */
	LG_TIMEOUT,		/* not up within --timeout */
	LG_AUTH_FAILED,
	LG_NEG_FAILED,		/* LCP or IPCP gave up, or no usable address */
	LG_PEER_CLOSED,		/* TCP closed or LCP terminated by the server */
	LG_ABORTED,		/* interrupted by a signal before it came up */
	LG_NREASONS,
};

enum lg_state {
	LG_IDLE,		/* not started */
	LG_CONNECTING,
	LG_NEGOTIATING,		/* LCP, authentication, IPCP */
	LG_UP,			/* IPCP Opened */
	LG_CLOSING,		/* our Terminate-Request is out */
	LG_DONE,		/* transport released */
};

struct lg_session;

/* What a session needs from its transport. All calls are non-blocking. */
struct lg_transport_ops {
	/* Start connecting; lg_session_lower_up() follows. 0 or -errno. */
	int (*open)(struct lg_session *s);
	/* Send one frame: PPP header (address/control, protocol) + information. */
	void (*send)(struct lg_session *s, const uint8_t *frame, size_t len);
	/* LCP came up: the ACCMs each side asked for (async framing only). */
	void (*set_accm)(struct lg_session *s, uint32_t tx, uint32_t rx);
	/* Release everything; no callbacks after this. */
	void (*close)(struct lg_session *s);
	/* Frames travel whole (PPPoE): LCP asks no ACCM nor ACFC, MRU 1492. */
	bool packet;
};

/* Configuration and callbacks shared by every session of a run. */
struct lg_ctx {
	struct nl_loop *loop;
	const struct lg_transport_ops *tr;
	struct sockaddr_in server;
	const char *pppoe_if;		/* PPPoE on this interface instead of TCP */
	struct in_addr source_base;	/* 0 = let the kernel choose */
	unsigned int sources;		/* round-robin over this many from source_base */
	const char *user, *password;	/* NULL = refuse to authenticate */
	unsigned int timeout_ms;	/* per session, connect to IPCP Opened */
	bool ping;			/* once up, ping the server's address */
	bool quiet;

	/* The session came up (state LG_UP) or failed (s->reason set). */
	void (*settled)(struct lg_session *s);
	/* With ping: the ping was answered or given up (s->ping_ok says). */
	void (*ping_done)(struct lg_session *s);
	/* Transport released; the session may be started never again. */
	void (*finished)(struct lg_session *s);
};

struct lg_session {
	struct lg_ctx *ctx;
	unsigned int idx;
	enum lg_state state;
	enum lg_reason reason;	/* first failure seen; kept once set */
	bool was_up, dropped;	/* came up; later closed by the server */
	bool ping_ok;
	bool ping_pending;	/* ctx->ping_done is still owed */

	void *tr_priv;		/* the transport's per-session state */

	struct ppp_fsm lcp, ipcp;
	struct ppp_lcp_neg lcpn;
	struct ppp_ipcp_neg ipcpn;
	struct nl_timer lcp_timer, ipcp_timer;
	struct nl_timer aux_timer;	/* PAP retransmit, then ping retransmit */
	struct nl_timer timer;		/* deadline, then teardown */

	uint16_t auth_proto;		/* what the server asked of us; 0 = none */
	uint8_t auth_id, tries;
	bool auth_done;
	bool tx_acfc, tx_pfc;

	uint32_t local_ip, remote_ip;	/* host order, once up */
	uint64_t t_start_us, t_up_us;	/* connect start, IPCP Opened */
};

/* Time in microseconds on CLOCK_MONOTONIC. */
uint64_t lg_now_us(void);

void lg_session_init(struct lg_session *s, struct lg_ctx *ctx, unsigned int idx);
/* Connect and negotiate; failures are reported through ctx->settled. */
void lg_session_start(struct lg_session *s);
/* Terminate cleanly (LCP Terminate-Request, brief wait for the Ack). */
void lg_session_close(struct lg_session *s);
/* Release the transport without a Terminate-Request (PPPoE: a PADT alone). */
void lg_session_drop(struct lg_session *s);
/* Drop the transport now, whatever the state. */
void lg_session_abort(struct lg_session *s);

/* Transport to session. */
void lg_session_lower_up(struct lg_session *s);
/* The transport failed or the peer closed it: @err is 0 for EOF, else -errno. */
void lg_session_lower_down(struct lg_session *s, int err);
void lg_session_frame(struct lg_session *s, uint8_t *frame, size_t len);

const char *lg_reason_name(enum lg_reason r);
/* Load what the first session would load (libcrypto's MD5), so memory can be measured. */
void lg_session_warmup(void);

#endif
