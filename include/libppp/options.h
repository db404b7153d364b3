/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Configuration-option lists (RFC 1661 section 6), the part every control
 * protocol shares: walking a type-length-value list, writing options,
 * checking the peer's Ack or Reject against our request, and building the
 * reply to the peer's Configure-Request. Used by lcp.c, ipcp.c, ipv6cp.c.
 */
#ifndef LIBPPP_OPTIONS_H
#define LIBPPP_OPTIONS_H

#include "compat.h"

/*
 * Step through the list @p/@len from @*off. Returns 1 with the option in
 * @opt/@olen and @*off advanced past it, 0 at the end of the list, or
 * -EINVAL if the option is shorter than its own header or runs past the end.
 */
int ppp_opt_next(const uint8_t *p, size_t len, size_t *off,
		 const uint8_t **opt, uint8_t *olen);

/* Write option @type with no value or a big-endian one; return its length. */
size_t ppp_opt_put_void(uint8_t *b, uint8_t type);
size_t ppp_opt_put16(uint8_t *b, uint8_t type, uint16_t v);
size_t ppp_opt_put32(uint8_t *b, uint8_t type, uint32_t v);

/*
 * Copy the leading options of the well-formed list @list/@len that fit
 * whole into @buf/@cap, so a short buffer still gets a well-formed list.
 * Returns the bytes copied.
 */
size_t ppp_opt_copy(uint8_t *buf, size_t cap, const uint8_t *list, size_t len);

/* An Ack echoes our request @req/@rlen exactly (6.2): 0 or -EINVAL. */
int ppp_opt_check_ack(const uint8_t *p, size_t len, const uint8_t *req,
		      size_t rlen);
/*
 * A Reject holds options of our request unmodified and in the same order
 * (6.4): 0, or -EINVAL for anything else, a malformed list included.
 */
int ppp_opt_check_rej(const uint8_t *p, size_t len, const uint8_t *req,
		      size_t rlen);

/*
 * The reply to a Configure-Request being built. Reject beats Nak beats Ack
 * (6.3/6.4), and the codes are ordered that way, so a worse verdict restarts
 * the list. Acks are not copied: an all-acked request is echoed at the end.
 */
struct ppp_opt_reply {
	uint8_t *out;
	size_t cap, len;
	int code;	/* PPP_CONFACK, PPP_CONFNAK or PPP_CONFREJ */
	int err;	/* -ENOSPC once an option did not fit */
};

void ppp_opt_reply_init(struct ppp_opt_reply *r, uint8_t *out, size_t cap);
/* Add option @o/@olen with verdict @code (for a Nak, the suggested value). */
void ppp_opt_reply_add(struct ppp_opt_reply *r, int code, const uint8_t *o,
		       size_t olen);
/*
 * Finish the reply to request @p/@len. Returns the code with the reply's
 * length in @*outlen, or -ENOSPC (and @*outlen untouched) if it did not fit.
 */
int ppp_opt_reply_end(struct ppp_opt_reply *r, const uint8_t *p, size_t len,
		      size_t *outlen);

#endif
