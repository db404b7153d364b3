// SPDX-License-Identifier: GPL-2.0
/*
 * PPP Deflate (libppp/deflate.c) against itself and against plain zlib
 * framed the way Linux's ppp_deflate frames it: round trips of a mix of
 * text, HTTP, random, tiny and over-1500-byte packets for every window;
 * packets sent as is keep both histories in step (checked by replaying
 * the whole conversation as one deflate stream, the as-is packets as
 * stored blocks, which is what inflateIncomp does to a window); a lost
 * packet is a sequence error until a reset; bad input is refused.
 */
#include <stdio.h>
#include <stdlib.h>
#include <zlib.h>

#include "libppp/ccp.h"
#include "libppp/deflate.h"
#include "test.h"

static uint32_t rnd = 2024;

static uint8_t next_rand(void)
{
	rnd = rnd * 1103515245 + 12345;
	return (uint8_t)(rnd >> 16);
}

static const char http[] =
	"HTTP/1.1 200 OK\r\nServer: nginx/1.22.1\r\nDate: Thu, 03 Dec 2026 18:00:00 GMT\r\n"
	"Content-Type: text/html; charset=utf-8\r\nConnection: keep-alive\r\n\r\n";
static const char prose[] =
	"It is a truth universally acknowledged, that a single man in possession of a "
	"good fortune, must be in want of a wife. However little known the feelings or "
	"views of such a man may be on his first entering a neighbourhood, this truth is "
	"so well fixed in the minds of the surrounding families, that he is considered "
	"the rightful property of some one or other of their daughters. ";

enum { K_TEXT, K_HTTP, K_RANDOM, K_TINY, K_BIG, K_LCP, K_MPLS, K_KINDS };

/* Packet @i of a recorded-looking conversation: protocol field + payload. */
static size_t make(uint8_t *b, int i, int kind)
{
	size_t len, k, off = (size_t)i * 37;

	b[0] = 0x00;
	b[1] = 0x21;		/* IPv4: one byte on the wire */
	switch (kind) {
	case K_TEXT:
		len = 40 + (size_t)(i * 97 % 1400);
		for (k = 2; k < len; k++)
			b[k] = (uint8_t)prose[(k + off) % (sizeof(prose) - 1)];
		break;
	case K_HTTP:
		len = 60 + (size_t)(i * 53 % 600);
		for (k = 2; k < len; k++)
			b[k] = (uint8_t)http[(k - 2) % (sizeof(http) - 1)];
		b[20] = (uint8_t)('0' + i % 10);
		break;
	case K_RANDOM:
		len = 2 + 1398 - (size_t)(i % 5) * 200;
		for (k = 2; k < len; k++)
			b[k] = next_rand();
		break;
	case K_TINY:
		len = 2 + (size_t)(i % 4);
		for (k = 2; k < len; k++)
			b[k] = (uint8_t)k;
		break;
	case K_BIG:
		len = 1502 + (size_t)(i % 3) * 250;	/* MRU above 1500 */
		for (k = 2; k < len; k++)
			b[k] = (uint8_t)(k % 7 == 0 ? next_rand() : prose[k % 50]);
		break;
	case K_LCP:
		b[0] = 0xc0;
		len = 30;
		for (k = 2; k < len; k++)
			b[k] = (uint8_t)k;
		break;
	default:
		b[0] = 0x02;
		b[1] = 0x81;	/* MPLS: two bytes stay */
		len = 300;
		for (k = 2; k < len; k++)
			b[k] = (uint8_t)http[k % 40];
		break;
	}
	return len;
}

static int kind_of(int i)
{
	static const int mix[] = { K_TEXT, K_RANDOM, K_HTTP, K_TEXT, K_TINY, K_RANDOM, K_BIG,
				   K_HTTP, K_LCP, K_RANDOM, K_MPLS, K_TEXT };

	return mix[i % (int)(sizeof(mix) / sizeof(mix[0]))];
}

/*
 * The whole conversation as one raw deflate stream a plain inflate can
 * read: compressed packets with their 00 00 ff ff put back, as-is packets
 * as stored blocks. It comes out right only if every compressed packet
 * referred to exactly the history the receiver had.
 */
struct replay {
	uint8_t *stream, *plain;
	size_t slen, plen;
};

static void replay_add(struct replay *r, const uint8_t *pkt, size_t len, bool compressed)
{
	if (compressed) {
		memcpy(r->stream + r->slen, pkt + 2, len - 2);
		memcpy(r->stream + r->slen + len - 2, "\x00\x00\xff\xff", 4);
		r->slen += len + 2;
	} else {
		size_t skip = pkt[0] == 0, n = len - skip;

		r->stream[r->slen++] = 0x00;	/* stored, not final, aligned */
		r->stream[r->slen++] = (uint8_t)n;
		r->stream[r->slen++] = (uint8_t)(n >> 8);
		r->stream[r->slen++] = (uint8_t)~n;
		r->stream[r->slen++] = (uint8_t)(~n >> 8);
		memcpy(r->stream + r->slen, pkt + skip, n);
		r->slen += n;
	}
}

static void replay_plain(struct replay *r, const uint8_t *pkt, size_t len)
{
	size_t skip = pkt[0] == 0;

	memcpy(r->plain + r->plen, pkt + skip, len - skip);
	r->plen += len - skip;
}

static bool replay_check(struct replay *r, int window)
{
	z_stream s;
	uint8_t *out = malloc(r->plen + 16);
	bool ok;

	memset(&s, 0, sizeof(s));
	inflateInit2(&s, -window);
	s.next_in = r->stream;
	s.avail_in = (unsigned int)r->slen;
	s.next_out = out;
	s.avail_out = (unsigned int)r->plen + 16;
	inflate(&s, Z_SYNC_FLUSH);
	ok = s.avail_in == 0 && s.total_out == r->plen && !memcmp(out, r->plain, r->plen);
	inflateEnd(&s);
	free(out);
	return ok;
}

struct run {
	int packets, compressed, as_is, early, restarts, bad;
	size_t in_bytes, out_bytes, text_in, text_out;
};

/* @n packets through @tx and @rx, checked one by one and replayed. */
static void conversation(int window, int n, struct run *res, int (*kind)(int))
{
	struct ppp_deflate tx, rx;
	struct replay rp = { malloc(4 << 20), malloc(4 << 20), 0, 0 };
	uint8_t in[2000], enc[2100], dec[2100];
	int i;

	memset(res, 0, sizeof(*res));
	CHECK_EQ(ppp_deflate_init(&tx, true, (unsigned int)window), 0);
	CHECK_EQ(ppp_deflate_init(&rx, false, (unsigned int)window), 0);
	for (i = 0; i < n; i++) {
		int k = kind(i);
		size_t len = make(in, i, k);
		int c = ppp_deflate_compress(&tx, in, len, enc, ppp_deflate_max(len)), m;
		bool ours = ppp_deflate_proto(ppp_get_be16(in));

		res->packets++;
		res->in_bytes += len;
		if (c > 0) {
			CHECK(ours && (size_t)c < len);
			m = ppp_deflate_decompress(&rx, enc, (size_t)c, dec, sizeof(dec));
			res->bad += m != (int)len || memcmp(dec, in, len);
			res->compressed++;
			res->out_bytes += (size_t)c;
			replay_add(&rp, enc, (size_t)c, true);
		} else {
			CHECK_EQ(c, 0);
			CHECK_EQ(ppp_deflate_incomp(&rx, in, len), 0);
			res->as_is++;
			res->out_bytes += len;
			if (ours)
				replay_add(&rp, in, len, false);
		}
		if (ours)
			replay_plain(&rp, in, len);
		if (k == K_TEXT || k == K_HTTP) {
			res->text_in += len;
			res->text_out += c > 0 ? (size_t)c : len;
		}
	}
	res->early = (int)tx.stats.early;
	res->restarts = (int)tx.stats.restarts;
	CHECK(replay_check(&rp, window));
	CHECK_EQ(tx.seq, rx.seq);
	CHECK(!rx.broken);
	ppp_deflate_free(&tx);
	ppp_deflate_free(&rx);
	free(rp.stream);
	free(rp.plain);
}

TEST(every_window_round_trips_a_mixed_conversation)
{
	int w;

	for (w = PPP_DEFLATE_WMIN; w <= PPP_DEFLATE_WMAX; w++) {
		struct run r;

		conversation(w, 360, &r, kind_of);
		CHECK_EQ(r.bad, 0);
		CHECK(r.compressed > 150);
		/* Random packets of 800+ bytes never reach deflate. */
		CHECK(r.early >= 360 / 12 * 3 * 4 / 5);
		/* Text to a third with 4 KiB of history, to half with 512 bytes. */
		CHECK(r.text_out * (w >= 12 ? 3 : 2) < r.text_in);
		if (test_cur_failed) {
			fprintf(stderr, "  window %d\n", w);
			return;
		}
	}
}

/* Long random runs (beyond a window: the history restarts) between text. */
static int kind_bursty(int i)
{
	return i % 60 < 30 ? K_RANDOM : i % 2 ? K_TEXT : K_HTTP;
}

TEST(random_runs_longer_than_the_window_restart_the_history_safely)
{
	int w;

	for (w = PPP_DEFLATE_WMIN; w <= PPP_DEFLATE_WMAX; w += 3) {
		struct run r;

		conversation(w, 300, &r, kind_bursty);
		CHECK_EQ(r.bad, 0);
		CHECK(r.early >= 140);
		/* 30 packets of noise fill 512 bytes and 4 KiB, not 32 KiB. */
		CHECK(w == 15 ? r.restarts == 0 : r.restarts >= 4);
		CHECK(r.text_out * 2 < r.text_in);
	}
}

/* Plain zlib with ppp_deflate's framing: the reference compressor. */
static int ref_compress(z_stream *s, uint16_t *seq, const uint8_t *in, size_t len,
			uint8_t *out, size_t cap)
{
	size_t skip = in[0] == 0, n;

	if (!ppp_deflate_proto(ppp_get_be16(in)))
		return 0;
	ppp_put_be16(out, (*seq)++);
	s->next_in = (uint8_t *)in + skip;
	s->avail_in = (unsigned int)(len - skip);
	s->next_out = out + 2;
	s->avail_out = (unsigned int)(cap - 2);
	deflate(s, Z_SYNC_FLUSH);
	n = cap - 2 - s->avail_out;
	if (s->avail_out < 8 || n < 4 || memcmp(out + 2 + n - 4, "\x00\x00\xff\xff", 4))
		abort();
	n -= 4;
	return n + 2 < len ? (int)(n + 2) : 0;
}

TEST(our_decompressor_reads_ppp_deflate_framed_zlib_and_our_ratio_matches_it)
{
	struct ppp_deflate rx;
	struct run ours;
	z_stream s;
	uint16_t seq = 0;
	uint8_t in[2000], enc[4200], dec[2100];
	size_t ref_out = 0;
	int i, bad = 0, n = 360;

	memset(&s, 0, sizeof(s));
	CHECK_EQ(deflateInit2(&s, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY),
		 Z_OK);
	CHECK_EQ(ppp_deflate_init(&rx, false, 15), 0);
	rnd = 99;
	for (i = 0; i < n; i++) {
		size_t len = make(in, i, kind_of(i));
		int c = ref_compress(&s, &seq, in, len, enc, sizeof(enc)), m;

		if (c > 0) {
			m = ppp_deflate_decompress(&rx, enc, (size_t)c, dec, sizeof(dec));
			bad += m != (int)len || memcmp(dec, in, len);
			ref_out += (size_t)c;
		} else {
			CHECK_EQ(ppp_deflate_incomp(&rx, in, len), 0);
			ref_out += len;
		}
	}
	CHECK_EQ(bad, 0);
	CHECK_EQ(rx.stats.errors, 0);
	deflateEnd(&s);
	ppp_deflate_free(&rx);
	/* The same traffic through ours: the same size within 1 %. */
	rnd = 99;
	conversation(15, n, &ours, kind_of);
	printf("  ratio: ours %zu, zlib/ppp_deflate %zu bytes of %zu\n", ours.out_bytes, ref_out,
	       ours.in_bytes);
	CHECK(ours.out_bytes * 100 <= ref_out * 101);
}

/* Noise of @alpha equally likely values, or (0) base64 of noise. */
static size_t make_noise(uint8_t *b, unsigned int alpha)
{
	static const char b64[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t k;

	b[0] = 0x00;
	b[1] = 0x21;
	for (k = 2; k < 1400; k++)
		b[k] = alpha ? (uint8_t)(next_rand() % alpha) : (uint8_t)b64[next_rand() & 63];
	return 1400;
}

TEST(noise_is_sent_early_only_where_deflate_could_not_shrink_it)
{
	unsigned int alpha;

	/* From noise deflate shrinks a few percent (140 values) to pure noise. */
	for (alpha = 0; alpha <= 256; alpha = alpha ? alpha + 12 : 140) {
		struct ppp_deflate tx;
		z_stream s;
		uint16_t seq = 0;
		uint8_t in[1400], enc[1500];
		size_t ours = 0, ref = 0;
		int i, c;

		memset(&s, 0, sizeof(s));
		deflateInit2(&s, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY);
		CHECK_EQ(ppp_deflate_init(&tx, true, 15), 0);
		for (i = 0; i < 100; i++) {
			size_t len = make_noise(in, alpha);

			c = ppp_deflate_compress(&tx, in, len, enc, sizeof(enc));
			ours += c > 0 ? (size_t)c : len;
			c = ref_compress(&s, &seq, in, len, enc, sizeof(enc));
			ref += c > 0 ? (size_t)c : len;
		}
		CHECK_EQ(ours, ref);
		if (alpha == 256)
			CHECK(tx.stats.early >= 99);
		if (alpha && alpha <= 212)
			CHECK_EQ(tx.stats.early, 0);
		if (test_cur_failed)
			fprintf(stderr, "  %u values: %zu bytes, %zu by zlib\n", alpha, ours, ref);
		ppp_deflate_free(&tx);
		deflateEnd(&s);
	}
}

TEST(a_known_packet_decodes_from_bytes_made_by_hand)
{
	/*
	 * "hello" as IPv4 (protocol 0x21, one byte): a fixed-Huffman block
	 * (BFINAL 0, BTYPE 01) of the literals 21 'h' 'e' 'l' 'l' 'o', its
	 * end code, then the stored block's 3 header bits, zero padding.
	 * Literals 0..143 are 8-bit codes 0x30 + value, sent MSB first.
	 */
	static const uint8_t lits[] = { 0x21, 'h', 'e', 'l', 'l', 'o' };
	uint8_t pkt[32] = { 0x00, 0x00 }, dec[64];
	struct ppp_deflate rx;
	uint64_t acc = 0;
	unsigned int bits = 0, i, b;
	size_t len = 2;

#define PUT(v, n)                                                                  \
	do {                                                                       \
		acc |= (uint64_t)(v) << bits;                                      \
		bits += (n);                                                       \
		while (bits >= 8) {                                                \
			pkt[len++] = (uint8_t)acc;                                 \
			acc >>= 8;                                                 \
			bits -= 8;                                                 \
		}                                                                  \
	} while (0)
	PUT(0x2, 3);				/* BFINAL 0, BTYPE 01 */
	for (i = 0; i < sizeof(lits); i++) {
		unsigned int code = 0x30 + lits[i], rev = 0;

		for (b = 0; b < 8; b++)
			rev |= ((code >> b) & 1) << (7 - b);
		PUT(rev, 8);
	}
	PUT(0, 7);				/* 256: end of block */
	PUT(0, 3);				/* stored, not final */
	if (bits)
		PUT(0, 8 - bits);
#undef PUT
	CHECK_EQ(ppp_deflate_init(&rx, false, 15), 0);
	CHECK_EQ(ppp_deflate_decompress(&rx, pkt, len, dec, sizeof(dec)), 7);
	CHECK_MEM(dec, "\x00\x21hello", 7);
	ppp_deflate_free(&rx);
}

/* Three packets made by our compressor, for the error tests. */
static void three(struct ppp_deflate *tx, uint8_t enc[3][600], int lens[3])
{
	uint8_t in[600];
	int i;

	for (i = 0; i < 3; i++) {
		size_t len = make(in, i + 5, K_HTTP);

		lens[i] = ppp_deflate_compress(tx, in, len, enc[i], 600);
		CHECK(lens[i] > 0);
	}
}

TEST(a_lost_packet_is_a_sequence_error_until_a_reset)
{
	struct ppp_deflate tx, rx;
	uint8_t enc[3][600], dec[700], in[600];
	int lens[3];

	CHECK_EQ(ppp_deflate_init(&tx, true, 12), 0);
	CHECK_EQ(ppp_deflate_init(&rx, false, 12), 0);
	three(&tx, enc, lens);
	CHECK(ppp_deflate_decompress(&rx, enc[0], (size_t)lens[0], dec, sizeof(dec)) > 0);
	/* Packet 1 lost: 2 is out of sequence, then everything waits. */
	CHECK_EQ(ppp_deflate_decompress(&rx, enc[2], (size_t)lens[2], dec, sizeof(dec)), -EPROTO);
	CHECK(rx.broken);
	CHECK_EQ(ppp_deflate_decompress(&rx, enc[1], (size_t)lens[1], dec, sizeof(dec)), -EAGAIN);
	CHECK_EQ(ppp_deflate_incomp(&rx, in, make(in, 0, K_TEXT)), 0);
	CHECK_EQ(rx.seq, 1);
	CHECK_EQ(rx.stats.errors, 1);
	/* Reset-Request → the sender restarts; Reset-Ack → so does the receiver. */
	ppp_deflate_reset(&tx);
	ppp_deflate_reset(&rx);
	three(&tx, enc, lens);
	CHECK_EQ(ppp_deflate_decompress(&rx, enc[0], (size_t)lens[0], dec, sizeof(dec)),
		 (int)make(in, 5, K_HTTP));
	CHECK_MEM(dec, in, make(in, 5, K_HTTP));
	ppp_deflate_free(&tx);
	ppp_deflate_free(&rx);
}

TEST(a_lost_packet_sent_as_is_also_shows_as_a_sequence_gap)
{
	struct ppp_deflate tx, rx;
	uint8_t in[1500], enc[1600], dec[1600];
	size_t len;

	CHECK_EQ(ppp_deflate_init(&tx, true, 15), 0);
	CHECK_EQ(ppp_deflate_init(&rx, false, 15), 0);
	len = make(in, 1, K_RANDOM);
	CHECK_EQ(ppp_deflate_compress(&tx, in, len, enc, sizeof(enc)), 0);	/* lost */
	len = make(in, 2, K_TEXT);
	len = (size_t)ppp_deflate_compress(&tx, in, len, enc, sizeof(enc));
	CHECK_EQ(ppp_deflate_decompress(&rx, enc, len, dec, sizeof(dec)), -EPROTO);
	/* Control protocols take no sequence number on either side. */
	len = make(in, 0, K_LCP);
	CHECK_EQ(ppp_deflate_compress(&tx, in, len, enc, sizeof(enc)), 0);
	CHECK_EQ(tx.seq, 2);
	ppp_deflate_free(&tx);
	ppp_deflate_free(&rx);
}

TEST(bad_packets_are_refused_and_ask_for_a_reset)
{
	struct ppp_deflate tx, rx;
	uint8_t in[600], enc[700], dec[700], bad[800];
	size_t len = make(in, 3, K_HTTP);
	int c, m;

	CHECK_EQ(ppp_deflate_init(&tx, true, 15), 0);
	CHECK_EQ(ppp_deflate_init(&rx, false, 15), 0);
	c = ppp_deflate_compress(&tx, in, len, enc, sizeof(enc));
	CHECK(c > 0);
	/* Too long for the buffer by one byte; then exactly its size. */
	CHECK_EQ(ppp_deflate_decompress(&rx, enc, (size_t)c, dec, len - 1), -EMSGSIZE);
	ppp_deflate_reset(&rx);
	CHECK_EQ(ppp_deflate_decompress(&rx, enc, (size_t)c, dec, len), (int)len);
	/* Truncated. */
	ppp_deflate_reset(&rx);
	CHECK_EQ(ppp_deflate_decompress(&rx, enc, (size_t)c - 3, dec, sizeof(dec)), -EINVAL);
	/* Just a sequence number. */
	ppp_deflate_reset(&rx);
	CHECK_EQ(ppp_deflate_decompress(&rx, enc, 2, dec, sizeof(dec)), -EINVAL);
	/* A final block: no stream may follow. */
	ppp_deflate_reset(&rx);
	memcpy(bad, "\x00\x00\x03\x00", 4);	/* empty fixed block, BFINAL 1 */
	CHECK_EQ(ppp_deflate_decompress(&rx, bad, 4, dec, sizeof(dec)), -EINVAL);
	/* Invalid block type 11. */
	ppp_deflate_reset(&rx);
	memcpy(bad, "\x00\x00\x06", 3);
	CHECK_EQ(ppp_deflate_decompress(&rx, bad, 3, dec, sizeof(dec)), -EINVAL);
	/* No protocol field: an empty stored block alone. */
	ppp_deflate_reset(&rx);
	memcpy(bad, "\x00\x00\x00", 3);
	CHECK_EQ(ppp_deflate_decompress(&rx, bad, 3, dec, sizeof(dec)), -EINVAL);
	/* A sender that kept the 00 00 ff ff is read all the same. */
	ppp_deflate_reset(&rx);
	memcpy(bad, enc, (size_t)c);
	memcpy(bad + c, "\x00\x00\xff\xff", 4);
	m = ppp_deflate_decompress(&rx, bad, (size_t)c + 4, dec, sizeof(dec));
	CHECK_EQ(m, (int)len);
	CHECK_MEM(dec, in, len);
	/* A too short input to the compressor. */
	CHECK_EQ(ppp_deflate_compress(&tx, in, 1, enc, sizeof(enc)), -EINVAL);
	ppp_deflate_free(&tx);
	ppp_deflate_free(&rx);
}

TEST(no_room_to_compress_sends_as_is_and_keeps_the_histories_in_step)
{
	struct ppp_deflate tx, rx;
	uint8_t in[1500], enc[1600], dec[1600];
	size_t len;
	int i, c;

	CHECK_EQ(ppp_deflate_init(&tx, true, 10), 0);
	CHECK_EQ(ppp_deflate_init(&rx, false, 10), 0);
	for (i = 0; i < 6; i++) {
		len = make(in, i, K_TEXT);
		/* No room at all, or 8 bytes: deflate still takes it all in. */
		c = ppp_deflate_compress(&tx, in, len, enc, i % 2 ? 0 : 8);
		CHECK_EQ(c, 0);
		CHECK_EQ(ppp_deflate_incomp(&rx, in, len), 0);
	}
	len = make(in, 9, K_TEXT);
	c = ppp_deflate_compress(&tx, in, len, enc, sizeof(enc));
	CHECK(c > 0 && (size_t)c * 4 < len);
	CHECK_EQ(ppp_deflate_decompress(&rx, enc, (size_t)c, dec, sizeof(dec)), (int)len);
	CHECK_MEM(dec, in, len);
	ppp_deflate_free(&tx);
	ppp_deflate_free(&rx);
}

TEST(window_8_is_read_as_9_and_never_sent_and_16_is_refused)
{
	struct ppp_deflate d;

	CHECK_EQ(ppp_deflate_init(&d, false, 8), 0);
	CHECK_EQ(d.window, 9);
	ppp_deflate_free(&d);
	CHECK_EQ(ppp_deflate_init(&d, true, 8), -EINVAL);
	CHECK_EQ(ppp_deflate_init(&d, true, 16), -EINVAL);
	CHECK_EQ(ppp_deflate_init(&d, false, 7), -EINVAL);
}

TEST(deflate_type_24_from_ccp_runs_the_same_codec)
{
	/* pppd's draft-number request: type 24, window 12, method 8, check 0. */
	static const uint8_t req[] = { PPP_CCP_OPT_DEFLATE_DRAFT, 4, (12 - 8) << 4 | 8, 0 };
	struct ppp_ccp_neg n;
	struct ppp_deflate tx, rx;
	uint8_t out[64], in[600], enc[700], dec[700];
	size_t outlen, len = make(in, 5, K_HTTP);
	int c;

	memset(&n, 0, sizeof(n));
	n.allow = PPP_CCP_DEFLATE | PPP_CCP_DEFLATE_DRAFT;
	n.deflate_rx = n.deflate_tx = 15;
	ppp_ccp_reset(&n);
	CHECK_EQ(ppp_ccp_recv_req(&n, req, sizeof(req), out, sizeof(out), &outlen, false), 2);
	CHECK_EQ(ppp_ccp_method(&n.his), PPP_CCP_DEFLATE_DRAFT);
	CHECK_EQ(n.his.deflate_window, 12);
	CHECK_EQ(ppp_deflate_init(&tx, true, n.his.deflate_window), 0);
	CHECK_EQ(ppp_deflate_init(&rx, false, n.his.deflate_window), 0);
	c = ppp_deflate_compress(&tx, in, len, enc, sizeof(enc));
	CHECK(c > 0);
	CHECK_EQ(ppp_deflate_decompress(&rx, enc, (size_t)c, dec, sizeof(dec)), (int)len);
	ppp_deflate_free(&tx);
	ppp_deflate_free(&rx);
}

int main(void)
{
	RUN(every_window_round_trips_a_mixed_conversation);
	RUN(random_runs_longer_than_the_window_restart_the_history_safely);
	RUN(our_decompressor_reads_ppp_deflate_framed_zlib_and_our_ratio_matches_it);
	RUN(noise_is_sent_early_only_where_deflate_could_not_shrink_it);
	RUN(a_known_packet_decodes_from_bytes_made_by_hand);
	RUN(a_lost_packet_is_a_sequence_error_until_a_reset);
	RUN(a_lost_packet_sent_as_is_also_shows_as_a_sequence_gap);
	RUN(bad_packets_are_refused_and_ask_for_a_reset);
	RUN(no_room_to_compress_sends_as_is_and_keeps_the_histories_in_step);
	RUN(window_8_is_read_as_9_and_never_sent_and_16_is_refused);
	RUN(deflate_type_24_from_ccp_runs_the_same_codec);
	return test_summary();
}
