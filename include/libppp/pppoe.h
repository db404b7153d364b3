/* SPDX-License-Identifier: GPL-2.0 */
/*
 * PPPoE (RFC 2516) headers and the Discovery stage's packets: the 6-byte
 * header, the TAG list (RFC 2516 appendix A, and RFC 4638's
 * PPP-Max-Payload), checked against what each code must carry. Pure: the
 * daemon's discovery and both data planes use it.
 */
#ifndef LIBPPP_PPPOE_H
#define LIBPPP_PPPOE_H

#include "compat.h"

enum {
	PPP_ETH_P_DISC = 0x8863,
	PPP_ETH_P_SES = 0x8864,
	PPP_PPPOE_VERTYPE = 0x11,
	PPP_PPPOE_HDRLEN = 6,
	PPP_PPPOE_PADI_MAX = 1484,	/* whole PADI, room for a relay's tag */
	PPP_PPPOE_PAYLOAD_MAX = 1494,	/* Ethernet's 1500 minus the header */

	PPP_PADI = 0x09, PPP_PADO = 0x07, PPP_PADR = 0x19, PPP_PADS = 0x65,
	PPP_PADT = 0xa7, PPP_PPPOE_SESSION = 0x00,

	PPP_TAG_END = 0x0000,
	PPP_TAG_SERVICE_NAME = 0x0101,
	PPP_TAG_AC_NAME = 0x0102,
	PPP_TAG_HOST_UNIQ = 0x0103,
	PPP_TAG_AC_COOKIE = 0x0104,
	PPP_TAG_VENDOR = 0x0105,
	PPP_TAG_RELAY_ID = 0x0110,
	PPP_TAG_MAX_PAYLOAD = 0x0120,
	PPP_TAG_SERVICE_ERROR = 0x0201,
	PPP_TAG_AC_ERROR = 0x0202,
	PPP_TAG_GENERIC_ERROR = 0x0203,

	PPP_PPPOE_SERVICES_MAX = 8,	/* Service-Names kept from a PADO */
	PPP_PPPOE_VENDOR_MAX = 4,	/* Vendor-Specific tags kept */
};

/* A tag's value inside the packet it was parsed from. */
struct ppp_pppoe_tag {
	const uint8_t *val;
	uint16_t len;
	bool present;
};

struct ppp_pppoe_disc {
	uint8_t code;
	uint16_t session;
	struct ppp_pppoe_tag service[PPP_PPPOE_SERVICES_MAX];
	unsigned int services;		/* Service-Name tags seen (may exceed the array) */
	struct ppp_pppoe_tag ac_name, host_uniq, cookie, relay_id;
	struct ppp_pppoe_tag service_error, ac_error, generic_error;
	struct ppp_pppoe_tag vendor[PPP_PPPOE_VENDOR_MAX];
	unsigned int vendors;
	bool has_max_payload;
	uint16_t max_payload;
	unsigned int unknown;		/* tags ignored (RFC 2516 4) */
};

/* Why a discovery packet was refused (for counters and one log line). */
enum ppp_pppoe_err {
	PPP_PPPOE_OK = 0,
	PPP_PPPOE_ERR_SHORT,		/* shorter than its header or its length */
	PPP_PPPOE_ERR_VERSION,		/* ver/type not 1/1 */
	PPP_PPPOE_ERR_CODE,		/* not a discovery code */
	PPP_PPPOE_ERR_TAG,		/* a tag runs past the payload */
	PPP_PPPOE_ERR_DUPLICATE,	/* a tag that may appear once, twice */
	PPP_PPPOE_ERR_MISSING,		/* the code's mandatory tags are not there */
	PPP_PPPOE_ERR_SESSION,		/* session id where there must be none, or none where one must be */
	PPP_PPPOE_ERR_SIZE,		/* a PADI over 1484 bytes, a bad tag size */
	PPP_PPPOE_ERR_MAX
};

const char *ppp_pppoe_err_name(enum ppp_pppoe_err e);
const char *ppp_pppoe_code_name(uint8_t code);

/*
 * Parse the PPPoE packet at @p (@len bytes from the PPPoE header on;
 * Ethernet padding after the header's length is ignored). Returns
 * PPP_PPPOE_OK with @d filled, pointing into @p, or why it was refused.
 */
enum ppp_pppoe_err ppp_pppoe_parse(const uint8_t *p, size_t len, struct ppp_pppoe_disc *d);

/* Building a discovery packet into a caller's buffer. */
struct ppp_pppoe_writer {
	uint8_t *buf;
	size_t cap, len;
	bool overflow;
};

void ppp_pppoe_begin(struct ppp_pppoe_writer *w, uint8_t *buf, size_t cap, uint8_t code,
		     uint16_t session);
void ppp_pppoe_put_tag(struct ppp_pppoe_writer *w, uint16_t type, const void *val, size_t len);
/* Sets the length field; the packet's size, or 0 if it did not fit. */
size_t ppp_pppoe_end(struct ppp_pppoe_writer *w);

#endif
