// SPDX-License-Identifier: GPL-2.0
/*
 * hdlc2pcap: turn raw async HDLC byte streams, as recorded off a serial
 * link or a pty (socat -r/-R), into a pcap file that tshark decodes.
 *
 *   hdlc2pcap [-s] OUT.pcap SENT_STREAM [RECEIVED_STREAM]
 *
 * Each stream is deframed with libppp's decoder (receive ACCM 0: a clean
 * line inserts nothing) or, with -s, cut into sync frames at the lengths
 * their protocols record (ppp_sync_decode, the stream as one delivery:
 * bytes that start no frame are skipped). Every frame is written as one
 * record of link type PPP_WITH_DIR (204): a direction byte (1 sent, 0
 * received) and the frame from the address field (or the protocol field
 * under ACFC) on, FCS removed. The streams carry no timing: records of the
 * first stream come first, one microsecond apart, then those of the second.
 *
 * Prints one line per stream: "NAME: N frames, N fcs errors, N aborts,
 * N runts, N oversize" (with -s: "NAME: N sync frames, N skipped,
 * N oversize, N bytes left over"). Exits 1 on an I/O error or a stream with
 * no frame, 2 on bad usage.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libppp/hdlc.h"
#include "libppp/ppp.h"

enum { LINKTYPE_PPP_WITH_DIR = 204, SNAPLEN = 65535 };

struct out {
	FILE *f;
	uint8_t dir;
	uint64_t usec;	/* synthetic timestamp of the next record */
	uint64_t frames;
	int err;
};

static void put32(FILE *f, uint32_t v)
{
	fwrite(&v, sizeof(v), 1, f);	/* pcap: the writer's byte order */
}

static void put16(FILE *f, uint16_t v)
{
	fwrite(&v, sizeof(v), 1, f);
}

static void frame_out(void *ctx, uint8_t *frame, size_t len)
{
	struct out *o = ctx;
	size_t n = len + 1 > SNAPLEN ? SNAPLEN - 1 : len;

	put32(o->f, (uint32_t)(o->usec / 1000000));
	put32(o->f, (uint32_t)(o->usec % 1000000));
	put32(o->f, (uint32_t)(n + 1));
	put32(o->f, (uint32_t)(len + 1));
	fputc(o->dir, o->f);
	if (fwrite(frame, 1, n, o->f) != n)
		o->err = errno ? errno : EIO;
	o->usec++;
	o->frames++;
}

/* -s: the whole stream as one delivery to the sync deframer. */
static int convert_sync(struct out *o, const char *path, FILE *in)
{
	static uint8_t all[64 << 20], buf[SNAPLEN + 8];
	size_t len = fread(all, 1, sizeof(all), in);
	struct ppp_sync_rx rx;

	if (ferror(in) || !feof(in)) {
		fprintf(stderr, "hdlc2pcap: %s: read error or larger than %zu bytes\n",
			path, sizeof(all));
		return 1;
	}
	o->frames = 0;
	ppp_sync_rx_init(&rx, buf, sizeof(buf));
	ppp_sync_decode(&rx, all, len, frame_out, o);
	printf("%s: %llu sync frames, %llu skipped, %llu oversize, %zu bytes left over\n",
	       path, (unsigned long long)o->frames, (unsigned long long)rx.stats.runts,
	       (unsigned long long)rx.stats.oversize, rx.len);
	return 0;
}

static int convert(struct out *o, const char *path, bool sync)
{
	static uint8_t buf[SNAPLEN + 8], chunk[64 * 1024];
	struct ppp_hdlc_rx rx;
	FILE *in = fopen(path, "rb");
	size_t n;

	if (!in) {
		fprintf(stderr, "hdlc2pcap: %s: %s\n", path, strerror(errno));
		return 1;
	}
	if (sync) {
		int rc = convert_sync(o, path, in);

		fclose(in);
		if (!rc && !o->frames) {
			fprintf(stderr, "hdlc2pcap: %s: no frame in the stream\n", path);
			rc = 1;
		}
		return rc;
	}
	ppp_hdlc_rx_init(&rx, buf, sizeof(buf), 0, false);
	o->frames = 0;
	while ((n = fread(chunk, 1, sizeof(chunk), in)) > 0)
		ppp_hdlc_decode(&rx, chunk, n, frame_out, o);
	if (ferror(in)) {
		fprintf(stderr, "hdlc2pcap: %s: read error\n", path);
		fclose(in);
		return 1;
	}
	fclose(in);
	printf("%s: %llu frames, %llu fcs errors, %llu aborts, %llu runts, %llu oversize\n",
	       path, (unsigned long long)o->frames,
	       (unsigned long long)rx.stats.fcs_errors,
	       (unsigned long long)rx.stats.aborts,
	       (unsigned long long)rx.stats.runts,
	       (unsigned long long)rx.stats.oversize);
	if (!o->frames) {
		fprintf(stderr, "hdlc2pcap: %s: no frame in the stream\n", path);
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct out o = { 0 };
	bool sync = argc > 1 && !strcmp(argv[1], "-s");
	int rc = 0, i;

	argc -= sync;
	argv += sync;
	if (argc < 3 || argc > 4) {
		fprintf(stderr, "usage: hdlc2pcap [-s] OUT.pcap SENT_STREAM [RECEIVED_STREAM]\n");
		return 2;
	}
	o.f = fopen(argv[1], "wb");
	if (!o.f) {
		fprintf(stderr, "hdlc2pcap: %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	put32(o.f, 0xa1b2c3d4);		/* microsecond timestamps */
	put16(o.f, 2);
	put16(o.f, 4);
	put32(o.f, 0);			/* GMT */
	put32(o.f, 0);			/* accuracy */
	put32(o.f, SNAPLEN);
	put32(o.f, LINKTYPE_PPP_WITH_DIR);
	for (i = 2; i < argc && !rc; i++) {
		o.dir = i == 2;	/* the first stream is the one "sent" */
		rc = convert(&o, argv[i], sync);
	}
	if (fclose(o.f) != 0 || o.err) {
		fprintf(stderr, "hdlc2pcap: %s: write error\n", argv[1]);
		return 1;
	}
	return rc;
}
