/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The MPPE data path (RFC 3078): the 2-byte header (flags and 12-bit
 * coherency count), RC4 over the protocol field and payload, key changes
 * (RFC 3078 7.3 with RFC 3079's initial key), stateless and stateful
 * modes and their resynchronisation after loss. The caller supplies RC4
 * and SHA-1 (OpenSSL in the daemon, the kernel's own library in nlppp.ko)
 * and owns the RC4 state.
 *
 * Bit-for-bit what Linux's ppp_mppe does on the wire, including where it
 * departs from the RFC's letter: the first packet is number 0 and does not
 * carry FLUSHED; a stateful sender also rekeys (and sets FLUSHED) after a
 * CCP Reset-Request, and the receiver rekeys on every FLUSHED packet.
 */
#ifndef LIBPPP_MPPE_H
#define LIBPPP_MPPE_H

#include "compat.h"

enum {
	PPP_PROTO_MPPE = 0x00fd,	/* "compressed datagram" carrying MPPE */
	PPP_MPPE_HDRLEN = 2,
	PPP_MPPE_FLUSHED = 0x80,	/* bit A, in the header's first byte */
	PPP_MPPE_ENCRYPTED = 0x10,	/* bit D */
	PPP_MPPE_CCOUNT_MASK = 0x0fff,
	PPP_MPPE_KEY_MAX = 16,
	/* Stateful receiver out of step: a Reset-Request again every this
	 * many discarded packets (RFC 3078 8 sends one; it can be lost). */
	PPP_MPPE_RESET_AGAIN = 16,
};

struct ppp_mppe_ops {
	/* Key the caller's RC4 state @rc4. */
	void (*rc4_setkey)(void *rc4, const uint8_t *key, size_t len);
	/* Run RC4 over @len bytes, @in to @out (the same buffer is fine). */
	void (*rc4_crypt)(void *rc4, uint8_t *out, const uint8_t *in, size_t len);
	/* SHA-1 of @len bytes. */
	void (*sha1)(void *ctx, const uint8_t *p, size_t len, uint8_t out[20]);
};

struct ppp_mppe_stats {
	uint64_t packets, rekeys;
	uint64_t lost;		/* stateful: coherency count gaps (Reset-Requests due) */
	uint64_t discarded;	/* waiting for FLUSHED after a gap */
	uint64_t bad;		/* header refused (no D bit, FLUSHED missing) */
};

/* One direction. */
struct ppp_mppe {
	const struct ppp_mppe_ops *ops;
	void *rc4, *ctx;
	uint8_t start_key[PPP_MPPE_KEY_MAX];
	uint8_t session_key[PPP_MPPE_KEY_MAX];
	uint8_t key_len;		/* 8 (40 and 56 bits) or 16 */
	uint8_t salt_len;		/* 3 (40 bits), 1 (56 bits), 0 */
	bool stateful;
	bool flush_next;		/* sender: a Reset-Request came */
	bool discard;			/* receiver: lost sync, wait for FLUSHED */
	uint16_t ccount;
	struct ppp_mppe_stats stats;
};

/*
 * @key: the 16-byte start key (RFC 3079; its first 8 bytes for 40 and 56
 * bits); @bits: 40, 56 or 128. -EINVAL for another key size.
 */
int ppp_mppe_init(struct ppp_mppe *m, const struct ppp_mppe_ops *ops, void *rc4, void *ctx,
		  const uint8_t *key, unsigned int bits, bool stateful);
/* Forget the keys (the caller wipes its RC4 state). */
void ppp_mppe_wipe(struct ppp_mppe *m);

/*
 * Sender: encrypt @len bytes at @data in place (the PPP protocol field,
 * 0x0021-0x00fa, and the payload) and write the MPPE header to @hdr.
 */
void ppp_mppe_encrypt(struct ppp_mppe *m, uint8_t hdr[PPP_MPPE_HDRLEN], uint8_t *data,
		      size_t len);
/* Sender: the peer sent a CCP Reset-Request; the next packet is FLUSHED. */
void ppp_mppe_reset(struct ppp_mppe *m);

/*
 * Receiver: check @hdr and decrypt @len bytes at @data in place. 0, or a
 * packet to drop: -EBADMSG (header refused), -EAGAIN (stateful, out of
 * sync; *@reset_request is set when a CCP Reset-Request is to be sent: at
 * the loss, then every PPP_MPPE_RESET_AGAIN packets discarded).
 * The decrypted protocol field may be one byte (the peer used PFC): the
 * caller looks at data[0] & 1.
 */
int ppp_mppe_decrypt(struct ppp_mppe *m, const uint8_t hdr[PPP_MPPE_HDRLEN], uint8_t *data,
		     size_t len, bool *reset_request);

#endif
