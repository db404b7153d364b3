// SPDX-License-Identifier: GPL-2.0
/*
 * BSD-Compress (libppp/bsdcomp.c): a known answer worked out by hand from
 * RFC 1977's LZW; round trips for 9..15 bits over a mix of text, runs and
 * noise long enough to fill the table and make both sides clear it
 * together; packets sent as is keep the tables in step; a lost packet is
 * a sequence error until a reset; bad codes refused.
 */
#include <stdio.h>
#include <stdlib.h>

#include "libppp/bsdcomp.h"
#include "test.h"

static uint32_t rnd = 77;

static uint8_t next_rand(void)
{
	rnd = rnd * 1103515245 + 12345;
	return (uint8_t)(rnd >> 16);
}

static void *mem_for(unsigned int bits, bool decompress)
{
	return malloc(ppp_bsd_mem(bits, decompress));
}

static void pair(struct ppp_bsd *tx, struct ppp_bsd *rx, unsigned int bits, void **m)
{
	m[0] = mem_for(bits, false);
	m[1] = mem_for(bits, true);
	CHECK_EQ(ppp_bsd_init(tx, bits, false, m[0], ppp_bsd_mem(bits, false)), 0);
	CHECK_EQ(ppp_bsd_init(rx, bits, true, m[1], ppp_bsd_mem(bits, true)), 0);
}

/*
 * IPv4 (0x21) carrying 15 'A's, fresh 9-bit table. LZW, by hand: 21 is
 * sent and 257 = 21 A made; A sent, 258 = AA; AA (258) sent, 259 = AAA;
 * 259 sent, 260 = AAAA; 260 sent, 261 = AAAAA; the last five go as 261.
 * Six 9-bit codes, MSB first, then two padding 1 bits:
 *   000100001 001000001 100000010 100000011 100000100 100000101 11
 */
static const uint8_t kat_in[] = { 0x00, 0x21, 'A', 'A', 'A', 'A', 'A', 'A', 'A', 'A',
				  'A', 'A', 'A', 'A', 'A', 'A', 'A' };
static const uint8_t kat_out[] = { 0x00, 0x00, 0x10, 0x90, 0x60, 0x50, 0x38, 0x24, 0x17 };

TEST(a_hand_made_vector_compresses_and_decompresses_exactly)
{
	struct ppp_bsd tx, rx;
	uint8_t out[64], dec[64];
	void *m[2];
	int n;

	pair(&tx, &rx, 9, m);
	n = ppp_bsd_compress(&tx, kat_in, sizeof(kat_in), out, sizeof(out));
	CHECK_EQ(n, sizeof(kat_out));
	CHECK_MEM(out, kat_out, sizeof(kat_out));
	CHECK_EQ(tx.max_ent, 261);
	n = ppp_bsd_decompress(&rx, kat_out, sizeof(kat_out), dec, sizeof(dec));
	CHECK_EQ(n, sizeof(kat_in));
	CHECK_MEM(dec, kat_in, sizeof(kat_in));
	/* The receiver makes each string one code later: the same five. */
	CHECK_EQ(rx.max_ent, 261);
	CHECK_EQ(rx.n_bits, tx.n_bits);
	free(m[0]);
	free(m[1]);
}

TEST(a_kwkwk_string_decodes)
{
	/* 0x21 "ABABABA": 21 41 42 258 260, 260 being defined by its own use. */
	static const uint8_t enc[] = { 0x00, 0x00, 0x10, 0x90, 0x48, 0x50, 0x28, 0x27 };
	struct ppp_bsd tx, rx;
	uint8_t dec[32];
	void *m[2];

	pair(&tx, &rx, 12, m);
	CHECK_EQ(ppp_bsd_decompress(&rx, enc, sizeof(enc), dec, sizeof(dec)), 9);
	CHECK_MEM(dec, "\x00\x21" "ABABABA", 9);
	free(m[0]);
	free(m[1]);
}

enum { K_TEXT, K_RUNS, K_RANDOM, K_TINY, K_LCP };

static size_t make(uint8_t *b, int i, int kind)
{
	static const char text[] =
		"The quick brown fox jumps over the lazy dog; pack my box with five dozen "
		"liquor jugs. GET /a/b/c.html HTTP/1.0\r\nHost: example.net\r\n\r\n";
	size_t len, k;

	b[0] = 0x00;
	b[1] = i % 5 == 0 ? 0x57 : 0x21;	/* IPv6 or IPv4, both one byte */
	switch (kind) {
	case K_TEXT:
		len = 50 + (size_t)(i * 89 % 1450);
		for (k = 2; k < len; k++)
			b[k] = (uint8_t)text[(k * 3 + (size_t)i) % (sizeof(text) - 1)];
		break;
	case K_RUNS:
		len = 200 + (size_t)(i % 7) * 100;
		for (k = 2; k < len; k++)
			b[k] = (uint8_t)(k / 50 + (size_t)i);
		break;
	case K_RANDOM:
		len = 100 + (size_t)(i * 31 % 1400);
		for (k = 2; k < len; k++)
			b[k] = next_rand();
		break;
	case K_TINY:
		len = 2 + (size_t)(i % 4);
		for (k = 2; k < len; k++)
			b[k] = 'x';
		break;
	default:
		b[0] = 0xc0;
		b[1] = 0x21;
		len = 20;
		memset(b + 2, 1, len - 2);
		break;
	}
	return len;
}

static int kind_of(int i)
{
	static const int mix[] = { K_TEXT, K_RANDOM, K_RUNS, K_TEXT, K_TINY, K_RANDOM, K_LCP,
				   K_TEXT };

	return mix[i % 8];
}

TEST(every_code_size_round_trips_and_clears_in_step)
{
	unsigned int bits;

	for (bits = PPP_BSD_BITS_MIN; bits <= PPP_BSD_BITS_MAX; bits++) {
		struct ppp_bsd tx, rx;
		uint8_t in[1600], enc[1600], dec[1600];
		size_t text_in = 0, text_out = 0;
		int i, bad = 0, comp = 0, asis = 0;
		void *m[2];

		pair(&tx, &rx, bits, m);
		for (i = 0; i < 1500; i++) {
			int kind = kind_of(i);
			size_t len = make(in, i, kind);
			int c = ppp_bsd_compress(&tx, in, len, enc, sizeof(enc)), d;

			if (c > 0) {
				CHECK((size_t)c + 2 < len);
				d = ppp_bsd_decompress(&rx, enc, (size_t)c, dec, sizeof(dec));
				bad += d != (int)len || memcmp(dec, in, len);
				comp++;
			} else {
				CHECK_EQ(c, 0);
				ppp_bsd_incomp(&rx, in, len);
				asis++;
			}
			if (kind == K_TEXT) {
				text_in += len;
				text_out += c > 0 ? (size_t)c : len;
			}
			/* Both sides see the same table at every packet boundary. */
			bad += tx.max_ent != rx.max_ent || tx.n_bits != rx.n_bits;
		}
		CHECK_EQ(bad, 0);
		printf("  %u bits: %d compressed, %d as is, text %zu -> %zu, %llu clears\n", bits,
		       comp, asis, text_in, text_out, (unsigned long long)tx.stats.clears);
		CHECK(comp > 400 && asis > 300);
		/* Text to under 1/2 with 4096 codes or more, to under 3/4 with 512. */
		CHECK(text_out * (bits >= 12 ? 2 : 4) < text_in * (bits >= 12 ? 1 : 3));
		/* ~1.1 MB went in: the table filled and the ratio checks cleared it. */
		CHECK(bits > 12 || tx.stats.clears > 0);
		CHECK_EQ(tx.stats.clears, rx.stats.clears);
		CHECK_EQ(tx.seq, rx.seq);
		if (test_cur_failed) {
			fprintf(stderr, "  bits %u\n", bits);
			free(m[0]);
			free(m[1]);
			return;
		}
		free(m[0]);
		free(m[1]);
	}
}

TEST(a_lost_packet_is_a_sequence_error_until_a_reset)
{
	struct ppp_bsd tx, rx;
	uint8_t in[1600], enc[3][1600], dec[1600];
	int c[3], i;
	void *m[2];

	pair(&tx, &rx, 12, m);
	for (i = 0; i < 3; i++) {
		c[i] = ppp_bsd_compress(&tx, in, make(in, 8 * i + 3, K_TEXT), enc[i],
					 sizeof(enc[i]));
		CHECK(c[i] > 0);
	}
	CHECK(ppp_bsd_decompress(&rx, enc[0], (size_t)c[0], dec, sizeof(dec)) > 0);
	CHECK_EQ(ppp_bsd_decompress(&rx, enc[2], (size_t)c[2], dec, sizeof(dec)), -EPROTO);
	CHECK_EQ(ppp_bsd_decompress(&rx, enc[1], (size_t)c[1], dec, sizeof(dec)), -EAGAIN);
	ppp_bsd_reset(&tx);
	ppp_bsd_reset(&rx);
	i = ppp_bsd_compress(&tx, in, make(in, 3, K_TEXT), enc[0], sizeof(enc[0]));
	CHECK(i > 0);
	CHECK_EQ(ppp_bsd_decompress(&rx, enc[0], (size_t)i, dec, sizeof(dec)),
		 (int)make(in, 3, K_TEXT));
	CHECK_MEM(dec, in, make(in, 3, K_TEXT));
	/* Protocols outside 0x21..0xf9 take no sequence number. */
	CHECK_EQ(ppp_bsd_compress(&tx, in, make(in, 0, K_LCP), enc[0], sizeof(enc[0])), 0);
	CHECK_EQ(tx.seq, 1);
	free(m[0]);
	free(m[1]);
}

TEST(bad_codes_and_short_buffers_are_refused)
{
	struct ppp_bsd tx, rx;
	uint8_t bad[8], dec[64];
	void *m[2];

	pair(&tx, &rx, 9, m);
	/* A code not yet defined as the first of a packet: 257. */
	memcpy(bad, "\x00\x00\x80\xff", 4);
	CHECK_EQ(ppp_bsd_decompress(&rx, bad, 4, dec, sizeof(dec)), -EINVAL);
	ppp_bsd_reset(&rx);
	/* CLEAR that is not the last code. */
	memcpy(bad, "\x00\x00\x80\x10\x90\xff", 6);
	CHECK_EQ(ppp_bsd_decompress(&rx, bad, 6, dec, sizeof(dec)), -EINVAL);
	ppp_bsd_reset(&rx);
	/* Nothing but a sequence number and padding. */
	memcpy(bad, "\x00\x00\xff", 3);
	CHECK_EQ(ppp_bsd_decompress(&rx, bad, 3, dec, sizeof(dec)), -EINVAL);
	ppp_bsd_reset(&rx);
	/* Longer than the buffer. */
	CHECK_EQ(ppp_bsd_decompress(&rx, kat_out, sizeof(kat_out), dec, 10), -EMSGSIZE);
	CHECK(rx.broken);
	ppp_bsd_reset(&rx);
	CHECK_EQ(ppp_bsd_decompress(&rx, kat_out, sizeof(kat_out), dec, sizeof(dec)), 17);
	/* Sizes. */
	CHECK_EQ(ppp_bsd_mem(8, false), 0);
	CHECK_EQ(ppp_bsd_mem(16, true), 0);
	CHECK_EQ(ppp_bsd_init(&tx, 12, false, m[0], 100), -EINVAL);
	CHECK_EQ(ppp_bsd_mem(15, true), 9 << 15);
	free(m[0]);
	free(m[1]);
}

int main(void)
{
	RUN(a_hand_made_vector_compresses_and_decompresses_exactly);
	RUN(a_kwkwk_string_decodes);
	RUN(every_code_size_round_trips_and_clears_in_step);
	RUN(a_lost_packet_is_a_sequence_error_until_a_reset);
	RUN(bad_codes_and_short_buffers_are_refused);
	return test_summary();
}
