// SPDX-License-Identifier: GPL-2.0
/* Predictor-1 (RFC 1978): see pred1.h. */
#include "libppp/fcs.h"
#include "libppp/pred1.h"

static inline void next_hash(struct ppp_pred1 *p, uint8_t c)
{
	p->hash = (uint16_t)(p->hash << 4) ^ c;
}

void ppp_pred1_reset(struct ppp_pred1 *p)
{
	memset(p->table, 0, PPP_PRED1_TABLE);
	p->hash = 0;
}

/* What the decompressor does with data sent as is: learn it the same way. */
static void learn(struct ppp_pred1 *p, const uint8_t *in, size_t len)
{
	while (len--) {
		uint8_t c = *in++;

		p->table[p->hash] = c;
		next_hash(p, c);
	}
}

static uint16_t crc(const uint8_t hdr[2], const uint8_t *data, size_t len)
{
	return (uint16_t)~ppp_fcs16(ppp_fcs16(PPP_FCS16_INIT, hdr, 2), data, len);
}

size_t ppp_pred1_compress(struct ppp_pred1 *p, const uint8_t *in, size_t len, uint8_t *out)
{
	uint8_t hdr[2] = { (uint8_t)(len >> 8 & 0x7f), (uint8_t)len };
	uint16_t fcs = crc(hdr, in, len);
	uint8_t *o = out + 2;
	size_t i = 0, n = 0;

	/*
	 * Squeeze into @out while that stays shorter than the data. Either
	 * way the table ends as the decompressor's will (a guessed byte is
	 * already in it, a missed one is written), so giving up half way
	 * only means learning the rest and sending the data as is.
	 */
	while (i < len) {
		size_t fpos = n++;
		uint8_t flags = 0, bit;

		if (fpos >= len)
			goto as_is;
		for (bit = 1; bit && i < len; bit <<= 1) {
			uint8_t c = in[i++];

			if (p->table[p->hash] == c) {
				flags |= bit;
			} else {
				p->table[p->hash] = c;
				if (n >= len) {
					next_hash(p, c);
					goto as_is;
				}
				o[n++] = c;
			}
			next_hash(p, c);
		}
		o[fpos] = flags;
	}
	if (n < len) {
		out[0] = hdr[0] | 0x80;
		out[1] = hdr[1];
		goto done;
	}
as_is:
	learn(p, in + i, len - i);
	out[0] = hdr[0];
	out[1] = hdr[1];
	memcpy(o, in, len);
	n = len;
done:
	o[n] = (uint8_t)fcs;
	o[n + 1] = (uint8_t)(fcs >> 8);
	return n + PPP_PRED1_OVERHEAD;
}

int ppp_pred1_decompress(struct ppp_pred1 *p, const uint8_t *in, size_t len, uint8_t *out,
			 size_t cap)
{
	const uint8_t *end;
	size_t want, got = 0;
	uint16_t fcs;

	if (len < PPP_PRED1_OVERHEAD)
		return -EINVAL;
	want = (size_t)((in[0] & 0x7f) << 8 | in[1]);
	end = in + len - 2;
	if (want > cap)
		return -EINVAL;
	if (in[0] & 0x80) {
		const uint8_t *s = in + 2;

		while (got < want) {
			uint8_t flags, bit;

			if (s >= end)
				return -EINVAL;
			flags = *s++;
			for (bit = 1; bit && got < want; bit <<= 1) {
				uint8_t c;

				if (flags & bit) {
					c = p->table[p->hash];
				} else {
					if (s >= end)
						return -EINVAL;
					c = *s++;
					p->table[p->hash] = c;
				}
				out[got++] = c;
				next_hash(p, c);
			}
		}
		if (s != end)
			return -EINVAL;
	} else {
		if ((size_t)(end - (in + 2)) != want)
			return -EINVAL;
		memcpy(out, in + 2, want);
		learn(p, out, want);
	}
	{
		uint8_t hdr[2] = { in[0] & 0x7f, in[1] };

		fcs = crc(hdr, out, want);
	}
	if (end[0] != (uint8_t)fcs || end[1] != (uint8_t)(fcs >> 8))
		return -EINVAL;
	return (int)want;
}
