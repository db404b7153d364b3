/* SPDX-License-Identifier: GPL-2.0 */
/*
 * BSD-Compress (RFC 1977), version 1, bit for bit as Linux's bsd_comp:
 * LZW with codes of 9 up to 9..15 bits, sent most significant bit first.
 * A packet is a 2-byte sequence number and the codes of the protocol's
 * low byte followed by the payload; the last byte is padded with ones.
 * Only protocols 0x21..0xf9 are compressed (and take sequence numbers).
 *
 * Codes 0..255 are bytes, 256 is CLEAR, new strings take 257 up. The
 * code size grows when the next new code needs it, at the same moment
 * on both sides, and a packet boundary adds no string. Once the table is
 * full, every 10000 input bytes (at the end of a packet) both sides look
 * at the compression ratio and clear the table when it got worse or went
 * under 1:1; the sender says so with CLEAR as the packet's last code. A
 * packet that would not shrink goes as is and is "compressed" by the
 * receiver too (ppp_bsd_incomp), so the tables stay in step.
 *
 * The table lives in memory the caller gives (ppp_bsd_mem() bytes, any
 * alignment of 2): nothing is allocated here. Per direction:
 *   compressor   7 * 2^bits bytes (28 KiB at 12 bits, 224 KiB at 15)
 *   decompressor 9 * 2^bits bytes (36 KiB at 12 bits, 288 KiB at 15)
 */
#ifndef LIBPPP_BSDCOMP_H
#define LIBPPP_BSDCOMP_H

#include "compat.h"

enum {
	PPP_BSD_SEQLEN = 2,
	PPP_BSD_BITS_MIN = 9,
	PPP_BSD_BITS_MAX = 15,
	PPP_BSD_VERSION = 1,		/* the CCP option's top 3 bits */
	PPP_BSD_CLEAR = 256,
	PPP_BSD_FIRST = 257,
};

struct ppp_bsd_stats {
	uint64_t packets, bytes_in, bytes_out;
	uint64_t incompressible;	/* sent as is, or taken in by incomp */
	uint64_t clears;		/* table cleared for a bad ratio */
	uint64_t errors;		/* decompressor: sequence gaps, bad codes */
};

/* One direction. */
struct ppp_bsd {
	uint16_t *hash;		/* 2^(bits+1) slots: a code, 0 for none */
	uint16_t *prefix;	/* per code: the string it extends */
	uint8_t *suffix;	/*   and the byte it adds */
	uint16_t *len;		/* decompressor: the string's length */
	unsigned int bits;	/* largest code size */
	unsigned int n_bits;	/* code size now */
	unsigned int max_ent;	/* largest code in use */
	uint32_t in_count, bytes_out;	/* for the ratio, aged */
	uint32_t ratio, checkpoint;
	uint16_t seq;
	bool decompress;
	bool broken;		/* decompressor: waiting for a reset */
	struct ppp_bsd_stats stats;
};

/* Bytes ppp_bsd_init() needs for @bits (9..15), 0 for others. */
size_t ppp_bsd_mem(unsigned int bits, bool decompress);

/* Set up in @mem (@size >= ppp_bsd_mem()); -EINVAL. Starts reset. */
int ppp_bsd_init(struct ppp_bsd *b, unsigned int bits, bool decompress, void *mem, size_t size);

/* CCP Reset: sequence 0, empty table, errors forgotten. */
void ppp_bsd_reset(struct ppp_bsd *b);

static inline bool ppp_bsd_proto(uint16_t proto)
{
	return proto >= 0x21 && proto <= 0xf9;
}

/*
 * Compress @len bytes (the 2-byte protocol field and the payload) into
 * @out (@cap bytes; @len is always enough): the information field of a
 * 0x00fd packet. 0: send @in as is (not ours, or it did not shrink; the
 * table has it); -EINVAL: shorter than a protocol field.
 */
int ppp_bsd_compress(struct ppp_bsd *b, const uint8_t *in, size_t len, uint8_t *out,
		     size_t cap);

/*
 * Decompress a 0x00fd information field into @out (@cap bytes): the
 * protocol field and payload; returns their length. Errors leave the
 * decompressor waiting for a reset (send a CCP Reset-Request): -EPROTO
 * sequence gap, -EINVAL bad code, -EMSGSIZE longer than @cap; then
 * -EAGAIN until ppp_bsd_reset().
 */
int ppp_bsd_decompress(struct ppp_bsd *b, const uint8_t *in, size_t len, uint8_t *out,
		       size_t cap);

/* A packet arrived as is: run it through the table as the sender did. */
void ppp_bsd_incomp(struct ppp_bsd *b, const uint8_t *in, size_t len);

#endif
