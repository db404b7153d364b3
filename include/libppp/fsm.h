/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The RFC 1661 option negotiation automaton, shared by LCP, IPCP, IPv6CP
 * and CCP. Pure: it never does I/O or reads a clock. It sends packets and
 * arms its restart timer through callbacks, and the owner feeds it events
 * (lower layer up/down, administrative open/close, timeout, packets).
 */
#ifndef LIBPPP_FSM_H
#define LIBPPP_FSM_H

#include "compat.h"

enum ppp_fsm_state {
	PPP_FSM_INITIAL,
	PPP_FSM_STARTING,
	PPP_FSM_CLOSED,
	PPP_FSM_STOPPED,
	PPP_FSM_CLOSING,
	PPP_FSM_STOPPING,
	PPP_FSM_REQSENT,
	PPP_FSM_ACKRCVD,
	PPP_FSM_ACKSENT,
	PPP_FSM_OPENED,
};

struct ppp_fsm;

/*
 * What the protocol supplies. Option lists are the bytes after the 4-byte
 * code/id/length header. Every callback except send and timer may be NULL.
 */
struct ppp_fsm_ops {
	/* Start a new negotiation: reset what we request to the configured values. */
	void (*reset)(struct ppp_fsm *f);
	/* Write our Configure-Request options into @buf; return their length. */
	size_t (*build_req)(struct ppp_fsm *f, uint8_t *buf, size_t cap);
	/* The peer acked/naked/rejected our request: 0 if the list is valid for
	 * the request we sent (then our next request is adjusted), -EINVAL if it
	 * is not (the packet is discarded). @last is true for a Nak received once
	 * Max-Failure is exceeded: treat naked options as rejected. */
	int (*recv_ack)(struct ppp_fsm *f, const uint8_t *p, size_t len);
	int (*recv_nak)(struct ppp_fsm *f, const uint8_t *p, size_t len, bool last);
	int (*recv_rej)(struct ppp_fsm *f, const uint8_t *p, size_t len);
	/*
	 * The peer's Configure-Request. Write the reply options into @out (cap
	 * @cap) and return PPP_CONFACK, PPP_CONFNAK or PPP_CONFREJ, with
	 * *outlen set. When @no_nak is set (Max-Failure reached) options that
	 * would be naked must be rejected instead. Negative errno drops the packet.
	 */
	int (*recv_req)(struct ppp_fsm *f, const uint8_t *p, size_t len,
			uint8_t *out, size_t cap, size_t *outlen, bool no_nak);
	/* This-Layer-Up/Down/Started/Finished (RFC 1661 4.4). */
	void (*up)(struct ppp_fsm *f);
	void (*down)(struct ppp_fsm *f);
	void (*started)(struct ppp_fsm *f);
	void (*finished)(struct ppp_fsm *f);
	/*
	 * Codes beyond 1-7 (LCP's Protocol-Reject, Echo, Discard...). Return 0
	 * if handled, -EOPNOTSUPP to have a Code-Reject sent.
	 */
	int (*recv_code)(struct ppp_fsm *f, uint8_t code, uint8_t id,
			 const uint8_t *p, size_t len);
	/* A Code-Reject arrived for @code; return true if it is catastrophic. */
	bool (*code_rejected)(struct ppp_fsm *f, uint8_t code);
	/* A Terminate-Request arrived (for logging the peer's reason). */
	void (*peer_terminated)(struct ppp_fsm *f, const uint8_t *p, size_t len);

	/* Transmit @pkt (code, id, length, data; no protocol field). */
	void (*send)(struct ppp_fsm *f, const uint8_t *pkt, size_t len);
	/* Arm the restart timer to fire in @ms milliseconds; 0 stops it. */
	void (*timer)(struct ppp_fsm *f, uint32_t ms);
};

struct ppp_fsm {
	const struct ppp_fsm_ops *ops;
	void *priv;			/* owner's context */
	uint16_t proto;			/* for the owner's logging */
	enum ppp_fsm_state state;

	uint8_t id;			/* identifier of the next packet sent */
	uint8_t req_id;			/* identifier of our outstanding Configure-Request */
	bool req_pending;		/* a Configure-Request is outstanding */

	uint32_t restart_ms;		/* Restart timer, default 3000 */
	unsigned int max_configure;	/* default 10 */
	unsigned int max_terminate;	/* default 2 */
	unsigned int max_failure;	/* default 5 */
	unsigned int restart_count;	/* Restart counter */
	unsigned int failure_count;	/* Naks sent since the last Ack */
	unsigned int nak_rcvd_count;	/* Naks received since the last Ack */
	bool passive;			/* stay in Stopped instead of Closed on timeout */

	const char *term_reason;	/* data for our next Terminate-Request */
	bool rejected;			/* this-layer-finished came from RXJ- */
};

/* Set up @f with RFC 1661 defaults, in the Initial state. */
void ppp_fsm_init(struct ppp_fsm *f, const struct ppp_fsm_ops *ops,
		  void *priv, uint16_t proto);

/* Events. */
void ppp_fsm_lower_up(struct ppp_fsm *f);
void ppp_fsm_lower_down(struct ppp_fsm *f);
void ppp_fsm_open(struct ppp_fsm *f);
void ppp_fsm_close(struct ppp_fsm *f, const char *reason);
void ppp_fsm_timeout(struct ppp_fsm *f);
/* A packet for this protocol (code, id, length, data); bad lengths are dropped. */
void ppp_fsm_input(struct ppp_fsm *f, const uint8_t *pkt, size_t len);
/* RXJ-: the peer rejected this whole protocol (Protocol-Reject for it). */
void ppp_fsm_proto_rejected(struct ppp_fsm *f);

/* Send a packet with code @code and a fresh or given identifier. */
void ppp_fsm_send(struct ppp_fsm *f, uint8_t code, uint8_t id,
		  const uint8_t *data, size_t len);

const char *ppp_fsm_state_name(enum ppp_fsm_state s);
/* The RFC name of a control protocol code, or NULL for an unassigned one. */
const char *ppp_code_name(uint8_t code);

#endif
