// SPDX-License-Identifier: GPL-2.0
/*
 * Async HDLC throughput: libppp against a reference written the way the
 * Linux ppp_async driver works.
 *
 *   reference transmit: one loop over the frame, a byte-wise table FCS
 *	step and an escape-map test per byte.
 *   reference receive: scan byte by byte for flag, escape or an ACCM
 *	control byte, copy the ordinary run, and at the flag run a second
 *	byte-wise table FCS pass over the frame.
 *
 * Both run on the same frames in the same process; the outputs are
 * compared once (untimed) and any difference fails the run. Figures are MB/s
 * of frame bytes (header + payload, before escaping).
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "libppp/fcs.h"
#include "libppp/hdlc.h"

#define CELL_SECONDS 0.2
#define STREAM_BYTES (1 << 16)	/* frame bytes per measured batch */
#define MAX_FRAME 1500

/* ---- reference ------------------------------------------------------- */

static uint16_t ref_tab16[256];
static uint32_t ref_tab32[256];

static void ref_tables(void)
{
	int b, i;

	for (b = 0; b < 256; b++) {
		uint32_t c16 = b, c32 = b;

		for (i = 0; i < 8; i++) {
			c16 = (c16 & 1) ? (c16 >> 1) ^ 0x8408 : c16 >> 1;
			c32 = (c32 & 1) ? (c32 >> 1) ^ 0xedb88320 : c32 >> 1;
		}
		ref_tab16[b] = c16;
		ref_tab32[b] = c32;
	}
}

static __attribute__((noinline)) uint16_t ref_fcs16(uint16_t fcs,
						     const uint8_t *p,
						     size_t len)
{
	while (len--)
		fcs = (fcs >> 8) ^ ref_tab16[(fcs ^ *p++) & 0xff];
	return fcs;
}

static __attribute__((noinline)) uint32_t ref_fcs32(uint32_t fcs,
						     const uint8_t *p,
						     size_t len)
{
	while (len--)
		fcs = (fcs >> 8) ^ ref_tab32[(fcs ^ *p++) & 0xff];
	return fcs;
}

static inline uint8_t *ref_put(const uint32_t *map, uint8_t c, uint8_t *o)
{
	if (map[c >> 5] & (1u << (c & 31))) {
		*o++ = PPP_ESCAPE;
		*o++ = c ^ PPP_TRANS;
	} else {
		*o++ = c;
	}
	return o;
}

/* FCS-16, the map has 0x7d and 0x7e set (as ppp_hdlc_tx_init leaves it). */
static __attribute__((noinline)) size_t ref_encode(const uint32_t *map,
						   const uint8_t *p,
						   size_t len, uint8_t *out,
						   bool open_flag)
{
	uint16_t fcs = PPP_FCS16_INIT;
	uint8_t *o = out;

	if (open_flag)
		*o++ = PPP_FLAG;
	while (len--) {
		uint8_t c = *p++;

		fcs = (fcs >> 8) ^ ref_tab16[(fcs ^ c) & 0xff];
		o = ref_put(map, c, o);
	}
	fcs = ~fcs;
	o = ref_put(map, fcs & 0xff, o);
	o = ref_put(map, fcs >> 8, o);
	*o++ = PPP_FLAG;
	return o - out;
}

struct ref_rx {
	uint32_t accm;
	uint8_t *buf;
	size_t cap, len;
	bool escaped, toss;
};

static __attribute__((noinline)) void ref_decode(struct ref_rx *r,
						 const uint8_t *p, size_t n,
						 ppp_hdlc_frame_fn fn,
						 void *ctx)
{
	while (n) {
		size_t i;
		uint8_t c;

		for (i = 0; i < n; i++) {
			c = p[i];
			if (c == PPP_FLAG || c == PPP_ESCAPE ||
			    (c < 0x20 && (r->accm >> c & 1)))
				break;
		}
		if (i) {
			if (!r->toss) {
				if (r->len + i > r->cap) {
					r->toss = true;
				} else {
					memcpy(r->buf + r->len, p, i);
					if (r->escaped) {
						r->buf[r->len] ^= PPP_TRANS;
						r->escaped = false;
					}
					r->len += i;
				}
			}
			p += i;
			n -= i;
			if (!n)
				break;
		}
		c = *p++;
		n--;
		if (c == PPP_FLAG) {
			if (!r->toss && !r->escaped && r->len > 2 &&
			    ref_fcs16(PPP_FCS16_INIT, r->buf, r->len) ==
			    PPP_FCS16_GOOD)
				fn(ctx, r->buf, r->len - 2);
			r->toss = false;
			r->escaped = false;
			r->len = 0;
		} else if (c == PPP_ESCAPE) {
			r->escaped = true;
		}
	}
}

/* ---- workload -------------------------------------------------------- */

static uint8_t frames[STREAM_BYTES + MAX_FRAME];
static size_t frame_len, frame_count;
static uint8_t stream[2 * STREAM_BYTES + 16 * (STREAM_BYTES / 40 + 1)];
static uint8_t enc_out[sizeof(stream)];
static size_t stream_len;
static uint8_t rx_buf[MAX_FRAME + 4];

static uint32_t rng = 0x12345678;

static uint32_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng;
}

static void make_frames(size_t size, bool text)
{
	static const char words[] =
		"GET /index.html HTTP/1.1\r\nHost: example.org\r\n"
		"User-Agent: nlppp-bench\r\nAccept: text/html\r\n\r\n"
		"The quick brown fox jumps over the lazy dog. ";
	size_t i;

	frame_len = size;
	frame_count = STREAM_BYTES / size;
	for (i = 0; i < frame_count * size; i++)
		frames[i] = text ? (uint8_t)words[(i + i / size * 13) % (sizeof(words) - 1)]
				 : rnd();
	for (i = 0; i < frame_count; i++) {	/* a real-looking header */
		frames[i * size] = 0xff;
		frames[i * size + 1] = 0x03;
		frames[i * size + 2] = 0x00;
		frames[i * size + 3] = 0x21;
	}
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static size_t encode_ours(const struct ppp_hdlc_tx *tx, uint8_t *out)
{
	size_t i, n = 0;

	for (i = 0; i < frame_count; i++)
		n += ppp_hdlc_encode(tx, frames + i * frame_len, frame_len,
				     out + n, i == 0);
	return n;
}

static size_t encode_ref(const struct ppp_hdlc_tx *tx, uint8_t *out)
{
	size_t i, n = 0;

	for (i = 0; i < frame_count; i++)
		n += ref_encode(tx->map, frames + i * frame_len, frame_len,
				out + n, i == 0);
	return n;
}

struct tally {
	size_t frames, bytes;
	bool mismatch;
	bool check;
};

static void on_frame(void *ctx, uint8_t *f, size_t len)
{
	struct tally *t = ctx;

	if (t->check && (len != frame_len ||
			 memcmp(f, frames + t->frames * frame_len, len)))
		t->mismatch = true;
	t->frames++;
	t->bytes += len;
}

static size_t decode_ours(uint32_t accm, struct tally *t)
{
	struct ppp_hdlc_rx rx;

	ppp_hdlc_rx_init(&rx, rx_buf, sizeof(rx_buf), accm, false);
	ppp_hdlc_decode(&rx, stream, stream_len, on_frame, t);
	return rx.stats.frames;
}

static size_t decode_ref(uint32_t accm, struct tally *t)
{
	struct ref_rx r = { .accm = accm, .buf = rx_buf, .cap = sizeof(rx_buf),
			    .toss = true };

	ref_decode(&r, stream, stream_len, on_frame, t);
	return t->frames;
}

enum op { ENC_OURS, ENC_REF, DEC_OURS, DEC_REF, FCS16_OURS, FCS16_REF,
	  FCS32_OURS, FCS32_REF };

static volatile size_t sink;

/* One batch: every frame of the workload once. */
static void run(enum op op, const struct ppp_hdlc_tx *tx, uint32_t accm)
{
	struct tally t = { 0 };
	size_t i, acc = 0;

	switch (op) {
	case ENC_OURS:
		acc = encode_ours(tx, enc_out);
		break;
	case ENC_REF:
		acc = encode_ref(tx, enc_out);
		break;
	case DEC_OURS:
		acc = decode_ours(accm, &t);
		break;
	case DEC_REF:
		acc = decode_ref(accm, &t);
		break;
	case FCS16_OURS:
		for (i = 0; i < frame_count; i++)
			acc += ppp_fcs16(PPP_FCS16_INIT,
					 frames + i * frame_len, frame_len);
		break;
	case FCS16_REF:
		for (i = 0; i < frame_count; i++)
			acc += ref_fcs16(PPP_FCS16_INIT,
					 frames + i * frame_len, frame_len);
		break;
	case FCS32_OURS:
		for (i = 0; i < frame_count; i++)
			acc += ppp_fcs32(PPP_FCS32_INIT,
					 frames + i * frame_len, frame_len);
		break;
	case FCS32_REF:
		for (i = 0; i < frame_count; i++)
			acc += ref_fcs32(PPP_FCS32_INIT,
					 frames + i * frame_len, frame_len);
		break;
	}
	sink += acc;
}

/* MB/s of frame bytes, best of a few rounds within CELL_SECONDS. */
static double measure(enum op op, const struct ppp_hdlc_tx *tx, uint32_t accm)
{
	double best = 0, start = now();
	int round;

	run(op, tx, accm);	/* warm up */
	for (round = 0; round < 5; round++) {
		double t0 = now(), t1;
		long batches = 0;

		do {
			run(op, tx, accm);
			batches++;
			t1 = now();
		} while (t1 - t0 < CELL_SECONDS / 5);
		if (batches * (double)frame_count * frame_len / (t1 - t0) > best)
			best = batches * (double)frame_count * frame_len /
			       (t1 - t0);
		if (t1 - start > CELL_SECONDS * 2)
			break;
	}
	return best / 1e6;
}

/* Untimed: both sides agree on the encoding and on the decoded frames. */
static bool verify(const struct ppp_hdlc_tx *tx, uint32_t accm)
{
	struct tally a = { .check = true }, b = { .check = true };
	size_t n = encode_ref(tx, stream);
	size_t m = encode_ours(tx, enc_out);

	stream_len = n;
	if (n != m || memcmp(stream, enc_out, n)) {
		fprintf(stderr, "encode differs from the reference\n");
		return false;
	}
	decode_ours(accm, &a);
	decode_ref(accm, &b);
	if (a.mismatch || b.mismatch || a.frames != frame_count ||
	    b.frames != frame_count) {
		fprintf(stderr, "decode differs: ours %zu frames%s, ref %zu%s\n",
			a.frames, a.mismatch ? " (wrong)" : "", b.frames,
			b.mismatch ? " (wrong)" : "");
		return false;
	}
	return true;
}

int main(void)
{
	static const size_t sizes[] = { 40, 64, 576, 1500 };
	static const uint32_t accms[] = { 0, 0xffffffff };
	unsigned int s, a, text;
	int failed = 0;

	ref_tables();
	printf("async HDLC with FCS-16, MB/s of frame bytes: ours / Linux-style reference (ratio)\n");
	printf("%5s %-9s %-7s  %8s %8s %6s   %8s %8s %6s\n", "size", "accm",
	       "payload", "enc", "enc-ref", "ratio", "dec", "dec-ref",
	       "ratio");
	for (s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
		for (a = 0; a < 2; a++) {
			for (text = 0; text < 2; text++) {
				struct ppp_hdlc_tx tx;
				double eo, er, d_o, dr;

				ppp_hdlc_tx_init(&tx, accms[a], false);
				make_frames(sizes[s], text);
				if (!verify(&tx, accms[a])) {
					failed = 1;
					continue;
				}
				eo = measure(ENC_OURS, &tx, accms[a]);
				er = measure(ENC_REF, &tx, accms[a]);
				d_o = measure(DEC_OURS, &tx, accms[a]);
				dr = measure(DEC_REF, &tx, accms[a]);
				printf("%5zu %08x  %-7s  %8.0f %8.0f %5.1fx   %8.0f %8.0f %5.1fx\n",
				       sizes[s], accms[a],
				       text ? "text" : "random", eo, er,
				       eo / er, d_o, dr, d_o / dr);
				fflush(stdout);
			}
		}
	}

	printf("\nFCS only, MB/s: ours (sliced) / byte-wise 256-entry table loop (ratio)\n");
	for (s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s += 3) {
		double o16, r16, o32, r32;
		size_t i;

		make_frames(sizes[s], false);
		for (i = 0; i < frame_count; i++) {
			const uint8_t *f = frames + i * frame_len;

			if (ppp_fcs16(PPP_FCS16_INIT, f, frame_len) !=
			    ref_fcs16(PPP_FCS16_INIT, f, frame_len) ||
			    ppp_fcs32(PPP_FCS32_INIT, f, frame_len) !=
			    ref_fcs32(PPP_FCS32_INIT, f, frame_len)) {
				fprintf(stderr, "FCS differs from the reference\n");
				failed = 1;
			}
		}
		o16 = measure(FCS16_OURS, NULL, 0);
		r16 = measure(FCS16_REF, NULL, 0);
		o32 = measure(FCS32_OURS, NULL, 0);
		r32 = measure(FCS32_REF, NULL, 0);
		printf("FCS-16 %5zu B: %8.0f %8.0f %5.1fx\n", sizes[s], o16,
		       r16, o16 / r16);
		printf("FCS-32 %5zu B: %8.0f %8.0f %5.1fx\n", sizes[s], o32,
		       r32, o32 / r32);
	}
	if (failed)
		fprintf(stderr, "bench_hdlc: outputs differ, figures not valid\n");
	return failed;
}
