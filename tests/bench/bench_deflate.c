// SPDX-License-Identifier: GPL-2.0
/*
 * Deflate per packet: libppp's compressor against a reference written the
 * way Linux's ppp_deflate works (zlib, level 6, raw window 15, memLevel 8,
 * a sync flush per packet, every packet through deflate even when it then
 * goes as is). Both run in this process on the same 1400-byte packets:
 * random (encrypted or already compressed traffic), text-like, and the
 * two alternating. Printed: ns per packet, ours / reference speed, and
 * bytes on the wire of each (the same ratio within 1 % is the target).
 * Each cell is the fastest of three rounds, ours and the reference taking
 * turns.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <zlib.h>

#include "libppp/deflate.h"

#define PKT 1400
#define NPKT 4096
#define CELL_SECONDS 0.15
#define ROUNDS 3	/* alternating, the fastest kept: the machine is shared */

static uint8_t pkts[3][NPKT][PKT];
static uint32_t rnd = 7;

static uint32_t next_rand(void)
{
	rnd = rnd * 1103515245 + 12345;
	return rnd >> 8;
}

static void make_random(uint8_t *p)
{
	size_t k;

	for (k = 2; k < PKT; k++)
		p[k] = (uint8_t)next_rand();
}

/* Words drawn at random: compresses about as well as web text does. */
static void make_text(uint8_t *p)
{
	static const char *const words[] = {
		"the", "of", "and", "a", "to", "in", "is", "you", "that", "it", "he", "was",
		"for", "on", "are", "as", "with", "his", "they", "I", "at", "be", "this",
		"have", "from", "or", "one", "had", "by", "word", "but", "not", "what", "all",
		"were", "we", "when", "your", "can", "said", "there", "use", "an", "each",
		"which", "she", "do", "how", "their", "if", "<div class=\"item\">", "</div>",
		"href=\"/path/", "index.html", "Content-Length:", "\r\n", "200", "GET",
		"network", "packet", "compression", "history", "window", "protocol",
	};
	size_t k = 2, n = sizeof(words) / sizeof(words[0]);

	while (k < PKT) {
		const char *w = words[next_rand() % n];

		while (*w && k < PKT)
			p[k++] = (uint8_t)*w++;
		if (k < PKT)
			p[k++] = next_rand() % 7 ? ' ' : (uint8_t)('0' + next_rand() % 10);
	}
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* ppp_deflate's z_compress, on user-space zlib. */
static size_t ref_compress(z_stream *s, const uint8_t *in, size_t len, uint8_t *out,
			   size_t cap)
{
	size_t n;

	s->next_in = (uint8_t *)in + 1;		/* protocol 0x0021: one byte */
	s->avail_in = (unsigned int)(len - 1);
	s->next_out = out + 2;
	s->avail_out = (unsigned int)(cap - 2);
	deflate(s, Z_SYNC_FLUSH);
	n = cap - 2 - s->avail_out - 4 + 2;
	return n < len ? n : len;
}

struct cell {
	double ns;
	size_t wire;
};

/* Packets of @mix (0 random, 1 text, 2 alternating) through one of the two. */
static struct cell run(int mix, bool ours)
{
	static uint8_t out[PKT + 64];
	struct cell c = { 0, 0 };
	struct ppp_deflate d;
	z_stream s;
	double t0, t;
	long n = 0;

	memset(&s, 0, sizeof(s));
	if (ours) {
		if (ppp_deflate_init(&d, true, 15))
			exit(1);
	} else if (deflateInit2(&s, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -15, 8,
				Z_DEFAULT_STRATEGY) != Z_OK) {
		exit(1);
	}
	t0 = now();
	do {
		int i;

		for (i = 0; i < NPKT; i++) {
			const uint8_t *p = pkts[mix][i];
			size_t w;

			if (ours) {
				int r = ppp_deflate_compress(&d, p, PKT, out, sizeof(out));

				w = r > 0 ? (size_t)r : PKT;
			} else {
				w = ref_compress(&s, p, PKT, out, sizeof(out));
			}
			if (n < NPKT)
				c.wire += w;
			n++;
		}
		t = now() - t0;
	} while (t < CELL_SECONDS);
	c.ns = t * 1e9 / (double)n;
	if (ours)
		ppp_deflate_free(&d);
	else
		deflateEnd(&s);
	return c;
}

int main(void)
{
	static const char *const names[] = { "random", "text", "alternating" };
	int i, mix, fail = 0;

	for (i = 0; i < NPKT; i++) {
		pkts[0][i][0] = pkts[1][i][0] = pkts[2][i][0] = 0x00;
		pkts[0][i][1] = pkts[1][i][1] = pkts[2][i][1] = 0x21;
		make_random(pkts[0][i]);
		make_text(pkts[1][i]);
		memcpy(pkts[2][i], pkts[i & 1][i], PKT);
	}
	printf("deflate, %d-byte packets, window 15: ns/packet and bytes on the wire per %d packets\n",
	       PKT, NPKT);
	printf("%-12s %10s %10s %8s %12s %12s %8s\n", "traffic", "ours", "zlib-ref", "speed",
	       "ours bytes", "ref bytes", "size");
	for (mix = 0; mix < 3; mix++) {
		struct cell o = run(mix, true), r = run(mix, false);
		double size = (double)o.wire / (double)r.wire;
		int k;

		for (k = 1; k < ROUNDS; k++) {
			struct cell o2 = run(mix, true), r2 = run(mix, false);

			o.ns = o2.ns < o.ns ? o2.ns : o.ns;
			r.ns = r2.ns < r.ns ? r2.ns : r.ns;
		}
		printf("%-12s %10.0f %10.0f %7.1fx %12zu %12zu %8.4f\n", names[mix], o.ns, r.ns,
		       r.ns / o.ns, o.wire, r.wire, size);
		if (size > 1.01)
			fail = 1;
	}
	if (fail)
		printf("FAIL: more than 1 %% larger than the reference\n");
	return fail;
}
