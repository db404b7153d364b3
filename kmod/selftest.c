// SPDX-License-Identifier: GPL-2.0
/*
 * The codecs are unit-tested in user space, but this is a different
 * compiler configuration (no SSE, -fno-strict-aliasing, another libc for
 * memchr/memcpy, maybe another endianness): check them again where they
 * run, and refuse to load if any answer is wrong.
 */
#include "selftest.h"

#include <linux/slab.h>
#include <libppp/fcs.h>
#include <libppp/hdlc.h>
#include <libppp/mppe.h>
#include <libppp/ppp.h>
#include <crypto/arc4.h>
#include "compress.h"

static const u8 check_input[] = "123456789";

/* RFC 1662 C.2/C.3 check values: the transmitted (complemented) FCS of "123456789". */
static bool selftest_fcs(void)
{
	u8 buf[16];
	u16 f16;
	u32 f32;
	int i;

	f16 = ~ppp_fcs16(PPP_FCS16_INIT, check_input, 9);
	f32 = ~ppp_fcs32(PPP_FCS32_INIT, check_input, 9);
	if (f16 != 0x906e || f32 != 0xcbf43926)
		return false;

	/* Data followed by its FCS, LSB first, leaves the good residue. */
	memcpy(buf, check_input, 9);
	buf[9] = f16 & 0xff;
	buf[10] = f16 >> 8;
	if (ppp_fcs16(PPP_FCS16_INIT, buf, 11) != PPP_FCS16_GOOD)
		return false;
	for (i = 0; i < 4; i++)
		buf[9 + i] = f32 >> (8 * i);
	return ppp_fcs32(PPP_FCS32_INIT, buf, 13) == PPP_FCS32_GOOD;
}

struct selftest_rx {
	const u8 *want;
	size_t len;
	int frames;
	bool same;
};

static void selftest_frame(void *arg, uint8_t *frame, size_t len)
{
	struct selftest_rx *r = arg;

	r->frames++;
	r->same = len == r->len && !memcmp(frame, r->want, len);
}

/* Bytes the encoder must never put on the wire unescaped under @accm. */
static bool selftest_wire_clean(const u8 *w, size_t n, u32 accm)
{
	size_t i;

	for (i = 1; i + 1 < n; i++) {
		if (w[i] == PPP_FLAG)
			return false;
		if (w[i] < 0x20 && (accm >> w[i] & 1))
			return false;
	}
	return w[0] == PPP_FLAG && w[n - 1] == PPP_FLAG;
}

/*
 * Every byte value through encoder and decoder, under several ACCMs, both
 * FCS sizes, fed whole and one byte at a time (the decoder must resume
 * anywhere). Buffers are heap: a frame of 300 bytes encodes to ~600.
 */
static bool selftest_hdlc(void)
{
	static const u32 accms[] = { 0xffffffff, 0, 0x000a0000, 0x80000001 };
	enum { LEN = 300 };
	size_t max = ppp_hdlc_encode_max(LEN), n, i;
	struct ppp_hdlc_tx tx;
	struct ppp_hdlc_rx rx;
	struct selftest_rx r;
	u8 *frame, *wire, *rbuf;
	bool ok = false;
	int a, fcs32;

	frame = kmalloc(LEN, GFP_KERNEL);
	wire = kmalloc(max, GFP_KERNEL);
	rbuf = kmalloc(LEN + 4, GFP_KERNEL);
	if (!frame || !wire || !rbuf)
		goto out;
	for (i = 0; i < LEN; i++)
		frame[i] = i * 7 + (i >> 8);

	for (a = 0; a < ARRAY_SIZE(accms); a++) {
		for (fcs32 = 0; fcs32 < 2; fcs32++) {
			ppp_hdlc_tx_init(&tx, accms[a], fcs32);
			n = ppp_hdlc_encode(&tx, frame, LEN, wire, true);
			if (n > max || !selftest_wire_clean(wire, n, accms[a]))
				goto out;

			r = (struct selftest_rx){ .want = frame, .len = LEN };
			ppp_hdlc_rx_init(&rx, rbuf, LEN + 4, accms[a], fcs32);
			ppp_hdlc_decode(&rx, wire, n, selftest_frame, &r);
			if (r.frames != 1 || !r.same)
				goto out;

			r = (struct selftest_rx){ .want = frame, .len = LEN };
			ppp_hdlc_rx_init(&rx, rbuf, LEN + 4, accms[a], fcs32);
			for (i = 0; i < n; i++)
				ppp_hdlc_decode(&rx, wire + i, 1, selftest_frame, &r);
			if (r.frames != 1 || !r.same)
				goto out;

			/* One flipped bit: an FCS error, no frame. */
			wire[n / 2] ^= 0x01;
			if (wire[n / 2] == PPP_FLAG || wire[n / 2] == PPP_ESCAPE)
				wire[n / 2] ^= 0x01 ^ 0x10;
			r = (struct selftest_rx){ .want = frame, .len = LEN };
			ppp_hdlc_rx_init(&rx, rbuf, LEN + 4, accms[a], fcs32);
			ppp_hdlc_decode(&rx, wire, n, selftest_frame, &r);
			if (r.frames || rx.stats.fcs_errors + rx.stats.aborts != 1)
				goto out;
		}
	}

	/* A frame longer than the buffer is counted, not delivered. */
	ppp_hdlc_tx_init(&tx, 0, false);
	n = ppp_hdlc_encode(&tx, frame, LEN, wire, true);
	r = (struct selftest_rx){ .want = frame, .len = LEN };
	ppp_hdlc_rx_init(&rx, rbuf, LEN / 2, 0, false);
	ppp_hdlc_decode(&rx, wire, n, selftest_frame, &r);
	ok = !r.frames && rx.stats.oversize == 1;
out:
	kfree(rbuf);
	kfree(wire);
	kfree(frame);
	return ok;
}

static bool selftest_hdr(void)
{
	static const struct {
		u8 in[4];
		u8 len;
		int hlen;	/* or -EINVAL */
		u16 proto;
	} v[] = {
		{ { 0xff, 0x03, 0xc0, 0x21 }, 4, 4, 0xc021 },
		{ { 0xff, 0x03, 0x21 }, 3, 3, 0x0021 },	/* PFC */
		{ { 0x00, 0x57 }, 2, 2, 0x0057 },		/* ACFC */
		{ { 0x21 }, 1, 1, 0x0021 },			/* both */
		{ { 0xff, 0x03, 0x00, 0x20 }, 4, -EINVAL },	/* even protocol */
		{ { 0xff, 0x03 }, 2, -EINVAL },		/* no protocol */
		{ { 0x00 }, 1, -EINVAL },			/* truncated */
	};
	u8 buf[PPP_HDR_MAX];
	u16 proto;
	int i, n;

	for (i = 0; i < ARRAY_SIZE(v); i++) {
		proto = 0;
		n = ppp_hdr_parse(v[i].in, v[i].len, &proto);
		if (n != v[i].hlen || (n > 0 && proto != v[i].proto))
			return false;
	}
	/* LCP always gets the full header; IP can be squeezed to one byte. */
	if (ppp_hdr_build(buf, PPP_PROTO_LCP, true, true) != 4 ||
	    buf[0] != 0xff || buf[2] != 0xc0 ||
	    ppp_hdr_build(buf, PPP_PROTO_IP, true, true) != 1 || buf[0] != 0x21 ||
	    ppp_hdr_build(buf, PPP_PROTO_IPV6, false, false) != 4 || buf[3] != 0x57)
		return false;
	return true;
}

/*
 * Sync framing: two LCP Echo-Requests written back to back reach us in
 * three pieces, the cut inside the second one's header; both come out whole.
 */
static bool selftest_sync(void)
{
	static const u8 two[] = {
		0xff, 0x03, 0xc0, 0x21, 0x09, 0x01, 0x00, 0x08, 0xde, 0xad, 0xbe, 0xef,
		0xff, 0x03, 0xc0, 0x21, 0x09, 0x02, 0x00, 0x08, 0x01, 0x02, 0x03, 0x04,
	};
	struct selftest_rx r = { .want = two + 12, .len = 12 };
	struct ppp_sync_rx rx;
	u8 buf[64];

	ppp_sync_rx_init(&rx, buf, sizeof(buf));
	ppp_sync_decode(&rx, two, 14, selftest_frame, &r);
	if (r.frames != 1 || rx.len != 2)
		return false;
	ppp_sync_decode(&rx, two + 14, 3, selftest_frame, &r);
	ppp_sync_decode(&rx, two + 17, sizeof(two) - 17, selftest_frame, &r);
	return r.frames == 2 && r.same && rx.stats.frames == 2 && !rx.need && !rx.len;
}

/*
 * RFC 3079 3.5 on the kernel's RC4 and SHA-1: the 128-bit initial session
 * key from the start key, and "test message" encrypted with it. Then a
 * stateless sender and receiver, one packet lost in between, agree again.
 */
static bool selftest_mppe(void)
{
	static const u8 start_key[16] = {
		0x8b, 0x7c, 0xdc, 0x14, 0x9b, 0x99, 0x3a, 0x1b,
		0xa1, 0x18, 0xcb, 0x15, 0x3f, 0x56, 0xdc, 0xcb,
	};
	static const u8 session_key[16] = {
		0x40, 0x5c, 0xb2, 0x24, 0x7a, 0x79, 0x56, 0xe6,
		0xe2, 0x11, 0x00, 0x7a, 0xe2, 0x7b, 0x22, 0xd4,
	};
	static const u8 cipher[12] = {
		0x81, 0x84, 0x83, 0x17, 0xdf, 0x68, 0x84, 0x62, 0x72, 0xfb, 0x5a, 0xbe,
	};
	struct {
		struct ppp_mppe tx, rx;
		struct arc4_ctx tx_rc4, rx_rc4;
	} *st;
	bool ok, reset;
	u8 hdr[2], msg[12];

	st = kzalloc(sizeof(*st), GFP_KERNEL);
	if (!st)
		return false;
	ok = !ppp_mppe_init(&st->tx, &nlppp_mppe_ops, &st->tx_rc4, NULL, start_key, 128, true) &&
	     !memcmp(st->tx.session_key, session_key, 16);
	memcpy(msg, "test message", 12);
	ppp_mppe_encrypt(&st->tx, hdr, msg, sizeof(msg));
	ok = ok && hdr[0] == PPP_MPPE_ENCRYPTED && hdr[1] == 0 && !memcmp(msg, cipher, 12);

	ok = ok && !ppp_mppe_init(&st->tx, &nlppp_mppe_ops, &st->tx_rc4, NULL, start_key, 128, false) &&
	     !ppp_mppe_init(&st->rx, &nlppp_mppe_ops, &st->rx_rc4, NULL, start_key, 128, false);
	memcpy(msg, "lost message", 12);
	ppp_mppe_encrypt(&st->tx, hdr, msg, sizeof(msg));
	memcpy(msg, "test message", 12);
	ppp_mppe_encrypt(&st->tx, hdr, msg, sizeof(msg));
	ok = ok && !ppp_mppe_decrypt(&st->rx, hdr, msg, sizeof(msg), &reset) &&
	     !memcmp(msg, "test message", 12);
	ppp_mppe_wipe(&st->tx);
	ppp_mppe_wipe(&st->rx);
	kfree_sensitive(st);
	return ok;
}

int nlppp_selftest(void)
{
	static const struct {
		const char *name;
		bool (*fn)(void);
	} tests[] = {
		{ "fcs", selftest_fcs },
		{ "hdlc", selftest_hdlc },
		{ "header", selftest_hdr },
		{ "sync", selftest_sync },
		{ "mppe", selftest_mppe },
	};
	int i;

	for (i = 0; i < ARRAY_SIZE(tests); i++) {
		if (!tests[i].fn()) {
			pr_err("self-test %s: FAIL\n", tests[i].name);
			return -ENOTRECOVERABLE;
		}
	}
	pr_info("self-tests passed (fcs, hdlc, header, sync, mppe)\n");
	return 0;
}
