/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The control protocol table. Each protocol is one file with one
 * descriptor; links and bundles keep one instance per table entry and
 * dispatch frames, phase changes and Protocol-Rejects through it. A
 * protocol reaches the rest of the daemon only through its instance's link
 * or bundle (link.h, bundle.h), never through another protocol.
 */
#ifndef NLPPPD_PROTO_H
#define NLPPPD_PROTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "libppp/fsm.h"
#include "event.h"

struct json_object;
struct nl_link;
struct nl_bundle;
struct nl_config;

/* When a protocol's instances are brought up (lower_up) and down. */
enum nl_proto_layer {
	NL_LAYER_LINK,		/* LCP: from link start; runs on the link */
	NL_LAYER_AUTH,		/* PAP, CHAP: once LCP is Opened; on the link */
	NL_LAYER_NETWORK,	/* NCPs: in the network phase; on the bundle */
};

struct nl_proto_inst;

struct nl_proto {
	uint16_t number;
	const char *name;		/* "lcp", "ipcp": logs, nlpppctl sections */
	enum nl_proto_layer layer;
	size_t state_size;		/* zeroed on allocation */
	/* Configured off (noip, ...): its frames get Protocol-Reject. */
	bool (*enabled)(const struct nl_config *c);
	void (*init)(struct nl_proto_inst *pi);
	/* Release timers and anything allocated; the state is then freed. */
	void (*fini)(struct nl_proto_inst *pi);
	void (*input)(struct nl_proto_inst *pi, const uint8_t *p, size_t len);
	/* The layer below is up / went down (see enum nl_proto_layer). */
	void (*lower_up)(struct nl_proto_inst *pi);
	void (*lower_down)(struct nl_proto_inst *pi);
	/* Administrative close (Terminate-Request for FSM protocols). */
	void (*close)(struct nl_proto_inst *pi, const char *reason);
	/* The peer sent a Protocol-Reject for this protocol. */
	void (*rejected)(struct nl_proto_inst *pi);
	/* Still negotiating or up (NCPs: the bundle closes when none is). */
	bool (*active)(const struct nl_proto_inst *pi);
	/* The `show` object for nlpppctl (a new reference). */
	struct json_object *(*status)(const struct nl_proto_inst *pi);
	/* One-line packet description for `debug` (dump.c). */
	void (*describe)(uint16_t proto, const uint8_t *p, size_t len, char *buf, size_t cap);
};

/* One protocol running on one link (link layers) or bundle (network layer). */
struct nl_proto_inst {
	const struct nl_proto *proto;
	struct nl_link *link;		/* NULL for network-layer instances */
	struct nl_bundle *bundle;
	void *state;			/* proto->state_size bytes, or NULL if disabled */
};

enum { NL_PROTO_MAX = 16 };

/* The table: every protocol nlpppd speaks, NULL-terminated. */
extern const struct nl_proto *const nl_protos[];
extern const struct nl_proto nl_proto_lcp, nl_proto_pap, nl_proto_chap,
	nl_proto_ipcp, nl_proto_ipv6cp, nl_proto_ccp;

/* CCP: the data plane's decompressor lost step; ask the peer for a reset. */
void nl_ccp_decomp_error(struct nl_proto_inst *pi);
/* CCP: start negotiating again (SIGUSR2). */
void nl_ccp_renegotiate(struct nl_proto_inst *pi);

/* Table index of protocol @number, or -1. */
int nl_proto_index(uint16_t number);
const struct nl_proto *nl_proto_find(uint16_t number);
const struct nl_proto *nl_proto_by_name(const char *name);

/*
 * Create the instances of @layer's side (links: LINK and AUTH layers;
 * bundles: NETWORK) in @insts (NL_PROTO_MAX entries). Disabled protocols
 * get no state. Returns 0 or -ENOMEM (then nothing is left allocated).
 */
int nl_proto_insts_init(struct nl_proto_inst *insts, bool network,
			struct nl_link *l, struct nl_bundle *b,
			const struct nl_config *c);
void nl_proto_insts_fini(struct nl_proto_inst *insts);
/* Call lower_up or lower_down on every running instance of @layer. */
void nl_proto_layer_up(struct nl_proto_inst *insts, enum nl_proto_layer layer);
void nl_proto_layer_down(struct nl_proto_inst *insts, enum nl_proto_layer layer);

/*
 * Shared glue for the protocols that run the RFC 1661 automaton (LCP,
 * IPCP, IPv6CP, later CCP): their state starts with a struct nl_cp.
 */
struct nl_cp {
	struct ppp_fsm fsm;
	struct nl_timer timer;
	struct nl_proto_inst *pi;
	/*
	 * The automaton bounds a silent peer (max-configure) and Naks
	 * (max-failure), not one that acks our requests and keeps sending
	 * options we must reject. So a negotiation (Req-Sent, Ack-Rcvd,
	 * Ack-Sent without a break) gets NL_CP_DEADLINE_ROUNDS x restart x
	 * max-configure to reach Opened: then LCP ends the link, an NCP
	 * closes (the bundle ends the link when no NCP is left), status 10.
	 */
	struct nl_timer deadline;
	uint64_t deadline_ms;
	/*
	 * Renegotiation budget. Leaving Opened because of what the peer sent
	 * (a Configure-Request, -Ack, -Nak or -Reject, a Terminate-Request,
	 * a Code- or Protocol-Reject) costs one of NL_CP_RENEG_BURST
	 * tokens, given back one per NL_CP_RENEG_MS; with none left such
	 * packets are ignored while Opened (counted): the peer's
	 * retransmission gets through once a token is back. Each round costs
	 * ip-down, route and address changes and ip-up: a peer cannot make
	 * them happen faster than this.
	 */
	uint64_t reneg_tat;		/* token bucket as a theoretical arrival time */
	uint64_t reneg_ignored;		/* packets ignored for want of a token */
};

enum {
	NL_CP_DEADLINE_ROUNDS = 2,
	NL_CP_RENEG_BURST = 5,
	NL_CP_RENEG_MS = 10000,
};

void nl_cp_init(struct nl_proto_inst *pi, const struct ppp_fsm_ops *ops,
		unsigned int restart_s, unsigned int max_configure,
		unsigned int max_terminate, unsigned int max_failure);
void nl_cp_fini(struct nl_proto_inst *pi);
static inline struct nl_cp *nl_cp_of(struct ppp_fsm *f)
{
	return f->priv;
}
/* The fsm ops' send/timer for every nl_cp protocol. */
void nl_cp_send(struct ppp_fsm *f, const uint8_t *pkt, size_t len);
void nl_cp_timer(struct ppp_fsm *f, uint32_t ms);
/* Standard hooks. */
void nl_cp_input(struct nl_proto_inst *pi, const uint8_t *p, size_t len);
void nl_cp_open_up(struct nl_proto_inst *pi);		/* Open + Up */
void nl_cp_down_close(struct nl_proto_inst *pi);	/* Down + Close, quietly */
void nl_cp_close(struct nl_proto_inst *pi, const char *reason);
void nl_cp_rejected(struct nl_proto_inst *pi);
bool nl_cp_active(const struct nl_proto_inst *pi);
const char *nl_fsm_state_name(enum ppp_fsm_state s);
/* {"state": ...}: the start of every nl_cp status object. */
struct json_object *nl_cp_status(const struct nl_proto_inst *pi);

/*
 * Automaton callbacks that hand the packet to a libppp negotiator
 * ppp_<pfx>_*(): for a state struct `struct <pfx>` holding `struct nl_cp
 * cp` first and the negotiator as `n`.
 */
#define NL_CP_NEG_WRAPPERS(pfx)                                                   \
	static struct pfx *pfx##_of(struct ppp_fsm *f)                            \
	{                                                                         \
		return (struct pfx *)nl_cp_of(f);                                 \
	}                                                                         \
	static void pfx##_reset(struct ppp_fsm *f)                                \
	{                                                                         \
		ppp_##pfx##_reset(&pfx##_of(f)->n);                               \
	}                                                                         \
	static size_t pfx##_build_req(struct ppp_fsm *f, uint8_t *b, size_t c)    \
	{                                                                         \
		return ppp_##pfx##_build_req(&pfx##_of(f)->n, b, c);              \
	}                                                                         \
	static int pfx##_recv_ack(struct ppp_fsm *f, const uint8_t *p, size_t l)  \
	{                                                                         \
		return ppp_##pfx##_recv_ack(&pfx##_of(f)->n, p, l);               \
	}                                                                         \
	static int pfx##_recv_nak(struct ppp_fsm *f, const uint8_t *p, size_t l,  \
				  bool last)                                      \
	{                                                                         \
		return ppp_##pfx##_recv_nak(&pfx##_of(f)->n, p, l, last);         \
	}                                                                         \
	static int pfx##_recv_rej(struct ppp_fsm *f, const uint8_t *p, size_t l)  \
	{                                                                         \
		return ppp_##pfx##_recv_rej(&pfx##_of(f)->n, p, l);               \
	}                                                                         \
	static int pfx##_recv_req(struct ppp_fsm *f, const uint8_t *p, size_t l,  \
				  uint8_t *o, size_t c, size_t *ol, bool nn)      \
	{                                                                         \
		return ppp_##pfx##_recv_req(&pfx##_of(f)->n, p, l, o, c, ol, nn); \
	}

#endif
