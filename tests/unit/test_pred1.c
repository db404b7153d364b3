// SPDX-License-Identifier: GPL-2.0
/*
 * Predictor-1 (libppp/pred1.c): round trips of text, repeated and random
 * data across many packets on one pair of tables; incompressible data goes
 * as is and keeps the tables in step; a lost packet shows as a CRC error on
 * a later one, and a reset of both ends recovers; malformed input refused.
 */
#include <stdio.h>
#include <stdlib.h>

#include "libppp/pred1.h"
#include "test.h"

static uint8_t ttx[PPP_PRED1_TABLE], trx[PPP_PRED1_TABLE];

static void pair(struct ppp_pred1 *tx, struct ppp_pred1 *rx)
{
	tx->table = ttx;
	rx->table = trx;
	ppp_pred1_reset(tx);
	ppp_pred1_reset(rx);
}

static uint32_t rnd = 12345;

static uint8_t next_rand(void)
{
	rnd = rnd * 1103515245 + 12345;
	return (uint8_t)(rnd >> 16);
}

/* Packet @i: text, runs, or noise. */
static size_t make(uint8_t *b, int i)
{
	static const char text[] = "GET /index.html HTTP/1.1\r\nHost: example.org\r\n"
				   "User-Agent: nlppp-test\r\nAccept: */*\r\n\r\n";
	size_t len = 2 + (size_t)(i * 131 % 1400), k;

	b[0] = 0x00;
	b[1] = 0x21;
	for (k = 2; k < len; k++)
		b[k] = i % 3 == 0 ? (uint8_t)text[k % (sizeof(text) - 1)] :
		       i % 3 == 1 ? (uint8_t)(k / 64) : next_rand();
	return len;
}

TEST(many_packets_round_trip_and_text_shrinks)
{
	struct ppp_pred1 tx, rx;
	uint8_t in[1500], enc[1600], dec[1500];
	size_t total_in = 0, total_text_in = 0, total_text_out = 0;
	int i, good = 0;

	pair(&tx, &rx);
	for (i = 0; i < 600; i++) {
		size_t len = make(in, i), n = ppp_pred1_compress(&tx, in, len, enc);
		int m;

		CHECK(n <= ppp_pred1_max(len));
		m = ppp_pred1_decompress(&rx, enc, n, dec, sizeof(dec));
		good += m == (int)len && !memcmp(dec, in, len);
		total_in += len;
		if (i % 3 == 0) {
			total_text_in += len;
			total_text_out += n;
		}
		/* Noise goes as is: top bit clear, length + 4 bytes. */
		if (i % 3 == 2 && len > 64) {
			CHECK_EQ(n, len + 4);
			CHECK(!(enc[0] & 0x80));
		}
	}
	CHECK_EQ(good, 600);
	/* Repeated text: well under half after the first packets. */
	CHECK(total_text_out * 2 < total_text_in);
}

TEST(a_lost_packet_is_caught_by_the_crc_and_a_reset_recovers)
{
	struct ppp_pred1 tx, rx;
	uint8_t in[1500], enc[1600], dec[1500];
	int i, bad = 0, m;
	size_t len, n;

	pair(&tx, &rx);
	for (i = 0; i < 30; i += 3) {
		len = make(in, i);
		n = ppp_pred1_compress(&tx, in, len, enc);
		CHECK_EQ(ppp_pred1_decompress(&rx, enc, n, dec, sizeof(dec)), (int)len);
	}
	/* Lost: the sender's table moves on, the receiver's does not. */
	len = make(in, 999);
	ppp_pred1_compress(&tx, in, len, enc);
	for (i = 30; i < 60; i += 3) {
		len = make(in, i);
		n = ppp_pred1_compress(&tx, in, len, enc);
		m = ppp_pred1_decompress(&rx, enc, n, dec, sizeof(dec));
		bad += m < 0 || memcmp(dec, in, len) != 0;
		CHECK(m < 0 || memcmp(dec, in, len) == 0);	/* never wrong data */
	}
	CHECK(bad > 0);
	/* CCP Reset-Request / Reset-Ack: both tables start over. */
	ppp_pred1_reset(&tx);
	ppp_pred1_reset(&rx);
	len = make(in, 60);
	n = ppp_pred1_compress(&tx, in, len, enc);
	CHECK_EQ(ppp_pred1_decompress(&rx, enc, n, dec, sizeof(dec)), (int)len);
	CHECK_MEM(dec, in, len);
}

TEST(malformed_packets_are_refused)
{
	struct ppp_pred1 tx, rx;
	uint8_t in[64], enc[80], dec[64];
	size_t n;

	pair(&tx, &rx);
	memset(in, 'x', sizeof(in));
	n = ppp_pred1_compress(&tx, in, sizeof(in), enc);
	CHECK(enc[0] & 0x80);
	/* Too short, too long for the buffer, truncated, padded, bad CRC. */
	CHECK_EQ(ppp_pred1_decompress(&rx, enc, 3, dec, sizeof(dec)), -EINVAL);
	CHECK_EQ(ppp_pred1_decompress(&rx, enc, n, dec, 10), -EINVAL);
	ppp_pred1_reset(&rx);
	CHECK_EQ(ppp_pred1_decompress(&rx, enc, n - 3, dec, sizeof(dec)), -EINVAL);
	ppp_pred1_reset(&rx);
	enc[n] = enc[n - 1];
	enc[n - 1] = enc[n - 2];
	enc[n - 2] = 0;
	CHECK_EQ(ppp_pred1_decompress(&rx, enc, n + 1, dec, sizeof(dec)), -EINVAL);
	ppp_pred1_reset(&rx);
	enc[n - 2] = enc[n - 1];
	enc[n - 1] = enc[n];
	enc[n - 1] ^= 1;
	CHECK_EQ(ppp_pred1_decompress(&rx, enc, n, dec, sizeof(dec)), -EINVAL);
	/* Sent as is, but the length disagrees. */
	enc[0] = 0;
	enc[1] = 5;
	CHECK_EQ(ppp_pred1_decompress(&rx, enc, 12, dec, sizeof(dec)), -EINVAL);
}

int main(void)
{
	RUN(many_packets_round_trip_and_text_shrinks);
	RUN(a_lost_packet_is_caught_by_the_crc_and_a_reset_recovers);
	RUN(malformed_packets_are_refused);
	return test_summary();
}
