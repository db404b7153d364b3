// SPDX-License-Identifier: GPL-2.0
/* PPP Deflate (RFC 1979): see deflate.h. */
#include "libppp/deflate.h"

/*
 * The zlib shim: the kernel's zlib wants its memory handed over as a
 * workspace and names its calls zlib_*; user space's allocates its own.
 * The kernel's has no SetDictionary, but has ppp_deflate's inflateIncomp.
 */
#ifdef __KERNEL__
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/zlib.h>

#define z_alloc(n)	kvzalloc(n, GFP_KERNEL)
#define z_free(p)	kvfree(p)
#define z_deflate	zlib_deflate
#define z_inflate	zlib_inflate
#define z_deflateReset	zlib_deflateReset
#define z_inflateReset	zlib_inflateReset
#else
#include <stdlib.h>
#define ZLIB_CONST
#include <zlib.h>

#define z_alloc(n)	calloc(1, n)
#define z_free(p)	free(p)
#define z_deflate	deflate
#define z_inflate	inflate
#define z_deflateReset	deflateReset
#define z_inflateReset	inflateReset
#endif

struct zstate {
	z_stream s;
	uint8_t *ring;		/* compressor: 2^window bytes */
#ifdef __KERNEL__
	void *work;
#endif
};

static int z_open(struct zstate *z, bool compress, int window)
{
	int r;

#ifdef __KERNEL__
	z->work = kvzalloc(compress ? zlib_deflate_workspacesize(-window, 8) :
			   zlib_inflate_workspacesize(), GFP_KERNEL);
	if (!z->work)
		return -ENOMEM;
	z->s.workspace = z->work;
	r = compress ? zlib_deflateInit2(&z->s, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -window, 8,
					 Z_DEFAULT_STRATEGY) :
		       zlib_inflateInit2(&z->s, -window);
	if (r != Z_OK) {
		kvfree(z->work);
		return -ENOMEM;
	}
#else
	r = compress ? deflateInit2(&z->s, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -window, 8,
				    Z_DEFAULT_STRATEGY) :
		       inflateInit2(&z->s, -window);
	if (r != Z_OK)
		return -ENOMEM;
	/* inflate allocates its window on first use: not in the packet path. */
	if (!compress && inflateSetDictionary(&z->s, (const Bytef *)"", 0) != Z_OK) {
		inflateEnd(&z->s);
		return -ENOMEM;
	}
#endif
	return 0;
}

static void z_close(struct zstate *z, bool compress)
{
#ifdef __KERNEL__
	if (compress)
		zlib_deflateEnd(&z->s);
	else
		zlib_inflateEnd(&z->s);
	kvfree(z->work);
#else
	if (compress)
		deflateEnd(&z->s);
	else
		inflateEnd(&z->s);
#endif
}

/*
 * Run the compressor over @len bytes with a sync flush into @out (@cap
 * bytes). Returns the bytes written, or @cap + 1 when they did not fit:
 * the rest went to a sink, so the stream is whole either way.
 */
static size_t z_compress(struct zstate *z, const uint8_t *in, size_t len, uint8_t *out,
			 size_t cap)
{
	uint8_t sink[64];
	size_t n;

	z->s.next_in = in;
	z->s.avail_in = (unsigned int)len;
	z->s.next_out = out;
	z->s.avail_out = (unsigned int)cap;
	z_deflate(&z->s, Z_SYNC_FLUSH);
	n = cap - z->s.avail_out;
	if (z->s.avail_out)
		return n;
	/* Full: a sync flush may be unfinished. Finish it where nobody looks. */
	do {
		z->s.next_out = sink;
		z->s.avail_out = sizeof(sink);
		z_deflate(&z->s, Z_SYNC_FLUSH);
	} while (!z->s.avail_out);
	return cap + 1;
}

/* Append @len bytes to the compressor's history without sending them. */
static void z_comp_history(struct zstate *z, const uint8_t *p, size_t len)
{
#ifdef __KERNEL__
	uint8_t sink[256];

	z_compress(z, p, len, sink, sizeof(sink));
#else
	/*
	 * Raw deflate takes a dictionary at any block boundary, and appends
	 * it. Should it refuse, an empty history is always a safe one.
	 */
	if (deflateSetDictionary(&z->s, p, (unsigned int)len) != Z_OK)
		deflateReset(&z->s);
#endif
}

/* The decompressor's: what inflateIncomp is to ppp_deflate. False: lost. */
static bool z_decomp_history(struct zstate *z, const uint8_t *p, size_t len)
{
#ifdef __KERNEL__
	z->s.next_in = p;
	z->s.avail_in = len;
	return zlib_inflateIncomp(&z->s) == Z_OK;
#else
	/* Raw inflate appends a dictionary to its window at any time. */
	return inflateSetDictionary(&z->s, p, (unsigned int)len) == Z_OK;
#endif
}

static const uint8_t sync_tail[4] = { 0x00, 0x00, 0xff, 0xff };

/*
 * Inflate @len bytes, then the sync flush's tail the sender removed, into
 * @out (@cap bytes). The packet must end exactly at a block boundary.
 */
static int z_decompress(struct zstate *z, const uint8_t *in, size_t len, uint8_t *out,
			size_t cap)
{
	const uint8_t *part[2] = { in, sync_tail };
	size_t plen[2] = { len, sizeof(sync_tail) }, i;
	uint8_t spare;
	int r;

	/*
	 * A stripped packet ends in its stored block's header byte, never
	 * 0xff: one that ends in the whole tail kept it (RFC 1979 says to
	 * remove it); read it as it is.
	 */
	if (len >= 4 && !memcmp(in + len - 4, sync_tail, 4))
		plen[1] = 0;
	z->s.next_out = out;
	z->s.avail_out = (unsigned int)cap;
	for (i = 0; i < 2; i++) {
		z->s.next_in = part[i];
		z->s.avail_in = (unsigned int)plen[i];
		if (!plen[i])
			continue;
		r = z_inflate(&z->s, Z_SYNC_FLUSH);
		if (r != Z_OK && r != Z_BUF_ERROR)
			return -EINVAL;
		if (z->s.avail_in)
			return z->s.avail_out ? -EINVAL : -EMSGSIZE;
	}
	if (!(z->s.data_type & 128)) {
		/* Mid-block: either out of room or not a whole packet. */
		if (z->s.avail_out)
			return -EINVAL;
		z->s.next_out = &spare;
		z->s.avail_out = 1;
		r = z_inflate(&z->s, Z_SYNC_FLUSH);
		return r == Z_OK && !z->s.avail_out ? -EMSGSIZE : -EINVAL;
	}
	if (z->s.data_type & 64)	/* a final block: no stream after it */
		return -EINVAL;
	return (int)(cap - z->s.avail_out);
}

/* --- the codec ------------------------------------------------------------ */

int ppp_deflate_init(struct ppp_deflate *d, bool compress, unsigned int window)
{
	struct zstate *z;
	int r;

	if (window == 8 && !compress)
		window = PPP_DEFLATE_WMIN;
	if (window < PPP_DEFLATE_WMIN || window > PPP_DEFLATE_WMAX)
		return -EINVAL;
	memset(d, 0, sizeof(*d));
	d->compress = compress;
	d->window = (uint8_t)window;
	z = z_alloc(sizeof(*z));
	if (!z)
		return -ENOMEM;
	if (compress) {
		z->ring = z_alloc((size_t)1 << window);
		if (!z->ring) {
			z_free(z);
			return -ENOMEM;
		}
	}
	r = z_open(z, compress, (int)window);
	if (r) {
		z_free(z->ring);
		z_free(z);
		return r;
	}
	d->z = z;
	return 0;
}

void ppp_deflate_free(struct ppp_deflate *d)
{
	struct zstate *z = d->z;

	if (!z)
		return;
	z_close(z, d->compress);
	z_free(z->ring);
	z_free(z);
	d->z = NULL;
}

void ppp_deflate_reset(struct ppp_deflate *d)
{
	struct zstate *z = d->z;

	if (d->compress)
		z_deflateReset(&z->s);
	else
		z_inflateReset(&z->s);
	d->seq = 0;
	d->owed = 0;
	d->broken = false;
}

/*
 * Is this noise? 512 bytes sampled in runs of 8 across the packet: each
 * byte seen before adds a collision. Uniform random bytes give about
 * 512 * 511 / 512 = 511 (sd ~23); English text ten times that. Under
 * 588 (+3.4 sd: one random packet in ~3000 goes the long way) the bytes
 * are no more skewed than a uniform choice among 222 values, where
 * deflate's Huffman codes save less than their tables cost in a packet.
 * Repeats that only LZ77 finds (within the packet or against the
 * history) are not looked for: the sample would have to be the packet.
 * Short packets are cheap to try.
 */
enum { SAMPLE_MIN_LEN = 512, SAMPLE_RUNS = 64, SAMPLE_RUN = 8, NOISE_LIMIT = 588 };

static bool looks_random(const uint8_t *p, size_t len)
{
	uint16_t seen[256];
	size_t step = (len - SAMPLE_RUN) / (SAMPLE_RUNS - 1), i, k;
	unsigned int coll = 0;

	if (len < SAMPLE_MIN_LEN)
		return false;
	memset(seen, 0, sizeof(seen));
	for (i = 0; i < SAMPLE_RUNS; i++) {
		const uint8_t *s = p + i * step;

		for (k = 0; k < SAMPLE_RUN; k++)
			coll += seen[s[k]]++;
		if (coll >= NOISE_LIMIT)
			return false;
	}
	return true;
}

/* Random data goes as is and waits in the ring (its last 2^window bytes). */
static void owe(struct ppp_deflate *d, const uint8_t *p, size_t len)
{
	struct zstate *z = d->z;
	size_t size = (size_t)1 << d->window;

	d->owed = (uint32_t)(d->owed + len > size ? size : d->owed + len);
	if (len > size) {
		p += len - size;
		len = size;
	}
	while (len) {
		size_t n = size - d->ring_pos;

		if (n > len)
			n = len;
		memcpy(z->ring + d->ring_pos, p, n);
		d->ring_pos = (uint32_t)((d->ring_pos + n) & (size - 1));
		p += n;
		len -= n;
	}
}

/*
 * Before deflate sees data again its history must be what the peer's is:
 * the owed bytes appended, or, after a whole window of them, nothing (the
 * peer's window then holds only the noise, which we need not refer to).
 */
static void settle(struct ppp_deflate *d)
{
	struct zstate *z = d->z;
	size_t size = (size_t)1 << d->window, start;

	if (!d->owed)
		return;
	if (d->owed >= size) {
		z_deflateReset(&z->s);
		d->stats.restarts++;
	} else {
		start = (d->ring_pos - d->owed) & (size - 1);
		if (start + d->owed > size) {
			z_comp_history(z, z->ring + start, size - start);
			z_comp_history(z, z->ring, d->ring_pos);
		} else {
			z_comp_history(z, z->ring + start, d->owed);
		}
	}
	d->owed = 0;
}

int ppp_deflate_compress(struct ppp_deflate *d, const uint8_t *in, size_t len, uint8_t *out,
			 size_t cap)
{
	struct zstate *z = d->z;
	size_t skip, room, n;
	uint16_t seq;

	if (len < 2)
		return -EINVAL;
	if (!ppp_deflate_proto(ppp_get_be16(in)))
		return 0;
	skip = in[0] == 0;	/* the protocol field as PFC would send it */
	seq = d->seq++;
	d->stats.packets++;
	d->stats.bytes_in += len;
	if (looks_random(in + skip, len - skip)) {
		owe(d, in + skip, len - skip);
		d->stats.incompressible++;
		d->stats.early++;
		d->stats.bytes_out += len;
		return 0;
	}
	settle(d);
	/*
	 * Worth sending only below @len, with the 4 tail bytes still on; a
	 * little more room than that tells "did not fit" from "just fit".
	 */
	room = cap < PPP_DEFLATE_SEQLEN ? 0 : cap - PPP_DEFLATE_SEQLEN;
	if (room > len + 8)
		room = len + 8;
	n = z_compress(z, in + skip, len - skip, out + PPP_DEFLATE_SEQLEN, room);
	if (n > room || n < 4 || n - 4 + PPP_DEFLATE_SEQLEN >= len ||
	    memcmp(out + PPP_DEFLATE_SEQLEN + n - 4, sync_tail, 4)) {
		d->stats.incompressible++;
		d->stats.bytes_out += len;
		return 0;
	}
	n -= 4;		/* 00 00 ff ff: RFC 1979 2.1 */
	ppp_put_be16(out, seq);
	d->stats.bytes_out += n + PPP_DEFLATE_SEQLEN;
	return (int)(n + PPP_DEFLATE_SEQLEN);
}

static int decomp_error(struct ppp_deflate *d, int err)
{
	d->broken = true;
	d->stats.errors++;
	return err;
}

int ppp_deflate_decompress(struct ppp_deflate *d, const uint8_t *in, size_t len, uint8_t *out,
			   size_t cap)
{
	int n;

	if (d->broken)
		return -EAGAIN;
	if (len <= PPP_DEFLATE_SEQLEN || cap < 2)
		return decomp_error(d, -EINVAL);
	if (ppp_get_be16(in) != d->seq)
		return decomp_error(d, -EPROTO);
	d->seq++;
	/* One byte to the left, for a protocol field that came as one byte. */
	n = z_decompress(d->z, in + PPP_DEFLATE_SEQLEN, len - PPP_DEFLATE_SEQLEN, out + 1,
			 cap - 1);
	if (n < 0)
		return decomp_error(d, n);
	if (n >= 1 && (out[1] & 1)) {
		out[0] = 0;
		n++;
	} else if (n >= 2 && (out[2] & 1)) {
		memmove(out, out + 1, (size_t)n);
	} else {
		return decomp_error(d, -EINVAL);	/* no protocol field */
	}
	d->stats.packets++;
	d->stats.bytes_in += len;
	d->stats.bytes_out += (unsigned int)n;
	return n;
}

int ppp_deflate_incomp(struct ppp_deflate *d, const uint8_t *in, size_t len)
{
	size_t skip;

	if (d->broken || len < 2 || !ppp_deflate_proto(ppp_get_be16(in)))
		return 0;
	skip = in[0] == 0;
	d->seq++;
	if (!z_decomp_history(d->z, in + skip, len - skip))
		return decomp_error(d, -EINVAL);
	d->stats.packets++;
	d->stats.incompressible++;
	d->stats.bytes_in += len;
	d->stats.bytes_out += len;
	return 0;
}
