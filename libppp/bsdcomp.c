// SPDX-License-Identifier: GPL-2.0
/* BSD-Compress (RFC 1977): see bsdcomp.h. */
#include "libppp/bsdcomp.h"

enum {
	CHECK_GAP = 10000,		/* input bytes between ratio checks */
	RATIO_SHIFT = 8,		/* the ratio is fixed point, 8 bits */
	RATIO_MAX = 0x7fffffff >> RATIO_SHIFT,
};

static inline unsigned int maxcode(unsigned int bits)
{
	return (1u << bits) - 1;
}

size_t ppp_bsd_mem(unsigned int bits, bool decompress)
{
	size_t n = (size_t)1 << bits;

	if (bits < PPP_BSD_BITS_MIN || bits > PPP_BSD_BITS_MAX)
		return 0;
	/* hash 2n u16, prefix n u16, (len n u16,) suffix n u8 */
	return n * (decompress ? 9 : 7);
}

int ppp_bsd_init(struct ppp_bsd *b, unsigned int bits, bool decompress, void *mem, size_t size)
{
	size_t n = (size_t)1 << bits;
	uint8_t *m = mem;

	if (!ppp_bsd_mem(bits, decompress) || size < ppp_bsd_mem(bits, decompress) ||
	    ((uintptr_t)mem & 1))
		return -EINVAL;
	memset(b, 0, sizeof(*b));
	b->bits = bits;
	b->decompress = decompress;
	b->hash = (uint16_t *)m;
	m += 4 * n;
	b->prefix = (uint16_t *)m;
	m += 2 * n;
	if (decompress) {
		unsigned int i;

		b->len = (uint16_t *)m;
		m += 2 * n;
		for (i = 0; i < 256; i++)
			b->len[i] = 1;
	}
	b->suffix = m;
	ppp_bsd_reset(b);
	return 0;
}

static void clear(struct ppp_bsd *b)
{
	memset(b->hash, 0, ((size_t)4 << b->bits));
	b->max_ent = PPP_BSD_FIRST - 1;
	b->n_bits = PPP_BSD_BITS_MIN;
	b->in_count = 0;
	b->bytes_out = 0;
	b->ratio = 0;
	b->checkpoint = CHECK_GAP;
}

void ppp_bsd_reset(struct ppp_bsd *b)
{
	clear(b);
	b->seq = 0;
	b->broken = false;
}

/*
 * At the end of each packet, on both sides alike: once the table is full
 * and another CHECK_GAP bytes went in, clear it if the ratio fell or is
 * below 1. True: cleared (the sender then ends the packet with CLEAR).
 */
static bool check(struct ppp_bsd *b)
{
	uint32_t ratio;

	if (b->in_count < b->checkpoint)
		return false;
	if (b->in_count >= RATIO_MAX || b->bytes_out >= RATIO_MAX) {
		b->in_count -= b->in_count >> 2;
		b->bytes_out -= b->bytes_out >> 2;
	}
	b->checkpoint = b->in_count + CHECK_GAP;
	if (b->max_ent < maxcode(b->bits))
		return false;
	ratio = b->in_count << RATIO_SHIFT;
	if (b->bytes_out)
		ratio /= b->bytes_out;
	if (ratio < b->ratio || ratio < 1 << RATIO_SHIFT) {
		clear(b);
		b->stats.clears++;
		return true;
	}
	b->ratio = ratio;
	return false;
}

static inline size_t slot_of(const struct ppp_bsd *b, unsigned int prefix, uint8_t c)
{
	uint32_t k = (uint32_t)prefix << 8 | c;

	return (k * 0x9e3779b1u) >> (32 - (b->bits + 1));
}

/* The code for string @prefix + @c, or 0; *@slot: where it would go. */
static unsigned int find(const struct ppp_bsd *b, unsigned int prefix, uint8_t c, size_t *slot)
{
	size_t mask = ((size_t)2 << b->bits) - 1, h = slot_of(b, prefix, c);
	unsigned int code;

	while ((code = b->hash[h])) {
		if (b->prefix[code] == prefix && b->suffix[code] == c)
			return code;
		h = (h + 1) & mask;
	}
	*slot = h;
	return 0;
}

/* The next code is @prefix + @c (the table is half full at most). */
static void add(struct ppp_bsd *b, size_t slot, unsigned int prefix, uint8_t c)
{
	unsigned int code = ++b->max_ent;

	b->hash[slot] = (uint16_t)code;
	b->prefix[code] = (uint16_t)prefix;
	b->suffix[code] = c;
	if (b->len)
		b->len[code] = (uint16_t)(b->len[prefix] + 1);
}

/* Codes out, most significant bit first; bytes past @cap only counted. */
struct bits {
	uint8_t *out;
	size_t cap, n;
	uint32_t acc;
	unsigned int fill;
};

static inline void put(struct bits *w, unsigned int code, unsigned int n_bits)
{
	w->acc = w->acc << n_bits | code;
	w->fill += n_bits;
	while (w->fill >= 8) {
		w->fill -= 8;
		if (w->n < w->cap)
			w->out[w->n] = (uint8_t)(w->acc >> w->fill);
		w->n++;
	}
}

/*
 * The compressor's pass over a packet, also run by the receiver on one
 * that came as is. Returns the bytes of codes (some maybe not written).
 */
static size_t lzw(struct ppp_bsd *b, const uint8_t *in, size_t len, struct bits *w)
{
	unsigned int ent = in[1], n_bits = b->n_bits, mx = maxcode(n_bits);
	unsigned int top = maxcode(b->bits);
	size_t i, slot = 0;

	for (i = 2; i < len; i++) {
		uint8_t c = in[i];
		unsigned int code = find(b, ent, c, &slot);

		if (code) {
			ent = code;
			continue;
		}
		put(w, ent, n_bits);
		if (b->max_ent < top) {
			if (b->max_ent >= mx) {
				b->n_bits = ++n_bits;
				mx = maxcode(n_bits);
			}
			add(b, slot, ent, c);
		}
		ent = c;
	}
	put(w, ent, n_bits);
	b->bytes_out += (uint32_t)(w->n + (w->fill ? 1 : 0));
	b->in_count += (uint32_t)(len - 1);
	b->seq++;
	if (check(b))
		put(w, PPP_BSD_CLEAR, n_bits);	/* in the size it was sent at */
	if (w->fill)
		put(w, 0xff >> w->fill, 8 - w->fill);	/* pad with ones */
	/* The receiver grows the code here, after the packet's last string. */
	if (b->max_ent >= mx && b->max_ent < top)
		b->n_bits++;
	return w->n;
}

int ppp_bsd_compress(struct ppp_bsd *b, const uint8_t *in, size_t len, uint8_t *out,
		     size_t cap)
{
	struct bits w = { out + PPP_BSD_SEQLEN, 0, 0, 0, 0 };
	uint16_t seq = b->seq;
	size_t n;

	if (len < 2)
		return -EINVAL;
	if (!ppp_bsd_proto(ppp_get_be16(in)))
		return 0;
	/* Worth it only 2 bytes under @len (bsd_comp's measure). */
	if (cap > PPP_BSD_SEQLEN)
		w.cap = cap - PPP_BSD_SEQLEN;
	if (len >= 5 && w.cap > len - 5)
		w.cap = len - 5;
	n = lzw(b, in, len, &w);
	b->stats.packets++;
	b->stats.bytes_in += len;
	if (len < 5 || n > w.cap) {
		b->stats.incompressible++;
		b->stats.bytes_out += len;
		return 0;
	}
	ppp_put_be16(out, seq);
	b->stats.bytes_out += n + PPP_BSD_SEQLEN;
	return (int)(n + PPP_BSD_SEQLEN);
}

void ppp_bsd_incomp(struct ppp_bsd *b, const uint8_t *in, size_t len)
{
	struct bits w = { NULL, 0, 0, 0, 0 };

	if (b->broken || len < 2 || !ppp_bsd_proto(ppp_get_be16(in)))
		return;
	lzw(b, in, len, &w);
	b->stats.packets++;
	b->stats.incompressible++;
	b->stats.bytes_in += len;
	b->stats.bytes_out += len;
}

static int decomp_error(struct ppp_bsd *b, int err)
{
	b->broken = true;
	b->stats.errors++;
	return err;
}

/* Write the string of @code at @out (its length known); its first byte. */
static uint8_t spell(const struct ppp_bsd *b, unsigned int code, uint8_t *out)
{
	uint8_t *p = out + b->len[code];

	while (code > 0xff) {
		*--p = b->suffix[code];
		code = b->prefix[code];
	}
	*--p = (uint8_t)code;
	return (uint8_t)code;
}

int ppp_bsd_decompress(struct ppp_bsd *b, const uint8_t *in, size_t len, uint8_t *out,
		       size_t cap)
{
	unsigned int old = PPP_BSD_CLEAR, top = maxcode(b->bits);
	uint32_t acc = 0;
	unsigned int fill = 0;
	size_t i, pos = 1;

	if (b->broken)
		return -EAGAIN;
	if (len <= PPP_BSD_SEQLEN || cap < 2)
		return decomp_error(b, -EINVAL);
	if (ppp_get_be16(in) != b->seq)
		return decomp_error(b, -EPROTO);
	b->seq++;
	b->bytes_out += (uint32_t)(len - PPP_BSD_SEQLEN);
	out[0] = 0;		/* the protocol's high byte: always 0 here */
	for (i = PPP_BSD_SEQLEN; i < len; i++) {
		unsigned int code, str;
		size_t n;
		uint8_t first;
		bool kwk;

		acc = acc << 8 | in[i];
		fill += 8;
		if (fill < b->n_bits)
			continue;
		fill -= b->n_bits;
		code = (acc >> fill) & maxcode(b->n_bits);
		if (code == PPP_BSD_CLEAR) {
			/* Only as a packet's last code: the rest is padding. */
			if (i + 1 != len)
				return decomp_error(b, -EINVAL);
			clear(b);
			b->stats.clears++;
			goto done;
		}
		kwk = code > b->max_ent;
		if (code > top || (kwk && (code != b->max_ent + 1 || old == PPP_BSD_CLEAR)))
			return decomp_error(b, -EINVAL);
		str = kwk ? old : code;
		n = b->len[str] + kwk;
		if (pos + n > cap)
			return decomp_error(b, -EMSGSIZE);
		first = spell(b, str, out + pos);
		if (kwk)
			out[pos + n - 1] = first;
		pos += n;
		if (old != PPP_BSD_CLEAR && b->max_ent < top) {
			size_t slot = 0;

			/* Not there yet (else the sender would have used it). */
			if (find(b, old, first, &slot))
				return decomp_error(b, -EINVAL);
			add(b, slot, old, first);
			if (b->max_ent >= maxcode(b->n_bits) && b->max_ent < top)
				b->n_bits++;
		}
		old = code;
	}
	b->in_count += (uint32_t)(pos - 1);
done:
	if (pos == 1)
		return decomp_error(b, -EINVAL);	/* no protocol */
	check(b);
	b->stats.packets++;
	b->stats.bytes_in += len;
	b->stats.bytes_out += pos;
	return (int)pos;
}
