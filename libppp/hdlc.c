// SPDX-License-Identifier: GPL-2.0
/*
 * Async HDLC-like framing (RFC 1662 section 4).
 *
 * Most bytes of a frame need no escaping on the way out and no unescaping on
 * the way in, so both directions look at 8 bytes at a time: a word with no
 * byte of interest is copied whole, and a word with some is still copied
 * whole, then patched at each such byte. The FCS is computed in a separate
 * pass by the sliced routines of fcs.c, which are several times faster than
 * a table step per byte folded into the copy loop.
 *
 * Byte tests on a word use only masks, adds and ORs that cannot carry from
 * one byte into the next, so the marks are exact and the first mark is the
 * first such byte on both little- and big-endian hosts.
 */
#include "libppp/hdlc.h"
#include "libppp/fcs.h"
#include "libppp/ppp.h"

#define ONES 0x0101010101010101ull
#define HIGHS (0x80 * ONES)
#define LOWS (0x7f * ONES)

static inline uint64_t load_word(const uint8_t *p)
{
	uint64_t w;

	memcpy(&w, p, sizeof(w));
	return w;
}

static inline void store_word(uint8_t *p, uint64_t w)
{
	memcpy(p, &w, sizeof(w));
}

/* 0x80 in every byte of @w that is not zero. */
static inline uint64_t nonzero_bytes(uint64_t w)
{
	return (((w & LOWS) + LOWS) | w) & HIGHS;
}

/* 0x80 in every byte of @w equal to @c. */
static inline uint64_t mark_byte(uint64_t w, uint8_t c)
{
	return ~nonzero_bytes(w ^ (c * ONES)) & HIGHS;
}

/* 0x80 in every byte of @w that is a flag or an escape. */
static inline uint64_t mark_flag_esc(uint64_t w)
{
	return ~(nonzero_bytes(w ^ (PPP_FLAG * ONES)) &
		 nonzero_bytes(w ^ (PPP_ESCAPE * ONES))) & HIGHS;
}

/* 0x80 in every byte of @w below 0x20. */
static inline uint64_t mark_ctl(uint64_t w)
{
	return ~nonzero_bytes(w & (0xe0 * ONES)) & HIGHS;
}

/*
 * Index in memory order of the first marked byte; @m is not zero. 32-bit
 * hosts look at one half at a time, so as not to need libgcc's helpers.
 */
static inline unsigned int first_mark(uint64_t m)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#if __SIZEOF_LONG__ >= 8
	return __builtin_clzl(m) >> 3;
#else
	uint32_t hi = m >> 32;

	return hi ? __builtin_clz(hi) >> 3 : 4 + (__builtin_clz(m) >> 3);
#endif
#else
#if __SIZEOF_LONG__ >= 8
	return __builtin_ctzl(m) >> 3;
#else
	uint32_t lo = m;

	return lo ? __builtin_ctz(lo) >> 3 : 4 + (__builtin_ctz(m >> 32) >> 3);
#endif
#endif
}

/* The mark bit of byte @i (in memory order) of a word. */
static inline uint64_t mark_at(unsigned int i)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	return 0x80ull << (8 * (7 - i));
#else
	return 0x80ull << (8 * i);
#endif
}

/* A word with @c in its first byte (in memory order) and zeros elsewhere. */
static inline uint64_t first_byte(uint8_t c)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	return (uint64_t)c << 56;
#else
	return c;
#endif
}

/* @w without its first @n bytes (in memory order), @n < 8. */
static inline uint64_t skip_bytes(uint64_t w, unsigned int n)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	return w << (8 * n);
#else
	return w >> (8 * n);
#endif
}

static inline bool map_has(const uint32_t *map, uint8_t c)
{
	return map[c >> 5] >> (c & 31) & 1;
}

void ppp_hdlc_tx_init(struct ppp_hdlc_tx *tx, uint32_t accm, bool fcs32)
{
	memset(tx->map, 0, sizeof(tx->map));
	tx->map[0] = accm;
	tx->map[PPP_FLAG >> 5] |= 1u << (PPP_FLAG & 31);
	tx->map[PPP_ESCAPE >> 5] |= 1u << (PPP_ESCAPE & 31);
	tx->fcs32 = fcs32;
}

/*
 * Escaping 0x20-0x3f would put control bytes on the wire that the peer may
 * drop as noise under its receive ACCM, and escaping 0x5e gives 0x7d 0x7e,
 * the abort sequence; those requests are ignored (pppd refuses them too).
 */
void ppp_hdlc_tx_escape(struct ppp_hdlc_tx *tx, uint8_t c)
{
	if ((c >= 0x20 && c < 0x40) || c == (PPP_FLAG ^ PPP_TRANS))
		return;
	tx->map[c >> 5] |= 1u << (c & 31);
}

static inline uint8_t *put_byte(const uint32_t *map, uint8_t c, uint8_t *o)
{
	if (map_has(map, c)) {
		*o++ = PPP_ESCAPE;
		*o++ = c ^ PPP_TRANS;
	} else {
		*o++ = c;
	}
	return o;
}

/*
 * Escape @len bytes when the map can only hold control bytes besides the
 * flag and escape. Each word is stored whole; for each byte that needs
 * escaping, the escape pair is written in its place and the rest of the
 * word stored again after it. Word stores may run up to 7 bytes past what
 * is kept, which the worst-case output size leaves room for, since each
 * input byte can take two.
 */
static inline uint8_t *escape_words(const uint32_t *map, bool ctl,
				    const uint8_t *p, size_t len, uint8_t *o)
{
	const uint8_t *end = p + len;

	for (; end - p >= 8; p += 8) {
		uint64_t w = load_word(p);
		uint64_t m = mark_flag_esc(w) | (ctl ? mark_ctl(w) : 0);
		unsigned int done = 0;

		store_word(o, w);
		while (m) {
			unsigned int i = first_mark(m);
			uint8_t c = p[i];

			m &= ~mark_at(i);
			if (!map_has(map, c))
				continue;	/* a control byte sent as is */
			o += i - done;
			o[0] = PPP_ESCAPE;
			o[1] = c ^ PPP_TRANS;
			o += 2;
			done = i + 1;
			if (done < 8)
				store_word(o, skip_bytes(w, done));
		}
		o += 8 - done;
	}
	while (p < end)
		o = put_byte(map, *p++, o);
	return o;
}

static uint8_t *escape_bytes(const uint32_t *map, const uint8_t *p,
			     size_t len, uint8_t *o)
{
	while (len--)
		o = put_byte(map, *p++, o);
	return o;
}

size_t ppp_hdlc_encode(const struct ppp_hdlc_tx *tx, const uint8_t *frame,
		       size_t len, uint8_t *out, bool open_flag)
{
	uint32_t map[8];
	uint8_t fcs[4];
	size_t fcs_len;
	uint8_t *o = out;
	bool only_ctl;
	int i;

	memcpy(map, tx->map, sizeof(map));
	map[PPP_FLAG >> 5] |= 1u << (PPP_FLAG & 31);
	map[PPP_ESCAPE >> 5] |= 1u << (PPP_ESCAPE & 31);

	if (tx->fcs32) {
		uint32_t f = ~ppp_fcs32(PPP_FCS32_INIT, frame, len);

		for (i = 0; i < 4; i++)
			fcs[i] = f >> (8 * i);
		fcs_len = 4;
	} else {
		uint16_t f = ~ppp_fcs16(PPP_FCS16_INIT, frame, len);

		fcs[0] = f & 0xff;
		fcs[1] = f >> 8;
		fcs_len = 2;
	}

	only_ctl = map[3] == (1u << (PPP_FLAG & 31) | 1u << (PPP_ESCAPE & 31));
	for (i = 1; i < 8; i++)
		if (i != 3 && map[i])
			only_ctl = false;

	if (open_flag)
		*o++ = PPP_FLAG;
	if (!only_ctl)
		o = escape_bytes(map, frame, len, o);
	else if (map[0])
		o = escape_words(map, true, frame, len, o);
	else
		o = escape_words(map, false, frame, len, o);
	o = escape_bytes(map, fcs, fcs_len, o);
	*o++ = PPP_FLAG;
	return o - out;
}

void ppp_hdlc_rx_init(struct ppp_hdlc_rx *rx, uint8_t *buf, size_t cap,
		      uint32_t accm, bool fcs32)
{
	memset(rx, 0, sizeof(*rx));
	rx->accm = accm;
	rx->fcs32 = fcs32;
	rx->buf = buf;
	rx->cap = cap;
	/*
	 * Whatever comes before the first flag (modem chatter, the tail of a
	 * frame from before we listened) is not a frame: sync on a flag.
	 */
	rx->discard = true;
}

static void rx_store(struct ppp_hdlc_rx *rx, uint8_t c)
{
	if (rx->len >= rx->cap) {
		rx->stats.oversize++;
		rx->discard = true;
		return;
	}
	rx->buf[rx->len++] = c;
}

static void rx_end_frame(struct ppp_hdlc_rx *rx, ppp_hdlc_frame_fn fn,
			 void *ctx)
{
	size_t n = rx->len, fcs_len = rx->fcs32 ? 4 : 2;
	bool good;

	rx->len = 0;
	if (!n)
		return;		/* back-to-back flags: not a frame */
	if (n <= fcs_len) {
		rx->stats.runts++;
		return;
	}
	if (rx->fcs32)
		good = ppp_fcs32(PPP_FCS32_INIT, rx->buf, n) == PPP_FCS32_GOOD;
	else
		good = ppp_fcs16(PPP_FCS16_INIT, rx->buf, n) == PPP_FCS16_GOOD;
	if (!good) {
		rx->stats.fcs_errors++;
		return;
	}
	rx->stats.frames++;
	rx->stats.bytes += n - fcs_len;
	if (fn)
		fn(ctx, rx->buf, n - fcs_len);
}

/*
 * Collect data from @p into the frame buffer a word at a time, undoing
 * escapes on the way, until a byte that needs a closer look: a flag, or a
 * control byte the ACCM may call noise. Each word is stored whole; for each
 * escape, the rest of the word is stored again over it with its first
 * byte unescaped. The stores run up to 15 bytes past the frame so far, so
 * this stops when fewer than 16 bytes of room are left and lets the byte
 * path find out whether the frame is too long.
 */
static inline const uint8_t *rx_copy_words(struct ppp_hdlc_rx *rx, bool ctl,
					   const uint8_t *p,
					   const uint8_t *end)
{
	uint8_t *b = rx->buf + rx->len;
	uint8_t *b_end = rx->buf + rx->cap;
	bool escaped = rx->escaped;

	while (end - p >= 8 && b_end - b >= 16) {
		uint64_t w = load_word(p);
		uint64_t stop = mark_byte(w, PPP_FLAG) | (ctl ? mark_ctl(w) : 0);
		uint64_t esc = mark_byte(w, PPP_ESCAPE);
		unsigned int limit = 8, done = 0;

		if (!(stop | esc | escaped)) {
			store_word(b, w);
			p += 8;
			b += 8;
			continue;
		}
		if (stop) {
			limit = first_mark(stop);
			if (!limit)
				break;
		}
		if (escaped) {
			w ^= first_byte(PPP_TRANS);
			esc &= ~mark_at(0);
			escaped = false;
		}
		store_word(b, w);
		while (esc) {
			unsigned int i = first_mark(esc);

			if (i >= limit)
				break;
			b += i - done;
			done = i + 1;
			if (done == limit) {
				escaped = true;
				break;
			}
			store_word(b, skip_bytes(w, done) ^
				      first_byte(PPP_TRANS));
			esc &= ~(mark_at(i) | mark_at(done));
		}
		if (!escaped)
			b += limit - done;
		p += limit;
		if (limit < 8)
			break;
	}
	if (!escaped) {
		for (; p < end && b < b_end; p++, b++) {
			uint8_t c = *p;

			if (c == PPP_FLAG || c == PPP_ESCAPE ||
			    (ctl && c < 0x20))
				break;
			*b = c;
		}
	}
	rx->len = b - rx->buf;
	rx->escaped = escaped;
	return p;
}

void ppp_hdlc_decode(struct ppp_hdlc_rx *rx, const uint8_t *in, size_t len,
		     ppp_hdlc_frame_fn fn, void *ctx)
{
	const uint8_t *p = in, *end = in + len;
	bool ctl = rx->accm != 0;

	while (p < end) {
		uint8_t c;

		if (rx->discard) {
			/* Nothing else counts until then, not even an abort. */
			const uint8_t *f = memchr(p, PPP_FLAG, end - p);

			if (!f)
				return;
			p = f + 1;
			rx->discard = false;
			rx->escaped = false;
			rx->len = 0;
			continue;
		}
		/* Spelled out twice so each copy is compiled for its case. */
		if (ctl)
			p = rx_copy_words(rx, true, p, end);
		else
			p = rx_copy_words(rx, false, p, end);
		if (p == end)
			return;

		/* A byte that needs a closer look, or the buffer is full. */
		c = *p++;
		if (c < 0x20 && (rx->accm >> c & 1))
			continue;	/* noise, even after an escape */
		if (rx->escaped) {
			rx->escaped = false;
			if (c == PPP_FLAG) {
				rx->stats.aborts++;
				rx->len = 0;
			} else {
				rx_store(rx, c ^ PPP_TRANS);
			}
		} else if (c == PPP_FLAG) {
			rx_end_frame(rx, fn, ctx);
		} else if (c == PPP_ESCAPE) {
			rx->escaped = true;
		} else {
			rx_store(rx, c);
		}
	}
}

void ppp_sync_rx_init(struct ppp_sync_rx *rx, uint8_t *buf, size_t cap)
{
	memset(rx, 0, sizeof(*rx));
	rx->buf = buf;
	rx->cap = cap;
}

/*
 * Where in @p the next frame we can trust starts: a checked IPv4 header, or
 * a packet of a control protocol we know that fits in @cap (an IPv6 header,
 * or a protocol number merely shaped like a control protocol's, is too
 * easily imitated by payload bytes). @len if none.
 */
static bool sync_trusted_proto(uint16_t proto)
{
	switch (proto) {
	case PPP_PROTO_IP:
	case PPP_PROTO_LCP:
	case PPP_PROTO_PAP:
	case PPP_PROTO_CHAP:
	case PPP_PROTO_IPCP:
	case PPP_PROTO_IPV6CP:
	case PPP_PROTO_CCP:
		return true;
	}
	return false;
}

/*
 * Could @n bytes at @p, too few for a header, begin a frame of a protocol
 * sync_trusted_proto() takes? Only nothing, 0xff, 0xff 0x03, or one of the
 * high bytes of those protocols may follow.
 */
static bool sync_may_start(const uint8_t *p, size_t n)
{
	if (n && p[0] == PPP_ALLSTATIONS) {
		if (n == 1)
			return true;
		if (p[1] != PPP_UI)
			return false;
		p += 2;
		n -= 2;
	}
	if (!n)
		return true;
	return n == 1 && (p[0] == 0x00 || p[0] == 0x80 || p[0] == 0xc0 || p[0] == 0xc2);
}

static size_t sync_resync(const uint8_t *p, size_t len, size_t from, size_t cap)
{
	size_t i, need;
	uint16_t proto;
	int told;

	for (i = from; i < len; i++) {
		proto = 0;
		told = ppp_sync_peek(p + i, len - i, &need, &proto);
		/*
		 * Too few bytes left to tell, at the end of a delivery: it may
		 * be such a frame's start. Kept, the next delivery decides.
		 */
		if (told == -EAGAIN && (proto ? sync_trusted_proto(proto) :
					      sync_may_start(p + i, len - i)))
			return i;
		if (told != 1 || (need > cap && proto != PPP_PROTO_IP))
			continue;
		if (sync_trusted_proto(proto))
			return i;
	}
	return len;
}

/* Does @p start an IPv4 frame whose header checksum holds? */
static bool sync_ipv4_start(const uint8_t *p, size_t len)
{
	uint16_t proto = 0;
	size_t need;

	return ppp_sync_peek(p, len, &need, &proto) == 1 && proto == PPP_PROTO_IP;
}

void ppp_sync_decode(struct ppp_sync_rx *rx, const uint8_t *in, size_t len,
		     ppp_hdlc_frame_fn fn, void *ctx)
{
	const uint8_t *start = in;

	/*
	 * A delivery that starts a checked IPv4 frame while another is half
	 * collected: the sender gave up on that one (ppp_synctty resends a
	 * frame whole after a short write) and it ends here, a runt.
	 */
	if (rx->need && sync_ipv4_start(in, len)) {
		rx->stats.runts++;
		ppp_sync_rx_reset(rx);
	}
	while (len) {
		size_t n = 0, need = 0;
		uint16_t proto = 0;
		int told;

		if (!rx->need) {
			/*
			 * A new frame: its length, from these bytes or from the
			 * few kept from the end of the last delivery, which
			 * could not tell it (then buf holds them, plus a look
			 * at this delivery's first bytes).
			 */
			bool kept = rx->len;

			if (kept) {
				n = PPP_SYNC_PEEK - rx->len < len ? PPP_SYNC_PEEK - rx->len : len;
				memcpy(rx->buf + rx->len, in, n);
				told = ppp_sync_peek(rx->buf, rx->len + n, &need, &proto);
			} else {
				told = ppp_sync_peek(in, len, &need, &proto);
			}
			/*
			 * A frame that records no length is the rest of its
			 * delivery, where a frame surely starts: at the head of
			 * one (a sync device gives one frame a delivery). After
			 * a cut such bytes are more likely payload. A length
			 * past the buffer's is waited out (the frame dropped as
			 * oversize) only behind a checked IPv4 header; any
			 * other is no frame of ours.
			 */
			if (told == 0 && (kept || in != start))
				told = -EBADMSG;
			if (told == 1 && need > rx->cap && proto != PPP_PROTO_IP) {
				if (!rx->resyncing)
					rx->stats.oversize++;
				told = -ERANGE;
			}
			if (told == -EAGAIN) {
				/* Too few bytes to tell: keep them for the next delivery. */
				memcpy(rx->buf + rx->len, in, len);
				rx->len += len;
				return;
			}
			if (told == -EBADMSG || told == -ERANGE) {
				/*
				 * Not a frame: the tail of one we lost, or a
				 * sender's duplicate. Skip to a frame we can
				 * trust and count a runt. One may start among
				 * the bytes kept from the last delivery (then
				 * go on from there, with the rest kept), or at
				 * this delivery's first byte.
				 */
				if (told == -EBADMSG && !rx->resyncing)
					rx->stats.runts++;
				if (kept) {
					size_t j = sync_resync(rx->buf, rx->len + n, 1, rx->cap);

					if (j < rx->len) {
						memmove(rx->buf, rx->buf + j, rx->len - j);
						rx->len -= j;
						rx->resyncing = true;
						continue;
					}
				}
				n = sync_resync(in, len, kept ? 0 : 1, rx->cap);
				ppp_sync_rx_reset(rx);
				/* Until a frame is found, this is one run of junk. */
				rx->resyncing = true;
				in += n;
				len -= n;
				continue;
			}
			rx->need = told == 1 ? need : len;
			rx->resyncing = false;
		}
		if (rx->need <= rx->len) {
			/*
			 * The bytes kept from the last delivery hold all of a
			 * short frame and the start of the next: deliver it
			 * and look at what follows it.
			 */
			size_t rest = rx->len - rx->need;

			rx->stats.frames++;
			rx->stats.bytes += rx->need;
			fn(ctx, rx->buf, rx->need);
			memmove(rx->buf, rx->buf + rx->need, rest);
			rx->len = rest;
			rx->need = 0;
			continue;
		}
		n = rx->need - rx->len;
		if (n > len)
			n = len;
		if (rx->need <= rx->cap)
			memcpy(rx->buf + rx->len, in, n);
		rx->len += n;
		in += n;
		len -= n;
		if (rx->len < rx->need)
			return;	/* the rest comes with the next delivery */
		if (rx->need > rx->cap) {
			rx->stats.oversize++;
		} else {
			rx->stats.frames++;
			rx->stats.bytes += rx->need;
			fn(ctx, rx->buf, rx->need);
		}
		rx->need = 0;
		rx->len = 0;
	}
}
