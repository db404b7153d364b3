/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Predictor-1 compression (RFC 1978), type 1 encapsulation: a 65536-byte
 * guess table per direction indexed by a hash of the preceding bytes; one
 * flag byte per eight data bytes says which were guessed. Each packet
 * carries its uncompressed length (top bit: compressed or not) and a
 * CRC-16 of that length and the original data, so a decompressor that
 * lost track notices and asks for a reset (CCP Reset-Request).
 */
#ifndef LIBPPP_PRED1_H
#define LIBPPP_PRED1_H

#include "compat.h"

enum {
	PPP_PRED1_TABLE = 65536,
	PPP_PRED1_OVERHEAD = 4,		/* length and CRC */
};

struct ppp_pred1 {
	uint8_t *table;			/* PPP_PRED1_TABLE bytes, caller's */
	uint16_t hash;
};

/* (Re)start: empty table, hash 0. Both ends do this on a CCP reset. */
void ppp_pred1_reset(struct ppp_pred1 *p);

/* The worst case output for @len input bytes. */
static inline size_t ppp_pred1_max(size_t len)
{
	return PPP_PRED1_OVERHEAD + len;
}

/*
 * Compress @len bytes (the PPP protocol field and payload, at most 32767)
 * into @out (ppp_pred1_max(len) bytes): sent compressed when that is
 * shorter, as is otherwise. Returns the encapsulated length.
 */
size_t ppp_pred1_compress(struct ppp_pred1 *p, const uint8_t *in, size_t len, uint8_t *out);

/*
 * Decompress an encapsulated packet into @out (@cap bytes). Returns the
 * original length, or -EINVAL (malformed, too long, CRC mismatch: the
 * table is out of step, ask for a reset).
 */
int ppp_pred1_decompress(struct ppp_pred1 *p, const uint8_t *in, size_t len, uint8_t *out,
			 size_t cap);

#endif
