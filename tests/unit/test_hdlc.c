// SPDX-License-Identifier: GPL-2.0
/*
 * Async HDLC framing (RFC 1662 section 4): byte-exact encodings, round
 * trips, error counting, and comparison with a slow byte-at-a-time
 * reference written here from the RFC text.
 */
#include <stdlib.h>

#include "libppp/fcs.h"
#include "libppp/hdlc.h"
#include "test.h"

/* ---- a slow reference ------------------------------------------------- */

static uint32_t ref_crc(uint32_t crc, uint32_t poly, const uint8_t *p,
			size_t len)
{
	while (len--) {
		int i;

		crc ^= *p++;
		for (i = 0; i < 8; i++)
			crc = (crc & 1) ? (crc >> 1) ^ poly : crc >> 1;
	}
	return crc;
}

static bool ref_escaped(const uint32_t *map, uint8_t c)
{
	return c == PPP_FLAG || c == PPP_ESCAPE || (map[c >> 5] >> (c & 31) & 1);
}

static size_t ref_encode(const uint32_t *map, bool fcs32, const uint8_t *f,
			 size_t len, uint8_t *out, bool open_flag)
{
	uint8_t tmp[4096 + 4];
	size_t n = 0, i, tlen = len;

	memcpy(tmp, f, len);
	if (fcs32) {
		uint32_t fcs = ~ref_crc(0xffffffff, 0xedb88320, f, len);

		for (i = 0; i < 4; i++)
			tmp[tlen++] = fcs >> (8 * i);
	} else {
		uint16_t fcs = ~ref_crc(0xffff, 0x8408, f, len);

		tmp[tlen++] = fcs & 0xff;
		tmp[tlen++] = fcs >> 8;
	}
	if (open_flag)
		out[n++] = PPP_FLAG;
	for (i = 0; i < tlen; i++) {
		if (ref_escaped(map, tmp[i])) {
			out[n++] = PPP_ESCAPE;
			out[n++] = tmp[i] ^ PPP_TRANS;
		} else {
			out[n++] = tmp[i];
		}
	}
	out[n++] = PPP_FLAG;
	return n;
}

struct ref_rx {
	uint32_t accm;
	bool fcs32, escaped, discard;
	size_t cap, len;
	uint8_t buf[4200];
	struct ppp_hdlc_rx_stats stats;
};

static void ref_rx_init(struct ref_rx *r, size_t cap, uint32_t accm,
			bool fcs32)
{
	memset(r, 0, sizeof(*r));
	r->cap = cap;
	r->accm = accm;
	r->fcs32 = fcs32;
	r->discard = true;
}

/* One byte, exactly as RFC 1662 4.2 and 4.4 describe it. */
static void ref_rx_byte(struct ref_rx *r, uint8_t c, ppp_hdlc_frame_fn fn,
			void *ctx)
{
	size_t fl = r->fcs32 ? 4 : 2;

	if (r->discard) {
		if (c == PPP_FLAG) {
			r->discard = false;
			r->escaped = false;
			r->len = 0;
		}
		return;
	}
	if (c < 0x20 && (r->accm >> c & 1))
		return;
	if (c == PPP_FLAG) {
		size_t n = r->len;
		bool good;

		r->len = 0;
		if (r->escaped) {
			r->escaped = false;
			r->stats.aborts++;
			return;
		}
		if (n == 0)
			return;
		if (n < fl + 1) {
			r->stats.runts++;
			return;
		}
		if (r->fcs32)
			good = ref_crc(0xffffffff, 0xedb88320, r->buf, n) ==
			       0xdebb20e3;
		else
			good = ref_crc(0xffff, 0x8408, r->buf, n) == 0xf0b8;
		if (!good) {
			r->stats.fcs_errors++;
			return;
		}
		r->stats.frames++;
		r->stats.bytes += n - fl;
		fn(ctx, r->buf, n - fl);
		return;
	}
	if (c == PPP_ESCAPE && !r->escaped) {
		r->escaped = true;
		return;
	}
	if (r->escaped) {
		c ^= PPP_TRANS;
		r->escaped = false;
	}
	if (r->len == r->cap) {
		r->stats.oversize++;
		r->discard = true;
		return;
	}
	r->buf[r->len++] = c;
}

/* ppp_hdlc_encode_max() as a constant expression, for array sizes. */
#define ENC_MAX(n) (2 * ((n) + 4) + 2)

/* ---- helpers ---------------------------------------------------------- */

static uint32_t rng_state = 0x9e3779b9;

static uint32_t rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 17;
	rng_state ^= rng_state << 5;
	return rng_state;
}

static void fill_random(uint8_t *p, size_t len)
{
	while (len--)
		*p++ = rnd();
}

/* All frames delivered, back to back, with their lengths. */
struct sink {
	uint8_t data[1 << 17];
	size_t used;
	size_t lens[512];
	int count;
};

static void sink_frame(void *ctx, uint8_t *frame, size_t len)
{
	struct sink *s = ctx;

	if (s->count < 512)
		s->lens[s->count] = len;
	s->count++;
	if (s->used + len <= sizeof(s->data))
		memcpy(s->data + s->used, frame, len);
	s->used += len;
	memset(frame, 0xa5, len);	/* the callee may modify the frame */
}

static bool sinks_equal(const struct sink *a, const struct sink *b)
{
	int n = a->count < 512 ? a->count : 512;

	return a->count == b->count && a->used == b->used &&
	       !memcmp(a->lens, b->lens, n * sizeof(a->lens[0])) &&
	       !memcmp(a->data, b->data, a->used < sizeof(a->data) ?
					 a->used : sizeof(a->data));
}

static bool stats_equal(const struct ppp_hdlc_rx_stats *a,
			const struct ppp_hdlc_rx_stats *b)
{
	return a->frames == b->frames && a->bytes == b->bytes &&
	       a->fcs_errors == b->fcs_errors && a->runts == b->runts &&
	       a->oversize == b->oversize && a->aborts == b->aborts;
}

static void sink_reset(struct sink *s)
{
	s->used = 0;
	s->count = 0;
}

static struct sink sink_a, sink_b;
static uint8_t rxbuf[4200];
static uint8_t stream[1 << 16];

/* The decoder must never write past the capacity it was given. */
static void arm_canary(size_t cap)
{
	memset(rxbuf + cap, 0xcc, sizeof(rxbuf) - cap);
}

static bool canary_ok(size_t cap)
{
	size_t i;

	for (i = cap; i < sizeof(rxbuf); i++)
		if (rxbuf[i] != 0xcc)
			return false;
	return true;
}

static void decode_all(const uint8_t *in, size_t len, size_t cap,
		       uint32_t accm, bool fcs32, struct ppp_hdlc_rx *rx,
		       struct sink *s)
{
	sink_reset(s);
	arm_canary(cap);
	ppp_hdlc_rx_init(rx, rxbuf, cap, accm, fcs32);
	ppp_hdlc_decode(rx, in, len, sink_frame, s);
	CHECK(canary_ok(cap));
}

static void ref_decode_all(const uint8_t *in, size_t len, size_t cap,
			   uint32_t accm, bool fcs32, struct ref_rx *r,
			   struct sink *s)
{
	size_t i;

	sink_reset(s);
	ref_rx_init(r, cap, accm, fcs32);
	for (i = 0; i < len; i++)
		ref_rx_byte(r, in[i], sink_frame, s);
}

/* ---- known encodings -------------------------------------------------- */

/* LCP Configure-Request id 1: MRU 1500, ACCM 0, magic 0x12345678. */
static const uint8_t lcp_confreq[] = {
	0xff, 0x03, 0xc0, 0x21, 0x01, 0x01, 0x00, 0x14,
	0x01, 0x04, 0x05, 0xdc,
	0x02, 0x06, 0x00, 0x00, 0x00, 0x00,
	0x05, 0x06, 0x12, 0x34, 0x56, 0x78,
};

TEST(hdlc_encodes_lcp_confreq_byte_exact_with_all_controls_escaped)
{
	static const uint8_t want[] = {
		0x7e, 0xff, 0x7d, 0x23, 0xc0, 0x21, 0x7d, 0x21, 0x7d, 0x21,
		0x7d, 0x20, 0x7d, 0x34, 0x7d, 0x21, 0x7d, 0x24, 0x7d, 0x25,
		0xdc, 0x7d, 0x22, 0x7d, 0x26, 0x7d, 0x20, 0x7d, 0x20, 0x7d,
		0x20, 0x7d, 0x20, 0x7d, 0x25, 0x7d, 0x26, 0x7d, 0x32, 0x34,
		0x56, 0x78, 0x3a, 0xda, 0x7e,
	};
	struct ppp_hdlc_tx tx;
	uint8_t out[ENC_MAX(sizeof(lcp_confreq))];
	size_t n;

	ppp_hdlc_tx_init(&tx, 0xffffffff, false);
	n = ppp_hdlc_encode(&tx, lcp_confreq, sizeof(lcp_confreq), out, true);
	CHECK_EQ(n, sizeof(want));
	CHECK_MEM(out, want, sizeof(want));
}

TEST(hdlc_encodes_lcp_confreq_byte_exact_with_accm_zero)
{
	uint8_t want[sizeof(lcp_confreq) + 4];
	struct ppp_hdlc_tx tx;
	uint8_t out[ENC_MAX(sizeof(lcp_confreq))];
	size_t n;

	want[0] = 0x7e;
	memcpy(want + 1, lcp_confreq, sizeof(lcp_confreq));
	want[sizeof(lcp_confreq) + 1] = 0x3a;	/* FCS 0xda3a, LSB first */
	want[sizeof(lcp_confreq) + 2] = 0xda;
	want[sizeof(lcp_confreq) + 3] = 0x7e;
	ppp_hdlc_tx_init(&tx, 0, false);
	n = ppp_hdlc_encode(&tx, lcp_confreq, sizeof(lcp_confreq), out, true);
	CHECK_EQ(n, sizeof(want));
	CHECK_MEM(out, want, sizeof(want));
}

TEST(hdlc_encodes_lcp_confreq_byte_exact_with_fcs32)
{
	static const uint8_t fcs[] = { 0xe7, 0x67, 0x27, 0xa4, 0x7e };
	struct ppp_hdlc_tx tx;
	uint8_t out[ENC_MAX(sizeof(lcp_confreq))];
	size_t n;

	ppp_hdlc_tx_init(&tx, 0, true);
	n = ppp_hdlc_encode(&tx, lcp_confreq, sizeof(lcp_confreq), out, true);
	CHECK_EQ(n, 1 + sizeof(lcp_confreq) + 5);
	CHECK_MEM(out + 1, lcp_confreq, sizeof(lcp_confreq));
	CHECK_MEM(out + 1 + sizeof(lcp_confreq), fcs, sizeof(fcs));
}

TEST(hdlc_escapes_flag_and_escape_bytes_in_the_frame)
{
	/* 7e 7d 5e 5d goes out as 7d 5e 7d 5d 5e 5d */
	static const uint8_t frame[] = { 0x7e, 0x7d, 0x5e, 0x5d };
	struct ppp_hdlc_tx tx;
	uint8_t out[ENC_MAX(sizeof(frame))];
	size_t n;

	ppp_hdlc_tx_init(&tx, 0, false);
	n = ppp_hdlc_encode(&tx, frame, sizeof(frame), out, true);
	CHECK(n >= 9);
	CHECK_EQ(out[0], 0x7e);
	CHECK_EQ(out[1], 0x7d);
	CHECK_EQ(out[2], 0x5e);
	CHECK_EQ(out[3], 0x7d);
	CHECK_EQ(out[4], 0x5d);
	CHECK_EQ(out[5], 0x5e);
	CHECK_EQ(out[6], 0x5d);
	CHECK_EQ(out[n - 1], 0x7e);
}

TEST(hdlc_always_escapes_flag_and_escape_even_when_cleared_from_map)
{
	static const uint8_t frame[] = { 0x01, 0x7e, 0x02, 0x7d, 0x03,
					 0x04, 0x05, 0x06, 0x07, 0x7e };
	uint32_t map[8] = { 0 };
	struct ppp_hdlc_tx tx;
	uint8_t out[ENC_MAX(sizeof(frame))];
	uint8_t want[ENC_MAX(sizeof(frame))];
	size_t n, wn;

	ppp_hdlc_tx_init(&tx, 0, false);
	memset(tx.map, 0, sizeof(tx.map));
	n = ppp_hdlc_encode(&tx, frame, sizeof(frame), out, true);
	wn = ref_encode(map, false, frame, sizeof(frame), want, true);
	CHECK_EQ(n, wn);
	CHECK_MEM(out, want, wn);
	CHECK(!memchr(out + 1, 0x7e, n - 2));
}

TEST(hdlc_encode_without_open_flag_shares_the_previous_closing_flag)
{
	static const uint8_t a[] = { 0xff, 0x03, 0x00, 0x21, 0x45 };
	static const uint8_t b[] = { 0xff, 0x03, 0x00, 0x57, 0x60, 0x00 };
	struct ppp_hdlc_tx tx;
	struct ppp_hdlc_rx rx;
	uint8_t out[64], alone[32];
	size_t n, n1, n2, m;

	ppp_hdlc_tx_init(&tx, 0, false);
	n1 = ppp_hdlc_encode(&tx, a, sizeof(a), out, true);
	n2 = ppp_hdlc_encode(&tx, b, sizeof(b), out + n1, false);
	m = ppp_hdlc_encode(&tx, b, sizeof(b), alone, true);
	n = n1 + n2;
	CHECK_EQ(out[0], 0x7e);
	CHECK_EQ(out[n1 - 1], 0x7e);
	CHECK_EQ(alone[0], 0x7e);
	CHECK_EQ(n2, m - 1);
	CHECK_MEM(out + n1, alone + 1, m - 1);
	decode_all(out, n, sizeof(rxbuf), 0, false, &rx, &sink_a);
	CHECK_EQ(sink_a.count, 2);
	CHECK_EQ(sink_a.lens[0], sizeof(a));
	CHECK_EQ(sink_a.lens[1], sizeof(b));
	CHECK_MEM(sink_a.data, a, sizeof(a));
	CHECK_MEM(sink_a.data + sizeof(a), b, sizeof(b));
}

TEST(hdlc_encode_max_covers_every_byte_and_fcs_byte_escaped)
{
	static uint8_t frame[64];
	uint8_t out[ENC_MAX(64)];
	struct ppp_hdlc_tx tx;
	size_t len;

	CHECK_EQ(ppp_hdlc_encode_max(64), ENC_MAX(64));
	memset(frame, 0x7e, sizeof(frame));
	ppp_hdlc_tx_init(&tx, 0xffffffff, true);
	for (len = 0; len <= 64; len++) {
		size_t n = ppp_hdlc_encode(&tx, frame, len, out, true);

		CHECK(n <= ppp_hdlc_encode_max(len));
		CHECK(n >= 2 * len + 2 + 4);
	}
}

TEST(hdlc_tx_escape_adds_0xff_to_the_escaped_set)
{
	static const uint8_t frame[] = { 0xff, 0x03, 0xc0, 0x21, 0xff };
	struct ppp_hdlc_tx tx;
	struct ppp_hdlc_rx rx;
	uint8_t out[ENC_MAX(sizeof(frame))];
	size_t n;

	ppp_hdlc_tx_init(&tx, 0, false);
	ppp_hdlc_tx_escape(&tx, 0xff);
	n = ppp_hdlc_encode(&tx, frame, sizeof(frame), out, true);
	CHECK_EQ(out[1], 0x7d);
	CHECK_EQ(out[2], 0xdf);
	CHECK_EQ(out[3], 0x03);
	CHECK_EQ(out[6], 0x7d);
	CHECK_EQ(out[7], 0xdf);
	CHECK(!memchr(out, 0xff, n));
	decode_all(out, n, sizeof(rxbuf), 0, false, &rx, &sink_a);
	CHECK_EQ(sink_a.count, 1);
	CHECK_EQ(sink_a.lens[0], sizeof(frame));
	CHECK_MEM(sink_a.data, frame, sizeof(frame));
}

TEST(hdlc_tx_escape_ignores_bytes_whose_escape_the_peer_would_misread)
{
	struct ppp_hdlc_tx tx, plain;
	int c;

	ppp_hdlc_tx_init(&tx, 0, false);
	ppp_hdlc_tx_init(&plain, 0, false);
	for (c = 0x20; c < 0x40; c++)
		ppp_hdlc_tx_escape(&tx, c);
	ppp_hdlc_tx_escape(&tx, 0x5e);		/* would send 7d 7e: abort */
	CHECK_MEM(tx.map, plain.map, sizeof(tx.map));
	ppp_hdlc_tx_escape(&tx, 0x5d);		/* 7d 7d is fine */
	CHECK(tx.map[0x5d >> 5] & 1u << (0x5d & 31));
}

TEST(hdlc_decodes_escaped_escape_as_0x5d)
{
	static const uint8_t frame[] = { 0x5d, 0x5d, 0x00, 0x21, 0x5d };
	struct ppp_hdlc_tx tx;
	struct ppp_hdlc_rx rx;
	uint8_t out[ENC_MAX(sizeof(frame))];
	size_t n;

	ppp_hdlc_tx_init(&tx, 0, false);
	ppp_hdlc_tx_escape(&tx, 0x5d);
	n = ppp_hdlc_encode(&tx, frame, sizeof(frame), out, true);
	CHECK_EQ(out[1], 0x7d);
	CHECK_EQ(out[2], 0x7d);
	decode_all(out, n, sizeof(rxbuf), 0, false, &rx, &sink_a);
	CHECK_EQ(sink_a.count, 1);
	CHECK_MEM(sink_a.data, frame, sizeof(frame));
}

/* ---- round trips ------------------------------------------------------ */

static uint32_t pick_accm(int i)
{
	switch (i % 4) {
	case 0:
		return 0;
	case 1:
		return 0xffffffff;
	case 2:
		return 0x000a0000;	/* XON/XOFF */
	default:
		return rnd();
	}
}

static void make_frame(uint8_t *f, size_t len, int kind)
{
	size_t i;

	switch (kind % 3) {
	case 0:
		fill_random(f, len);
		break;
	case 1:		/* text: few bytes to escape */
		for (i = 0; i < len; i++)
			f[i] = "PPP over a serial line, HDLC-like\r\n"[i % 35];
		break;
	default:	/* mostly special bytes */
		for (i = 0; i < len; i++) {
			static const uint8_t sp[] = { 0x7e, 0x7d, 0x00, 0x11,
						      0x13, 0x1f, 0x20, 0xff };
			f[i] = (rnd() & 1) ? sp[rnd() % 8] : rnd();
		}
	}
}

TEST(hdlc_encode_matches_reference_for_random_frames_maps_and_fcs)
{
	static uint8_t frame[1700];
	static uint8_t out[ENC_MAX(1700) + 8];
	static uint8_t want[ENC_MAX(1700)];
	int i, bad = 0, over = 0;

	for (i = 0; i < 3000; i++) {
		struct ppp_hdlc_tx tx;
		size_t len = (i % 7 == 0) ? rnd() % 1700 : rnd() % 80;
		bool fcs32 = i & 1, open = (i >> 1) & 1;
		size_t n, wn;

		ppp_hdlc_tx_init(&tx, pick_accm(i >> 2), fcs32);
		if (i % 5 == 0)
			ppp_hdlc_tx_escape(&tx, 0xff);
		if (i % 11 == 0)
			ppp_hdlc_tx_escape(&tx, 0x40 + rnd() % 0xc0);
		make_frame(frame, len, i / 3);
		memset(out, 0xee, sizeof(out));
		n = ppp_hdlc_encode(&tx, frame, len, out, open);
		wn = ref_encode(tx.map, fcs32, frame, len, want, open);
		bad += n != wn || memcmp(out, want, wn);
		over += n > ppp_hdlc_encode_max(len) ||
			out[ppp_hdlc_encode_max(len)] != 0xee;
	}
	CHECK_EQ(bad, 0);
	CHECK_EQ(over, 0);
}

TEST(hdlc_round_trips_random_frames_for_each_accm_and_fcs)
{
	static uint8_t frame[1600];
	static uint8_t out[ENC_MAX(1600)];
	int i, bad = 0;

	for (i = 0; i < 2000; i++) {
		struct ppp_hdlc_tx tx;
		struct ppp_hdlc_rx rx;
		size_t len = 1 + rnd() % (i % 3 ? 100 : 1600);
		uint32_t accm = pick_accm(i);
		bool fcs32 = (i >> 2) & 1;
		size_t n;

		ppp_hdlc_tx_init(&tx, accm, fcs32);
		if (i % 3 == 0)
			ppp_hdlc_tx_escape(&tx, 0xff);
		make_frame(frame, len, i);
		n = ppp_hdlc_encode(&tx, frame, len, out, true);
		/* the receiver's ACCM is at most what the sender escapes */
		decode_all(out, n, len + 4, accm & rnd(), fcs32, &rx, &sink_a);
		bad += sink_a.count != 1 || sink_a.lens[0] != len ||
		       memcmp(sink_a.data, frame, len) ||
		       rx.stats.frames != 1 || rx.stats.bytes != len;
	}
	CHECK_EQ(bad, 0);
}

/* A stream of frames of all kinds, some good, some not. */
static size_t build_stream(uint8_t *s, bool fcs32, uint32_t accm, int frames)
{
	static uint8_t frame[700];
	struct ppp_hdlc_tx tx;
	size_t n = 0;
	int i;

	ppp_hdlc_tx_init(&tx, accm, fcs32);
	s[n++] = 0x11;			/* noise before the first flag */
	for (i = 0; i < frames; i++) {
		size_t len = rnd() % (i % 4 ? 60 : 700);
		size_t start = n;

		make_frame(frame, len, i);
		n += ppp_hdlc_encode(&tx, frame, len, s + n, i % 3 == 0);
		switch (i % 9) {
		case 4:		/* corrupt a byte: FCS error (or worse) */
			if (n - start > 3)
				s[start + 1 + (n - start - 3) / 2] ^= 0x40;
			break;
		case 6:		/* abort in the middle */
			s[n - 1] = 0x7d;
			s[n++] = 0x7e;
			break;
		case 7:		/* runt and empty frames */
			s[n++] = 0x42;
			s[n++] = 0x7e;
			s[n++] = 0x7e;
			break;
		case 8:		/* noise */
			s[n++] = 0x13;
			s[n++] = 0x7e;
			break;
		}
	}
	return n;
}

TEST(hdlc_decode_gives_same_frames_and_counters_for_every_split_position)
{
	struct ppp_hdlc_rx whole, rx;
	size_t n, cut;
	int bad = 0, fcs32;

	for (fcs32 = 0; fcs32 < 2; fcs32++) {
		n = build_stream(stream, fcs32, 0xffffffff, 18);
		decode_all(stream, n, 300, 0x000a0000, fcs32, &whole, &sink_a);
		CHECK(whole.stats.frames > 5);
		CHECK(whole.stats.fcs_errors > 0);
		CHECK(whole.stats.aborts > 0);
		CHECK(whole.stats.runts > 0);
		CHECK(whole.stats.oversize > 0);
		for (cut = 0; cut <= n; cut++) {
			sink_reset(&sink_b);
			ppp_hdlc_rx_init(&rx, rxbuf, 300, 0x000a0000, fcs32);
			ppp_hdlc_decode(&rx, stream, cut, sink_frame, &sink_b);
			ppp_hdlc_decode(&rx, stream + cut, n - cut, sink_frame,
					&sink_b);
			bad += !sinks_equal(&sink_a, &sink_b) ||
			       !stats_equal(&whole.stats, &rx.stats);
		}
	}
	CHECK_EQ(bad, 0);
}

TEST(hdlc_decode_gives_same_frames_byte_at_a_time_and_in_random_pieces)
{
	struct ppp_hdlc_rx whole, rx;
	size_t n, i;
	int round, bad = 0;

	for (round = 0; round < 40; round++) {
		bool fcs32 = round & 1;
		uint32_t accm = pick_accm(round);

		n = build_stream(stream, fcs32, accm | 0x000a0000, 40);
		decode_all(stream, n, 1 + rnd() % 800, 0x000a0000, fcs32,
			   &whole, &sink_a);
		sink_reset(&sink_b);
		ppp_hdlc_rx_init(&rx, rxbuf, whole.cap, 0x000a0000, fcs32);
		if (round % 2) {
			for (i = 0; i < n; i++)
				ppp_hdlc_decode(&rx, stream + i, 1, sink_frame,
						&sink_b);
		} else {
			for (i = 0; i < n;) {
				size_t k = rnd() % 40;

				if (k > n - i)
					k = n - i;
				ppp_hdlc_decode(&rx, stream + i, k, sink_frame,
						&sink_b);
				i += k;
			}
		}
		bad += !sinks_equal(&sink_a, &sink_b) ||
		       !stats_equal(&whole.stats, &rx.stats);
	}
	CHECK_EQ(bad, 0);
}

/* ---- receive errors --------------------------------------------------- */

static size_t encode_one(const uint8_t *f, size_t len, uint32_t accm,
			 bool fcs32, uint8_t *out)
{
	struct ppp_hdlc_tx tx;

	ppp_hdlc_tx_init(&tx, accm, fcs32);
	return ppp_hdlc_encode(&tx, f, len, out, true);
}

TEST(hdlc_abort_sequence_drops_the_frame_and_counts_an_abort)
{
	struct ppp_hdlc_rx rx;
	uint8_t s[200];
	size_t n = 0;

	n += encode_one(lcp_confreq, sizeof(lcp_confreq), 0, false, s);
	s[n - 3] = 0x7d;	/* replace the FCS tail with 7d 7e */
	s[n - 2] = 0x7e;
	n--;
	n += encode_one(lcp_confreq, sizeof(lcp_confreq), 0, false, s + n);
	decode_all(s, n, sizeof(rxbuf), 0, false, &rx, &sink_a);
	CHECK_EQ(rx.stats.aborts, 1);
	CHECK_EQ(rx.stats.fcs_errors, 0);
	CHECK_EQ(rx.stats.runts, 0);
	CHECK_EQ(rx.stats.frames, 1);
	CHECK_EQ(sink_a.count, 1);
	CHECK_EQ(sink_a.lens[0], sizeof(lcp_confreq));
}

TEST(hdlc_runts_between_flags_are_counted_and_dropped)
{
	static const uint8_t s16[] = { 0x7e, 0x01, 0x7e, 0x01, 0x02, 0x7e,
				       0x7d, 0x5e, 0x7e };
	static const uint8_t s32[] = { 0x7e, 0x01, 0x02, 0x03, 0x04, 0x7e,
				       0x01, 0x7e };
	struct ppp_hdlc_rx rx;

	decode_all(s16, sizeof(s16), sizeof(rxbuf), 0, false, &rx, &sink_a);
	CHECK_EQ(rx.stats.runts, 3);
	CHECK_EQ(rx.stats.fcs_errors, 0);
	CHECK_EQ(sink_a.count, 0);
	decode_all(s32, sizeof(s32), sizeof(rxbuf), 0, true, &rx, &sink_a);
	CHECK_EQ(rx.stats.runts, 2);
	CHECK_EQ(rx.stats.fcs_errors, 0);
}

TEST(hdlc_shortest_frame_with_one_byte_and_fcs_is_not_a_runt)
{
	static const uint8_t one[] = { 0x21 };
	struct ppp_hdlc_rx rx;
	uint8_t s[32];
	size_t n;

	n = encode_one(one, 1, 0, false, s);
	decode_all(s, n, sizeof(rxbuf), 0, false, &rx, &sink_a);
	CHECK_EQ(rx.stats.runts, 0);
	CHECK_EQ(rx.stats.frames, 1);
	n = encode_one(one, 1, 0, true, s);
	decode_all(s, n, sizeof(rxbuf), 0, true, &rx, &sink_a);
	CHECK_EQ(rx.stats.runts, 0);
	CHECK_EQ(rx.stats.frames, 1);
}

TEST(hdlc_empty_frames_between_consecutive_flags_are_ignored)
{
	static const uint8_t s[] = { 0x7e, 0x7e, 0x7e, 0x7e, 0x11, 0x7e };
	struct ppp_hdlc_rx rx;
	struct ppp_hdlc_rx_stats zero = { 0 };

	decode_all(s, sizeof(s), sizeof(rxbuf), 0xffffffff, false, &rx,
		   &sink_a);
	CHECK(stats_equal(&rx.stats, &zero));
	CHECK_EQ(sink_a.count, 0);
}

TEST(hdlc_oversize_frame_is_counted_once_and_dropped_until_next_flag)
{
	static uint8_t big[1000];
	struct ppp_hdlc_rx rx;
	size_t n;

	fill_random(big, sizeof(big));
	n = encode_one(big, sizeof(big), 0xffffffff, false, stream);
	n += encode_one(lcp_confreq, sizeof(lcp_confreq), 0xffffffff, false,
			stream + n);
	decode_all(stream, n, 100, 0, false, &rx, &sink_a);
	CHECK_EQ(rx.stats.oversize, 1);
	CHECK_EQ(rx.stats.fcs_errors, 0);
	CHECK_EQ(rx.stats.aborts, 0);
	CHECK_EQ(rx.stats.frames, 1);
	CHECK_EQ(sink_a.lens[0], sizeof(lcp_confreq));
	CHECK_MEM(sink_a.data, lcp_confreq, sizeof(lcp_confreq));
}

TEST(hdlc_frame_of_exactly_buffer_capacity_with_fcs_is_accepted)
{
	static uint8_t f[300];
	struct ppp_hdlc_rx rx;
	size_t n;
	int fcs32;

	for (fcs32 = 0; fcs32 < 2; fcs32++) {
		size_t fl = fcs32 ? 4 : 2;

		fill_random(f, sizeof(f));
		n = encode_one(f, sizeof(f), 0, fcs32, stream);
		decode_all(stream, n, sizeof(f) + fl, 0, fcs32, &rx, &sink_a);
		CHECK_EQ(rx.stats.frames, 1);
		CHECK_EQ(rx.stats.oversize, 0);
		decode_all(stream, n, sizeof(f) + fl - 1, 0, fcs32, &rx,
			   &sink_a);
		CHECK_EQ(rx.stats.frames, 0);
		CHECK_EQ(rx.stats.oversize, 1);
	}
}

TEST(hdlc_bad_fcs_is_counted_and_the_frame_dropped)
{
	struct ppp_hdlc_rx rx;
	uint8_t s[200];
	size_t n, i;
	int bad = 0;

	/* every single-bit error in the frame body or FCS is caught */
	n = encode_one(lcp_confreq, sizeof(lcp_confreq), 0, false, s);
	for (i = 1; i < n - 1; i++) {
		int bit;

		for (bit = 0; bit < 8; bit++) {
			uint8_t save = s[i];

			s[i] ^= 1 << bit;
			if (s[i] != 0x7e && s[i] != 0x7d) {
				decode_all(s, n, sizeof(rxbuf), 0, false, &rx,
					   &sink_a);
				bad += rx.stats.fcs_errors != 1 ||
				       sink_a.count != 0;
			}
			s[i] = save;
		}
	}
	CHECK_EQ(bad, 0);
}

TEST(hdlc_rx_accm_drops_noise_bytes_anywhere_even_after_an_escape)
{
	struct ppp_hdlc_rx rx;
	uint8_t clean[200], noisy[600];
	size_t n, m = 0, i;

	n = encode_one(lcp_confreq, sizeof(lcp_confreq), 0xffffffff, false,
		       clean);
	for (i = 0; i < n; i++) {
		noisy[m++] = clean[i];
		noisy[m++] = (i & 1) ? 0x11 : 0x13;	/* XON / XOFF */
	}
	decode_all(noisy, m, sizeof(rxbuf), 0x000a0000, false, &rx, &sink_a);
	CHECK_EQ(rx.stats.frames, 1);
	CHECK_EQ(rx.stats.fcs_errors, 0);
	CHECK_EQ(sink_a.lens[0], sizeof(lcp_confreq));
	CHECK_MEM(sink_a.data, lcp_confreq, sizeof(lcp_confreq));

	/* without the ACCM the same bytes are data, and the FCS fails */
	decode_all(noisy, m, sizeof(rxbuf), 0, false, &rx, &sink_a);
	CHECK_EQ(rx.stats.frames, 0);
	CHECK_EQ(rx.stats.fcs_errors, 1);
}

TEST(hdlc_control_bytes_outside_rx_accm_are_data)
{
	static const uint8_t f[] = { 0x00, 0x21, 0x01, 0x11, 0x13, 0x1f };
	struct ppp_hdlc_rx rx;
	uint32_t present = 0;
	uint8_t s[32];
	size_t n, i;

	n = encode_one(f, sizeof(f), 0, false, s);
	for (i = 0; i < n; i++)
		if (s[i] < 0x20)
			present |= 1u << s[i];
	/* every control byte on the wire is data to this receiver */
	decode_all(s, n, sizeof(rxbuf), ~present, false, &rx, &sink_a);
	CHECK_EQ(rx.stats.frames, 1);
	CHECK_EQ(sink_a.lens[0], sizeof(f));
	CHECK_MEM(sink_a.data, f, sizeof(f));
	/* and 0x11 is noise to this one */
	decode_all(s, n, sizeof(rxbuf), ~present | 1u << 0x11, false, &rx,
		   &sink_a);
	CHECK_EQ(rx.stats.frames, 0);
	CHECK_EQ(rx.stats.fcs_errors, 1);
}

TEST(hdlc_bytes_before_the_first_flag_are_ignored)
{
	struct ppp_hdlc_rx rx;
	size_t n;

	memcpy(stream, "ATDT123\r\nCONNECT 9600\r\n", 23);
	n = 23 + encode_one(lcp_confreq, sizeof(lcp_confreq), 0, false,
			    stream + 23);
	decode_all(stream, n, sizeof(rxbuf), 0, false, &rx, &sink_a);
	CHECK_EQ(rx.stats.frames, 1);
	CHECK_EQ(rx.stats.fcs_errors, 0);
	CHECK_EQ(rx.stats.runts, 0);
}

TEST(hdlc_stats_count_frames_and_payload_bytes_without_fcs)
{
	struct ppp_hdlc_rx rx;
	size_t n = 0;
	int i;

	for (i = 0; i < 5; i++)
		n += encode_one(lcp_confreq, sizeof(lcp_confreq), 0, true,
				stream + n);
	decode_all(stream, n, sizeof(rxbuf), 0, true, &rx, &sink_a);
	CHECK_EQ(rx.stats.frames, 5);
	CHECK_EQ(rx.stats.bytes, 5 * sizeof(lcp_confreq));
}

/* ---- against the reference ------------------------------------------- */

/* Random streams, heavy in flags, escapes and controls, in random pieces. */
TEST(hdlc_decode_matches_reference_on_random_streams)
{
	static const uint8_t sp[] = { 0x7e, 0x7d, 0x5e, 0x5d, 0x00, 0x11,
				      0x13, 0x20, 0x31, 0xff };
	struct ppp_hdlc_rx rx;
	static struct ref_rx ref;
	int round, bad = 0, frames = 0;

	for (round = 0; round < 3000; round++) {
		size_t n, i, cap = 1 + rnd() % 300;
		uint32_t accm = pick_accm(round);
		bool fcs32 = round & 1;
		int density = rnd() % 64;

		if (round % 4 == 0) {
			n = build_stream(stream, fcs32, rnd(), 8);
		} else {
			n = rnd() % 2000;
			for (i = 0; i < n; i++)
				stream[i] = (int)(rnd() % 64) < density ?
					    sp[rnd() % sizeof(sp)] : rnd();
		}
		ref_decode_all(stream, n, cap, accm, fcs32, &ref, &sink_a);
		sink_reset(&sink_b);
		arm_canary(cap);
		ppp_hdlc_rx_init(&rx, rxbuf, cap, accm, fcs32);
		for (i = 0; i < n;) {
			size_t k = rnd() % 300;

			if (k > n - i)
				k = n - i;
			ppp_hdlc_decode(&rx, stream + i, k, sink_frame, &sink_b);
			i += k;
		}
		bad += !canary_ok(cap) || !sinks_equal(&sink_a, &sink_b) ||
		       !stats_equal(&ref.stats, &rx.stats) ||
		       ref.len != rx.len || ref.escaped != rx.escaped ||
		       ref.discard != rx.discard;
		frames += sink_a.count;
	}
	CHECK_EQ(bad, 0);
	CHECK(frames > 500);
}

TEST(hdlc_decode_never_writes_past_the_buffer_capacity)
{
	static uint8_t frame[200];
	struct ppp_hdlc_tx tx;
	struct ppp_hdlc_rx rx;
	size_t n = 0, cap;
	int i;

	/* long runs of plain data and of escapes, ending at every offset */
	for (i = 0; i < 60; i++) {
		ppp_hdlc_tx_init(&tx, i & 1 ? 0xffffffff : 0, false);
		make_frame(frame, 100 + i, i);
		n += ppp_hdlc_encode(&tx, frame, 100 + i, stream + n, true);
	}
	for (cap = 0; cap <= 220; cap++)
		decode_all(stream, n, cap, 0, false, &rx, &sink_a);
}

/* --- sync framing ------------------------------------------------------ */

/* Three frames whose protocols record their lengths: IPv4 (full header),
 * LCP Echo-Request, IPv6 (ACFC + PFC-less). Returns the stream length. */
static size_t sync_stream(uint8_t *p, size_t *lens)
{
	size_t n = 0, i;

	lens[0] = 4 + 300;
	memset(p, 0, lens[0]);
	p[0] = 0xff, p[1] = 0x03, p[3] = 0x21, p[4] = 0x45, p[6] = 300 >> 8, p[7] = 300 & 0xff;
	p[16] = 64, p[17] = 6;
	test_ipv4_checksum(p + 4);
	for (i = 24; i < lens[0]; i++)
		p[i] = i * 7;
	n += lens[0];
	lens[1] = 4 + 12;
	memcpy(p + n, "\xff\x03\xc0\x21\x09\x07\x00\x0c\x11\x22\x33\x44\x55\x66\x77\x88", 16);
	n += lens[1];
	lens[2] = 2 + 40 + 20;
	memset(p + n, 0x3c, lens[2]);
	p[n] = 0x00, p[n + 1] = 0x57, p[n + 2] = 0x60, p[n + 6] = 0, p[n + 7] = 20;
	n += lens[2];
	return n;
}

TEST(sync_decode_cuts_merged_frames_and_joins_split_ones_at_every_split)
{
	struct ppp_sync_rx rx;
	size_t lens[3], len = sync_stream(stream, lens), cut;

	for (cut = 0; cut <= len; cut++) {
		sink_reset(&sink_a);
		ppp_sync_rx_init(&rx, rxbuf, 1504);
		ppp_sync_decode(&rx, stream, cut, sink_frame, &sink_a);
		ppp_sync_decode(&rx, stream + cut, len - cut, sink_frame, &sink_a);
		CHECK_EQ(sink_a.count, 3);
		CHECK_EQ(sink_a.lens[0], lens[0]);
		CHECK_EQ(sink_a.lens[1], lens[1]);
		CHECK_EQ(sink_a.lens[2], lens[2]);
		CHECK_EQ(sink_a.used, len);
		CHECK_MEM(sink_a.data, stream, len);
		CHECK_EQ(rx.stats.frames, 3);
		CHECK_EQ(rx.stats.bytes, len);
		if (test_cur_failed)
			break;
	}
	/* A byte at a time: the same three frames. */
	sink_reset(&sink_a);
	ppp_sync_rx_init(&rx, rxbuf, 1504);
	for (cut = 0; cut < len; cut++)
		ppp_sync_decode(&rx, stream + cut, 1, sink_frame, &sink_a);
	CHECK_EQ(sink_a.count, 3);
	CHECK_EQ(sink_a.lens[1], lens[1]);
	CHECK_EQ(sink_a.used, len);
}

TEST(sync_decode_drops_a_half_frame_when_a_checked_ipv4_frame_begins_anew)
{
	struct ppp_sync_rx rx;
	size_t lens[3], len = sync_stream(stream, lens);

	/* ppp_synctty after a short write: part of a frame, then all of it. */
	sink_reset(&sink_a);
	ppp_sync_rx_init(&rx, rxbuf, 1504);
	ppp_sync_decode(&rx, stream, 100, sink_frame, &sink_a);
	CHECK_EQ(sink_a.count, 0);
	ppp_sync_decode(&rx, stream, len, sink_frame, &sink_a);
	CHECK_EQ(sink_a.count, 3);
	CHECK_EQ(sink_a.used, len);
	CHECK_EQ(rx.stats.runts, 1);
	/* An LCP start proves nothing: the half frame is completed from it. */
	sink_reset(&sink_a);
	ppp_sync_decode(&rx, stream, 100, sink_frame, &sink_a);
	ppp_sync_decode(&rx, stream + lens[0], len - lens[0], sink_frame, &sink_a);
	CHECK_EQ(sink_a.lens[0], lens[0]);
	CHECK_EQ(rx.stats.runts, 1);
}

TEST(sync_decode_skips_what_starts_no_frame_to_the_next_trusted_one)
{
	static uint8_t mixed[1024];
	struct ppp_sync_rx rx;
	size_t lens[3], len = sync_stream(stream, lens), i;

	/* The tail of a lost frame (even "protocol"), then IPv4, LCP, IPv6. */
	for (i = 0; i < 37; i++)
		mixed[i] = 0x80 + 2 * i;
	memcpy(mixed + 37, stream, len);
	sink_reset(&sink_a);
	ppp_sync_rx_init(&rx, rxbuf, 1504);
	ppp_sync_decode(&rx, mixed, 37 + len, sink_frame, &sink_a);
	CHECK_EQ(sink_a.count, 3);
	CHECK_EQ(sink_a.used, len);
	CHECK_MEM(sink_a.data, stream, len);
	CHECK_EQ(rx.stats.runts, 1);
	/* The same garbage before an IPv6 frame only: IPv6 is no anchor, and
	 * nothing trusted follows: the delivery is dropped. */
	memcpy(mixed + 37, stream + lens[0] + lens[1], lens[2]);
	ppp_sync_decode(&rx, mixed, 37 + lens[2], sink_frame, &sink_a);
	CHECK_EQ(sink_a.count, 3);
	CHECK_EQ(rx.stats.runts, 2);
	CHECK_EQ(rx.len, 0);
	CHECK_EQ(rx.need, 0);
}

TEST(sync_decode_takes_a_frame_without_recorded_length_as_its_delivery)
{
	static const uint8_t vj[] = { 0xff, 0x03, 0x00, 0x2d, 1, 2, 3, 4, 5 };
	struct ppp_sync_rx rx;
	size_t lens[3], len = sync_stream(stream, lens);

	sink_reset(&sink_a);
	ppp_sync_rx_init(&rx, rxbuf, 1504);
	memcpy(stream + len, vj, sizeof(vj));
	/* At the head of a delivery: the whole delivery. */
	ppp_sync_decode(&rx, vj, sizeof(vj), sink_frame, &sink_a);
	CHECK_EQ(sink_a.count, 1);
	CHECK_EQ(sink_a.lens[0], sizeof(vj));
	/* IPv4, LCP, IPv6, then VJ: after a cut no length means no frame. */
	ppp_sync_decode(&rx, stream, len + sizeof(vj), sink_frame, &sink_a);
	CHECK_EQ(sink_a.count, 4);
	CHECK_EQ(sink_a.lens[3], lens[2]);
	CHECK_EQ(rx.stats.runts, 1);
	CHECK_EQ(rx.need, 0);
}

TEST(sync_decode_takes_an_unknown_protocol_only_at_the_head_of_a_delivery)
{
	static const uint8_t odd[] = { 0xff, 0x03, 0x00, 0x63, 9, 8, 7, 6, 5, 4, 3, 2, 1 };
	struct ppp_sync_rx rx;
	size_t lens[3];

	sync_stream(stream, lens);
	sink_reset(&sink_a);
	ppp_sync_rx_init(&rx, rxbuf, 1504);
	/* Alone: a frame, which LCP will Protocol-Reject. */
	ppp_sync_decode(&rx, odd, sizeof(odd), sink_frame, &sink_a);
	CHECK_EQ(sink_a.count, 1);
	CHECK_EQ(sink_a.lens[0], sizeof(odd));
	/* Behind an IPv4 frame in the same delivery: payload-like, skipped. */
	memcpy(stream + lens[0], odd, sizeof(odd));
	ppp_sync_decode(&rx, stream, lens[0] + sizeof(odd), sink_frame, &sink_a);
	CHECK_EQ(sink_a.count, 2);
	CHECK_EQ(sink_a.lens[1], lens[0]);
	CHECK_EQ(rx.stats.runts, 1);
}

TEST(sync_decode_counts_oversize_and_waits_out_only_checked_ipv4_lengths)
{
	struct ppp_sync_rx rx;
	uint8_t big[600] = { 0xff, 0x03, 0x00, 0x21, 0x45, 0, 0x02, 0x54 };	/* 596 + 4 */
	uint8_t huge[16] = { 0xff, 0x03, 0xc0, 0x21, 1, 1, 0xff, 0xff };	/* 65535 */

	big[16] = 64, big[17] = 6;
	test_ipv4_checksum(big + 4);
	sink_reset(&sink_a);
	arm_canary(256);
	ppp_sync_rx_init(&rx, rxbuf, 256);
	/* A checked IPv4 frame too big: waited out across deliveries, dropped. */
	ppp_sync_decode(&rx, big, 300, sink_frame, &sink_a);
	ppp_sync_decode(&rx, big + 300, sizeof(big) - 300, sink_frame, &sink_a);
	CHECK_EQ(sink_a.count, 0);
	CHECK_EQ(rx.stats.oversize, 1);
	CHECK_EQ(rx.need, 0);
	CHECK(canary_ok(256));
	/* Behind it in the same delivery, a frame that fits still comes out. */
	memcpy(stream, big, sizeof(big));
	memcpy(stream + sizeof(big), huge, 12);	/* an LCP Configure-Request */
	stream[sizeof(big) + 6] = 0, stream[sizeof(big) + 7] = 8;
	ppp_sync_decode(&rx, stream, sizeof(big) + 12, sink_frame, &sink_a);
	CHECK_EQ(sink_a.count, 1);
	CHECK_EQ(sink_a.lens[0], 12);
	CHECK_EQ(rx.stats.oversize, 2);
	/* A control packet's length past the capacity is not waited for. */
	ppp_sync_decode(&rx, huge, sizeof(huge), sink_frame, &sink_a);
	CHECK_EQ(sink_a.count, 1);
	CHECK_EQ(rx.stats.oversize, 3);
	CHECK_EQ(rx.need, 0);
	/* Only its last byte (0x00, as of 0x0021) is kept: it may begin a frame. */
	CHECK(rx.len <= 1);
	CHECK(canary_ok(256));
}

int main(void)
{
	RUN(hdlc_encodes_lcp_confreq_byte_exact_with_all_controls_escaped);
	RUN(sync_decode_cuts_merged_frames_and_joins_split_ones_at_every_split);
	RUN(sync_decode_drops_a_half_frame_when_a_checked_ipv4_frame_begins_anew);
	RUN(sync_decode_skips_what_starts_no_frame_to_the_next_trusted_one);
	RUN(sync_decode_takes_a_frame_without_recorded_length_as_its_delivery);
	RUN(sync_decode_takes_an_unknown_protocol_only_at_the_head_of_a_delivery);
	RUN(sync_decode_counts_oversize_and_waits_out_only_checked_ipv4_lengths);
	RUN(hdlc_encodes_lcp_confreq_byte_exact_with_accm_zero);
	RUN(hdlc_encodes_lcp_confreq_byte_exact_with_fcs32);
	RUN(hdlc_escapes_flag_and_escape_bytes_in_the_frame);
	RUN(hdlc_always_escapes_flag_and_escape_even_when_cleared_from_map);
	RUN(hdlc_encode_without_open_flag_shares_the_previous_closing_flag);
	RUN(hdlc_encode_max_covers_every_byte_and_fcs_byte_escaped);
	RUN(hdlc_tx_escape_adds_0xff_to_the_escaped_set);
	RUN(hdlc_tx_escape_ignores_bytes_whose_escape_the_peer_would_misread);
	RUN(hdlc_decodes_escaped_escape_as_0x5d);
	RUN(hdlc_encode_matches_reference_for_random_frames_maps_and_fcs);
	RUN(hdlc_round_trips_random_frames_for_each_accm_and_fcs);
	RUN(hdlc_decode_gives_same_frames_and_counters_for_every_split_position);
	RUN(hdlc_decode_gives_same_frames_byte_at_a_time_and_in_random_pieces);
	RUN(hdlc_abort_sequence_drops_the_frame_and_counts_an_abort);
	RUN(hdlc_runts_between_flags_are_counted_and_dropped);
	RUN(hdlc_shortest_frame_with_one_byte_and_fcs_is_not_a_runt);
	RUN(hdlc_empty_frames_between_consecutive_flags_are_ignored);
	RUN(hdlc_oversize_frame_is_counted_once_and_dropped_until_next_flag);
	RUN(hdlc_frame_of_exactly_buffer_capacity_with_fcs_is_accepted);
	RUN(hdlc_bad_fcs_is_counted_and_the_frame_dropped);
	RUN(hdlc_rx_accm_drops_noise_bytes_anywhere_even_after_an_escape);
	RUN(hdlc_control_bytes_outside_rx_accm_are_data);
	RUN(hdlc_bytes_before_the_first_flag_are_ignored);
	RUN(hdlc_stats_count_frames_and_payload_bytes_without_fcs);
	RUN(hdlc_decode_matches_reference_on_random_streams);
	RUN(hdlc_decode_never_writes_past_the_buffer_capacity);
	return test_summary();
}
