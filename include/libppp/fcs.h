/* SPDX-License-Identifier: GPL-2.0 */
/* The HDLC frame check sequences of RFC 1662 appendix C. */
#ifndef LIBPPP_FCS_H
#define LIBPPP_FCS_H

#include "compat.h"

enum {
	PPP_FCS16_INIT = 0xffff,
	PPP_FCS16_GOOD = 0xf0b8,	/* residue over data + its FCS */
};
#define PPP_FCS32_INIT 0xffffffffu
#define PPP_FCS32_GOOD 0xdebb20e3u

/* Update a running FCS over @len bytes. Transmit the complement, LSB first. */
uint16_t ppp_fcs16(uint16_t fcs, const uint8_t *p, size_t len);
uint32_t ppp_fcs32(uint32_t fcs, const uint8_t *p, size_t len);

#endif
