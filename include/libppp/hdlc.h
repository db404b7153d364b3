/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Async HDLC-like framing (RFC 1662 section 4): byte stuffing under an ACCM,
 * FCS-16 or FCS-32, and a resumable deframer that gives the same frames for
 * any split of the input stream.
 */
#ifndef LIBPPP_HDLC_H
#define LIBPPP_HDLC_H

#include "compat.h"

enum {
	PPP_FLAG = 0x7e,
	PPP_ESCAPE = 0x7d,
	PPP_TRANS = 0x20,
};

/*
 * Transmit side. Bit (c & 31) of map[c >> 5] set means byte c is sent
 * escaped. 0x7d and 0x7e are always escaped whatever the map says.
 */
struct ppp_hdlc_tx {
	uint32_t map[8];
	bool fcs32;
};

/* Transmit map from a negotiated 32-bit ACCM; all other bytes unescaped. */
void ppp_hdlc_tx_init(struct ppp_hdlc_tx *tx, uint32_t accm, bool fcs32);

/* Add byte @c to the transmit escape set (pppd's "escape" option). */
void ppp_hdlc_tx_escape(struct ppp_hdlc_tx *tx, uint8_t c);

/* Worst-case encoded size of a @len-byte frame: every byte and FCS byte escaped, two flags. */
static inline size_t ppp_hdlc_encode_max(size_t len)
{
	return 2 * (len + 4) + 2;
}

/*
 * Encode one frame (header + payload, no FCS) into @out, which must hold
 * ppp_hdlc_encode_max(@len) bytes: an opening flag when @open_flag, the
 * escaped frame and FCS, and a closing flag. A caller that sends frames
 * back to back passes @open_flag = false to share the closing flag of the
 * previous frame (RFC 1662 4.1). Returns the number of bytes written.
 */
size_t ppp_hdlc_encode(const struct ppp_hdlc_tx *tx, const uint8_t *frame,
		       size_t len, uint8_t *out, bool open_flag);

struct ppp_hdlc_rx_stats {
	uint64_t frames;	/* good frames delivered */
	uint64_t bytes;		/* bytes in good frames, without FCS */
	uint64_t fcs_errors;	/* bad FCS */
	uint64_t runts;		/* shorter than FCS + 1 byte */
	uint64_t oversize;	/* longer than the buffer */
	uint64_t aborts;	/* 0x7d 0x7e abort sequence */
};

/*
 * Receive side. The caller supplies the frame buffer; its capacity is the
 * largest frame accepted, FCS included. Bytes below 0x20 whose bit is set
 * in @accm are dropped as line noise (inserted by modems or flow control).
 */
struct ppp_hdlc_rx {
	uint32_t accm;
	bool fcs32;
	uint8_t *buf;
	size_t cap;
	size_t len;		/* bytes collected for the current frame */
	bool escaped;		/* the previous byte was 0x7d */
	bool discard;		/* dropping until the next flag */
	struct ppp_hdlc_rx_stats stats;
};

void ppp_hdlc_rx_init(struct ppp_hdlc_rx *rx, uint8_t *buf, size_t cap,
		      uint32_t accm, bool fcs32);

/*
 * Called once per good frame: @frame is header + payload with the FCS
 * removed, valid until the callback returns (the callee may modify it).
 */
typedef void (*ppp_hdlc_frame_fn)(void *ctx, uint8_t *frame, size_t len);

/* Feed @len bytes of the stream; deliver every complete good frame. */
void ppp_hdlc_decode(struct ppp_hdlc_rx *rx, const uint8_t *in, size_t len,
		     ppp_hdlc_frame_fn fn, void *ctx);

/*
 * Sync framing receive side: the device delivers frames without flags or
 * FCS. A delivery that holds several frames (as a pty gives frames written
 * back to back) is cut at the lengths the frames record (ppp_sync_peek); a
 * frame whose recorded length runs past the end of a delivery is completed
 * from the next one, and so is a delivery that ends too early to tell a
 * length. A frame of a protocol that records no length is the rest of its
 * delivery, when it heads one. Bytes that start no frame are skipped to the
 * next one we can trust, across deliveries, and counted once as a runt (a
 * start that the end of a delivery leaves undecided is kept and decided
 * with the next). The caller supplies the buffer;
 * its capacity is the largest frame accepted (longer: oversize).
 */
struct ppp_sync_rx {
	uint8_t *buf;		/* at least PPP_SYNC_PEEK bytes */
	size_t cap;
	size_t len;		/* bytes of the current frame collected */
	size_t need;		/* its length; 0 while not yet known */
	bool resyncing;		/* skipping bytes that start no frame (one runt) */
	struct ppp_hdlc_rx_stats stats;	/* frames, bytes, oversize, runts */
};

void ppp_sync_rx_init(struct ppp_sync_rx *rx, uint8_t *buf, size_t cap);

/* Forget a frame half collected (line hangup, flush, new framing). */
static inline void ppp_sync_rx_reset(struct ppp_sync_rx *rx)
{
	rx->len = 0;
	rx->need = 0;
	rx->resyncing = false;
}

/* Feed one delivery of @len bytes; deliver every complete frame. */
void ppp_sync_decode(struct ppp_sync_rx *rx, const uint8_t *in, size_t len,
		     ppp_hdlc_frame_fn fn, void *ctx);

#endif
