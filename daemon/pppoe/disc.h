/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The PPPoE Discovery stage (RFC 2516 5) as two engines without sockets or
 * clocks of their own: the host's (PADI, choose a PADO, PADR, PADS, with
 * retries and backoff) and the access concentrator's (PADO with an
 * AC-Cookie that keeps no state before PADR, PADS with a session id,
 * PADT). The caller feeds received packets and timer expiries and gets
 * frames to send and results through callbacks, so the same code runs
 * under the daemon's loop, the unit tests and the fuzzer.
 */
#ifndef NLPPPD_PPPOE_DISC_H
#define NLPPPD_PPPOE_DISC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "libppp/pppoe.h"

enum { NL_PPPOE_NAME_MAX = 64, NL_PPPOE_UNIQ_MAX = 32, NL_PPPOE_COOKIE_LEN = 24 };

/* Counters of what was dropped, by reason. */
struct nl_pppoe_disc_stats {
	uint64_t rx, malformed[PPP_PPPOE_ERR_MAX];
	uint64_t not_for_us;		/* wrong Host-Uniq, AC, state or session */
	uint64_t bad_cookie;		/* PADR whose AC-Cookie we did not make */
	uint64_t refused;		/* PADS with an error tag (host), full (AC) */
};

/* --- the host --------------------------------------------------------------- */

enum nl_pppoe_host_state {
	NL_PPPOE_HOST_IDLE, NL_PPPOE_HOST_PADI, NL_PPPOE_HOST_PADR, NL_PPPOE_HOST_SESSION,
	NL_PPPOE_HOST_FAILED,
};

struct nl_pppoe_host_ops {
	/* Send @len bytes of PPPoE (header on) to @dst. */
	void (*send)(void *ctx, const uint8_t dst[6], const uint8_t *pkt, size_t len);
	/* Run nl_pppoe_host_timeout() in @ms (0: cancel). */
	void (*timer)(void *ctx, unsigned int ms);
	/* The session is up (@ac: the concentrator's MAC), or it ended. */
	void (*up)(void *ctx, const uint8_t ac[6], uint16_t session, uint16_t max_payload);
	void (*down)(void *ctx, const char *why);
};

struct nl_pppoe_host {
	const struct nl_pppoe_host_ops *ops;
	void *ctx;
	/* Configuration. */
	char service[NL_PPPOE_NAME_MAX];	/* pppoe-service; empty: any */
	char ac_name[NL_PPPOE_NAME_MAX];	/* pppoe-ac; empty: the first to offer */
	uint8_t uniq[NL_PPPOE_UNIQ_MAX];	/* Host-Uniq we send (random by default) */
	uint8_t uniq_len;
	unsigned int timeout_ms;		/* first PADI/PADR wait (pppoe-padi-timeout) */
	unsigned int attempts;			/* sends of each (pppoe-padi-attempts) */
	uint16_t max_payload;			/* RFC 4638: ask for more than 1492 */
	/* State. */
	enum nl_pppoe_host_state state;
	unsigned int tries, wait_ms;
	uint8_t ac[6];
	uint8_t cookie[PPP_PPPOE_PAYLOAD_MAX];
	uint16_t cookie_len;
	bool has_cookie;
	uint8_t relay[PPP_PPPOE_PAYLOAD_MAX];
	uint16_t relay_len;
	bool has_relay;
	uint16_t session;
	struct nl_pppoe_disc_stats stats;
};

void nl_pppoe_host_start(struct nl_pppoe_host *h);
void nl_pppoe_host_input(struct nl_pppoe_host *h, const uint8_t src[6], const uint8_t *pkt,
			 size_t len);
void nl_pppoe_host_timeout(struct nl_pppoe_host *h);
/* End the session: PADT to the concentrator. */
void nl_pppoe_host_close(struct nl_pppoe_host *h);

/* --- the access concentrator ------------------------------------------------ */

struct nl_pppoe_ac_ops {
	void (*send)(void *ctx, const uint8_t dst[6], const uint8_t *pkt, size_t len);
	/*
	 * A PADR with a good cookie: make a session for @peer and return its
	 * id (1..0xfffe, unique for @peer), or 0 to refuse (limits).
	 */
	uint16_t (*new_session)(void *ctx, const uint8_t peer[6], const char *service,
				uint16_t max_payload);
	/* A PADT from @peer for @session. */
	void (*padt)(void *ctx, const uint8_t peer[6], uint16_t session);
};

struct nl_pppoe_ac {
	const struct nl_pppoe_ac_ops *ops;
	void *ctx;
	char ac_name[NL_PPPOE_NAME_MAX];
	char services[4][NL_PPPOE_NAME_MAX];	/* offered; none: any requested */
	unsigned int nservices;
	uint8_t key[32];			/* for AC-Cookies */
	uint64_t now_s;				/* the caller's clock, for cookie expiry */
	uint16_t max_payload;			/* largest PPP-Max-Payload granted; 0: none */
	struct nl_pppoe_disc_stats stats;
};

void nl_pppoe_ac_input(struct nl_pppoe_ac *ac, const uint8_t src[6], const uint8_t *pkt,
		       size_t len);

#endif
