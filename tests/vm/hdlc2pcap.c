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

/* All of @path in a buffer of its own (free it), its size in *@len; NULL on error. */
static uint8_t *read_all(const char *path, size_t *len)
{
	FILE *in = fopen(path, "rb");
	uint8_t *buf = NULL, *more;
	size_t cap = 0, n;

	if (!in) {
		fprintf(stderr, "hdlc2pcap: %s: %s\n", path, strerror(errno));
		return NULL;
	}
	*len = 0;
	do {
		if (*len == cap) {
			cap = cap ? 2 * cap : 1 << 20;
			more = realloc(buf, cap);
			if (!more) {
				fprintf(stderr, "hdlc2pcap: %s: out of memory\n", path);
				goto fail;
			}
			buf = more;
		}
		n = fread(buf + *len, 1, cap - *len, in);
		*len += n;
	} while (n);
	if (ferror(in)) {
		fprintf(stderr, "hdlc2pcap: %s: read error\n", path);
		goto fail;
	}
	fclose(in);
	return buf ? buf : malloc(1);
fail:
	fclose(in);
	free(buf);
	return NULL;
}

/*
 * One stream into the pcap. Sync: the stream carries no delivery
 * boundaries, so the deframer gets it whole, as one delivery.
 */
static int convert(struct out *o, const char *path, bool sync)
{
	static uint8_t buf[SNAPLEN + 8];
	const struct ppp_hdlc_rx_stats *st;
	struct ppp_hdlc_rx rx;
	struct ppp_sync_rx srx;
	size_t len;
	uint8_t *all = read_all(path, &len);

	if (!all)
		return 1;
	o->frames = 0;
	if (sync) {
		ppp_sync_rx_init(&srx, buf, sizeof(buf));
		ppp_sync_decode(&srx, all, len, frame_out, o);
		st = &srx.stats;
		printf("%s: %llu sync frames, %llu skipped, %llu oversize, %zu bytes left over\n",
		       path, (unsigned long long)o->frames, (unsigned long long)st->runts,
		       (unsigned long long)st->oversize, srx.len);
	} else {
		ppp_hdlc_rx_init(&rx, buf, sizeof(buf), 0, false);
		ppp_hdlc_decode(&rx, all, len, frame_out, o);
		st = &rx.stats;
		printf("%s: %llu frames, %llu fcs errors, %llu aborts, %llu runts, %llu oversize\n",
		       path, (unsigned long long)o->frames,
		       (unsigned long long)st->fcs_errors, (unsigned long long)st->aborts,
		       (unsigned long long)st->runts, (unsigned long long)st->oversize);
	}
	free(all);
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
