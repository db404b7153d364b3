// SPDX-License-Identifier: GPL-2.0
/*
 * VJ header compression (libppp/vj.c): a scripted TCP conversation of
 * several connections through a compressor and a decompressor, every
 * packet rebuilt byte for byte; the special cases, what must go
 * uncompressed or as plain IP, slot replacement, connection-number
 * compression, and a lost frame: tossed until a retransmission resyncs.
 */
#include <stdio.h>
#include <string.h>

#include "libppp/ppp.h"
#include "libppp/vj.h"
#include "test.h"

enum { F_FIN = 1, F_SYN = 2, F_PSH = 8, F_ACK = 0x10, F_URG = 0x20 };

struct flow {
	uint32_t src, dst;
	uint16_t sport, dport, id, win;
	uint32_t seq, ack;
};

struct pkt {
	uint8_t b[PPP_VJ_HDR_MAX + 1600];
	size_t len;
};

static uint16_t csum(const uint8_t *p, size_t len)
{
	uint32_t s = 0;

	for (size_t i = 0; i + 1 < len; i += 2)
		s += (uint32_t)(p[i] << 8 | p[i + 1]);
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)~s;
}

/* An IPv4/TCP packet of @flow with @data bytes and @opt bytes of TCP options. */
static void build(struct pkt *k, const struct flow *f, uint8_t flags, size_t data,
		  const uint8_t *opt, size_t optlen, uint16_t urp)
{
	uint8_t *p = k->b;
	size_t thl = 20 + optlen;

	memset(p, 0, 40 + optlen);
	p[0] = 0x45;
	ppp_put_be16(p + 2, (uint16_t)(20 + thl + data));
	ppp_put_be16(p + 4, f->id);
	p[6] = 0x40;			/* DF */
	p[8] = 64;
	p[9] = 6;
	ppp_put_be32(p + 12, f->src);
	ppp_put_be32(p + 16, f->dst);
	ppp_put_be16(p + 10, csum(p, 20));
	ppp_put_be16(p + 20, f->sport);
	ppp_put_be16(p + 22, f->dport);
	ppp_put_be32(p + 24, f->seq);
	ppp_put_be32(p + 28, f->ack);
	p[32] = (uint8_t)(thl / 4 << 4);
	p[33] = flags;
	ppp_put_be16(p + 34, f->win);
	ppp_put_be16(p + 36, (uint16_t)(0x1234 + f->seq));	/* any TCP checksum */
	ppp_put_be16(p + 38, urp);
	if (optlen)
		memcpy(p + 40, opt, optlen);
	for (size_t i = 0; i < data; i++)
		p[20 + thl + i] = (uint8_t)(i * 7 + f->seq);
	k->len = 20 + thl + data;
}

struct link {
	struct ppp_vj tx, rx;
	struct ppp_vj_slot txs[16], rxs[16];
	unsigned int vjc, vjuc, ip;
	bool lose_next;
};

/* Send @k through the link; true if the receiver rebuilt it exactly. */
static bool send_pkt(struct link *l, const struct pkt *k)
{
	struct pkt w = *k, r;
	size_t start = 0;
	uint16_t proto = ppp_vj_compress(&l->tx, w.b, w.len, &start);
	int n;

	if (l->lose_next) {
		l->lose_next = false;
		ppp_vj_rx_error(&l->rx);
		return false;
	}
	switch (proto) {
	case PPP_PROTO_IP:
		l->ip++;
		return !memcmp(w.b, k->b, k->len);
	case PPP_PROTO_VJUC:
		l->vjuc++;
		n = ppp_vj_uncompressed(&l->rx, w.b, w.len);
		return n == (int)k->len && !memcmp(w.b, k->b, k->len);
	case PPP_PROTO_VJC:
		l->vjc++;
		memcpy(r.b + PPP_VJ_HDR_MAX, w.b + start, w.len - start);
		n = ppp_vj_decompress(&l->rx, r.b, PPP_VJ_HDR_MAX, w.len - start, &start);
		return n == (int)k->len && !memcmp(r.b + start, k->b, k->len);
	}
	return false;
}

static void link_init(struct link *l, unsigned int slots, bool cid)
{
	memset(l, 0, sizeof(*l));
	/* One object per end: the sender's transmit side, the receiver's receive side. */
	ppp_vj_init(&l->tx, l->txs, slots, cid, l->rxs, 0);
	ppp_vj_init(&l->rx, l->txs, 0, false, l->rxs, slots);
}

TEST(bulk_data_and_acks_compress_to_the_special_cases_and_rebuild_exactly)
{
	struct flow a = { 0x0a000001, 0x0a000002, 40000, 80, 100, 65535, 1000, 5000 };
	struct link l;
	struct pkt k;
	int i, ok = 0;

	link_init(&l, 16, true);
	for (i = 0; i < 200; i++) {
		build(&k, &a, F_ACK | (i % 3 ? 0 : F_PSH), 1000, NULL, 0, 0);
		ok += send_pkt(&l, &k);
		a.seq += 1000;
		a.id++;
	}
	CHECK_EQ(ok, 200);
	CHECK_EQ(l.vjuc, 1);		/* the first one loads the slot */
	CHECK_EQ(l.vjc, 199);
	/* SPECIAL_D, no connection number after the first: 3-byte headers. */
	build(&k, &a, F_ACK, 1000, NULL, 0, 0);
	{
		struct pkt w = k;
		size_t start;

		CHECK_EQ(ppp_vj_compress(&l.tx, w.b, w.len, &start), PPP_PROTO_VJC);
		CHECK_EQ(start, 40 - 3);
		CHECK_EQ(w.b[start], 0x0f);
	}
}

TEST(interactive_echo_window_urgent_and_id_jumps_rebuild_exactly)
{
	struct flow a = { 0x0a000001, 0x0a000002, 40001, 22, 7, 1000, 1, 1 };
	struct link l;
	struct pkt k;
	int ok = 0, sent = 0;

	link_init(&l, 16, true);
	build(&k, &a, F_ACK, 1, NULL, 0, 0);
	ok += send_pkt(&l, &k), sent++;
	/* Echo: seq and ack both move by the last payload (SPECIAL_I). */
	for (int i = 0; i < 20; i++) {
		a.seq += 1;
		a.ack += 1;
		a.id++;
		build(&k, &a, F_ACK | F_PSH, 1, NULL, 0, 0);
		ok += send_pkt(&l, &k), sent++;
	}
	a.win += 300;		/* two-byte window delta */
	a.id += 1000;		/* explicit IP ID */
	a.seq += 1;
	build(&k, &a, F_ACK, 0, NULL, 0, 0);
	ok += send_pkt(&l, &k), sent++;
	a.win -= 1;		/* a shrinking window wraps */
	a.ack += 70000 - 65536;	/* a two-byte ack delta */
	a.id++;
	build(&k, &a, F_ACK | F_URG, 10, NULL, 0, 3);
	ok += send_pkt(&l, &k), sent++;
	a.seq += 10;
	a.id++;
	build(&k, &a, F_ACK | F_URG, 10, NULL, 0, 300);
	ok += send_pkt(&l, &k), sent++;
	a.seq += 10;
	a.id++;
	build(&k, &a, F_ACK, 10, NULL, 0, 300);	/* URG cleared: uncompressed */
	ok += send_pkt(&l, &k), sent++;
	CHECK_EQ(ok, sent);
	CHECK(l.vjc >= 20);
	CHECK_EQ(l.vjuc, 2);
}

TEST(what_vj_cannot_carry_goes_uncompressed_or_as_plain_ip)
{
	struct flow a = { 0x0a000001, 0x0a000002, 40002, 80, 1, 8192, 1, 1 };
	static const uint8_t ts1[12] = { 1, 1, 8, 10, 0, 0, 0, 1, 0, 0, 0, 2 };
	static const uint8_t ts2[12] = { 1, 1, 8, 10, 0, 0, 0, 9, 0, 0, 0, 2 };
	struct link l;
	struct pkt k;
	unsigned int uc;
	int ok = 0, sent = 0;

	link_init(&l, 16, true);
	build(&k, &a, F_SYN, 0, NULL, 0, 0);
	ok += send_pkt(&l, &k), sent++;
	CHECK_EQ(l.ip, 1);
	build(&k, &a, F_ACK, 100, ts1, sizeof(ts1), 0);
	ok += send_pkt(&l, &k), sent++;
	a.seq += 100;
	a.id++;
	uc = l.vjuc;
	build(&k, &a, F_ACK, 100, ts2, sizeof(ts2), 0);	/* options changed */
	ok += send_pkt(&l, &k), sent++;
	CHECK_EQ(l.vjuc, uc + 1);
	a.id++;
	build(&k, &a, F_ACK, 100, ts2, sizeof(ts2), 0);	/* nothing changed: a retransmission */
	ok += send_pkt(&l, &k), sent++;
	CHECK_EQ(l.vjuc, uc + 2);
	a.seq += 100000;					/* too far for a delta */
	a.id++;
	build(&k, &a, F_ACK, 100, ts2, sizeof(ts2), 0);
	ok += send_pkt(&l, &k), sent++;
	CHECK_EQ(l.vjuc, uc + 3);
	build(&k, &a, F_ACK | F_FIN, 0, ts2, sizeof(ts2), 0);
	ok += send_pkt(&l, &k), sent++;
	build(&k, &a, F_ACK, 100, NULL, 0, 0);
	k.b[6] = 0x20;						/* a fragment */
	ok += send_pkt(&l, &k), sent++;
	CHECK_EQ(l.ip, 3);
	CHECK_EQ(ok, sent);
}

TEST(more_connections_than_slots_recycle_the_least_recently_used)
{
	struct flow f[5];
	struct link l;
	struct pkt k;
	int i, r, ok = 0, sent = 0;

	link_init(&l, 3, true);
	for (i = 0; i < 5; i++)
		f[i] = (struct flow){ 0x0a000001, 0x0a000002, (uint16_t)(50000 + i), 80,
				      (uint16_t)(i * 100), 4000, (uint32_t)i << 20, 7 };
	for (r = 0; r < 30; r++)
		for (i = 0; i < (r < 10 ? 3 : 5); i++) {
			build(&k, &f[i], F_ACK, 500, NULL, 0, 0);
			ok += send_pkt(&l, &k), sent++;
			f[i].seq += 500;
			f[i].id++;
		}
	CHECK_EQ(ok, sent);
	CHECK(l.tx.stats.misses > 3);
	/* Interleaved connections name themselves: no connection-number compression. */
	CHECK_EQ(l.rx.stats.rx_tossed, 0);
}

TEST(a_lost_frame_tosses_until_a_retransmission_resynchronises)
{
	struct flow a = { 0x0a000001, 0x0a000002, 40003, 80, 1, 8192, 1, 1 };
	struct link l;
	struct pkt k, lost;
	int ok = 0, i;

	link_init(&l, 16, true);
	for (i = 0; i < 5; i++) {
		build(&k, &a, F_ACK, 100, NULL, 0, 0);
		ok += send_pkt(&l, &k);
		a.seq += 100;
		a.id++;
	}
	CHECK_EQ(ok, 5);
	build(&lost, &a, F_ACK, 100, NULL, 0, 0);
	l.lose_next = true;
	CHECK(!send_pkt(&l, &lost));
	a.seq += 100;
	a.id++;
	for (i = 0; i < 3; i++) {		/* tossed: no connection number in them */
		build(&k, &a, F_ACK, 100, NULL, 0, 0);
		CHECK(!send_pkt(&l, &k));
		a.seq += 100;
		a.id++;
	}
	CHECK_EQ(l.rx.stats.rx_tossed, 3);
	/* TCP resends the lost segment: a step back, sent uncompressed. */
	CHECK(send_pkt(&l, &lost));
	build(&k, &a, F_ACK, 100, NULL, 0, 0);
	CHECK(send_pkt(&l, &k));
}

TEST(without_connection_number_compression_every_frame_names_its_slot)
{
	struct flow a = { 0x0a000001, 0x0a000002, 40004, 80, 1, 8192, 1, 1 };
	struct link l;
	struct pkt k, w;
	size_t start;

	link_init(&l, 16, false);
	build(&k, &a, F_ACK, 100, NULL, 0, 0);
	CHECK(send_pkt(&l, &k));
	a.seq += 100;
	a.id++;
	build(&k, &a, F_ACK, 100, NULL, 0, 0);
	w = k;
	CHECK_EQ(ppp_vj_compress(&l.tx, w.b, w.len, &start), PPP_PROTO_VJC);
	CHECK(w.b[start] & 0x40);
	CHECK_EQ(start, 40 - 4);
}

TEST(malformed_frames_are_refused_and_counted)
{
	struct link l;
	uint8_t buf[PPP_VJ_HDR_MAX + 64] = { 0 };
	size_t start;
	struct flow a = { 0x0a000001, 0x0a000002, 1, 2, 3, 4, 5, 6 };
	struct pkt k;

	link_init(&l, 4, true);
	/* Compressed before any slot was loaded. */
	buf[PPP_VJ_HDR_MAX] = 0x40;
	buf[PPP_VJ_HDR_MAX + 1] = 0;
	CHECK_EQ(ppp_vj_decompress(&l.rx, buf, PPP_VJ_HDR_MAX, 4, &start), -EINVAL);
	/* A slot number past max-slot-id. */
	buf[PPP_VJ_HDR_MAX + 1] = 9;
	CHECK_EQ(ppp_vj_decompress(&l.rx, buf, PPP_VJ_HDR_MAX, 4, &start), -EINVAL);
	/* Too little headroom. */
	CHECK_EQ(ppp_vj_decompress(&l.rx, buf, 10, 4, &start), -EINVAL);
	/* Uncompressed-TCP with a bad slot, a bad IP checksum, too short. */
	build(&k, &a, F_ACK, 0, NULL, 0, 0);
	k.b[9] = 7;
	CHECK_EQ(ppp_vj_uncompressed(&l.rx, k.b, k.len), -EINVAL);
	build(&k, &a, F_ACK, 0, NULL, 0, 0);
	k.b[9] = 1;
	k.b[8] ^= 1;
	CHECK_EQ(ppp_vj_uncompressed(&l.rx, k.b, k.len), -EINVAL);
	CHECK_EQ(ppp_vj_uncompressed(&l.rx, k.b, 39), -EINVAL);
	CHECK_EQ(l.rx.stats.rx_errors, 6);
}

int main(void)
{
	RUN(bulk_data_and_acks_compress_to_the_special_cases_and_rebuild_exactly);
	RUN(interactive_echo_window_urgent_and_id_jumps_rebuild_exactly);
	RUN(what_vj_cannot_carry_goes_uncompressed_or_as_plain_ip);
	RUN(more_connections_than_slots_recycle_the_least_recently_used);
	RUN(a_lost_frame_tosses_until_a_retransmission_resynchronises);
	RUN(without_connection_number_compression_every_frame_names_its_slot);
	RUN(malformed_frames_are_refused_and_counted);
	return test_summary();
}
