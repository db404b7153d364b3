/* SPDX-License-Identifier: GPL-2.0 */
/*
 * PPP Deflate (RFC 1979), CCP types 26 and 24 (the draft number pppd still
 * speaks: the same packets), bit for bit as Linux's ppp_deflate.
 *
 * A compressed packet (protocol 0x00fd) carries a 2-byte sequence number
 * and a raw deflate stream of the protocol field, one byte when it is
 * below 0x100, two otherwise, and the payload, ended by a sync flush
 * whose empty stored block loses its 00 00 ff ff. Only protocols up to
 * 0x3fff, other than 0xfd and 0xfb, go through the compressor. A packet
 * that would not shrink goes as is, still takes a sequence number, and
 * joins both histories: the receiver adds every such packet it gets to
 * its own (ppp_deflate_incomp), so the caller must hand it all of them.
 *
 * Random data is found before deflate works on it (a sample of its bytes
 * that repeat no more than noise does): it goes as is at the cost of a
 * copy, into a ring that is given to zlib only when a compressible packet
 * follows within one window (beyond a window the history is restarted:
 * the data that would have been in it is the noise).
 *
 * zlib is the kernel's <linux/zlib.h> in nlppp.ko and -lz in user space;
 * only deflate.c knows. Memory per direction, allocated at init (zlib
 * 1.2.13, measured; the kernel's deflate workspace holds the same arrays,
 * its inflate workspace a 32 KiB window whatever w):
 *   window (w)        9      10     11     12     13     14     15
 *   compressor KiB   136    139    144    154    174    214    294
 *   decompressor KiB   7.5    8      9     11     15     23     39
 * The compressor is zlib's 4 * 2^w + 134 KiB (memLevel 8, as ppp_deflate)
 * and the ring's 2^w.
 */
#ifndef LIBPPP_DEFLATE_H
#define LIBPPP_DEFLATE_H

#include "compat.h"

enum {
	PPP_DEFLATE_SEQLEN = 2,
	PPP_DEFLATE_WMIN = 9,		/* zlib refuses 8 for raw deflate */
	PPP_DEFLATE_WMAX = 15,
	PPP_DEFLATE_SLACK = 16,		/* see ppp_deflate_max() */
};

struct ppp_deflate_stats {
	uint64_t packets;	/* through compress or decompress */
	uint64_t bytes_in, bytes_out;
	uint64_t incompressible;	/* sent as is, or added by incomp */
	uint64_t early;		/* of them, found random before deflating */
	uint64_t restarts;	/* history restarted after a window of random data */
	uint64_t errors;	/* decompressor: sequence gaps and bad data */
};

/* One direction. */
struct ppp_deflate {
	void *z;		/* deflate.c's: the zlib stream and the ring */
	uint32_t owed;		/* compressor: ring bytes not in zlib's history */
	uint32_t ring_pos;
	uint16_t seq;
	uint8_t window;		/* log2 of the window, 9..15 */
	bool compress;
	bool broken;		/* decompressor: waiting for a reset (Reset-Ack) */
	struct ppp_deflate_stats stats;
};

/*
 * Allocate and start one direction with a 2^@window byte window. A
 * decompressor takes 8 as 9 (a larger window reads a smaller one's
 * stream); a compressor refuses it (-EINVAL). -ENOMEM.
 */
int ppp_deflate_init(struct ppp_deflate *d, bool compress, unsigned int window);
void ppp_deflate_free(struct ppp_deflate *d);

/* CCP Reset: sequence 0, empty history, errors forgotten. */
void ppp_deflate_reset(struct ppp_deflate *d);

/* Does RFC 1979 compress (and count) packets of @proto? */
static inline bool ppp_deflate_proto(uint16_t proto)
{
	return proto <= 0x3fff && proto != 0xfd && proto != 0xfb;
}

/* Room for ppp_deflate_compress()'s @out so that no saving is missed. */
static inline size_t ppp_deflate_max(size_t len)
{
	return len + PPP_DEFLATE_SLACK;
}

/*
 * Compress @len bytes (the 2-byte protocol field and the payload) into
 * @out (@cap bytes, ideally ppp_deflate_max(len)): the information field
 * of a 0x00fd packet, always shorter than @len. 0: send @in as is (not
 * ours to compress, or incompressible and already in the history);
 * -EINVAL: shorter than a protocol field.
 */
int ppp_deflate_compress(struct ppp_deflate *d, const uint8_t *in, size_t len, uint8_t *out,
			 size_t cap);

/*
 * Decompress the information field of a 0x00fd packet into @out (@cap
 * bytes): the 2-byte protocol field and the payload; returns its length.
 * Errors drop the packet and leave the decompressor waiting for a reset
 * (the caller sends a CCP Reset-Request): -EPROTO sequence gap, -EINVAL
 * bad data, -EMSGSIZE longer than @cap; then -EAGAIN until the reset.
 */
int ppp_deflate_decompress(struct ppp_deflate *d, const uint8_t *in, size_t len, uint8_t *out,
			   size_t cap);

/*
 * A packet arrived as is (2-byte protocol field and payload): add it to
 * the history and count its sequence number, as the sender did. 0, or
 * -EINVAL when zlib would not take it (then as a decompression error).
 */
int ppp_deflate_incomp(struct ppp_deflate *d, const uint8_t *in, size_t len);

#endif
