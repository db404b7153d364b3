// SPDX-License-Identifier: GPL-2.0
/* MPPE (RFC 3078): see mppe.h. */
#include "libppp/mppe.h"

enum { SHA_PAD_LEN = 40, SHA1_LEN = 20 };

/* SHA-1(start key | 40 x 0x00 | session key | 40 x 0xf2), RFC 3078 7.3. */
static void new_key_from_sha(struct ppp_mppe *m, uint8_t out[SHA1_LEN])
{
	uint8_t buf[2 * (PPP_MPPE_KEY_MAX + SHA_PAD_LEN)];
	size_t n = m->key_len, off = 0;

	memcpy(buf, m->start_key, n);
	off += n;
	memset(buf + off, 0x00, SHA_PAD_LEN);
	off += SHA_PAD_LEN;
	memcpy(buf + off, m->session_key, n);
	off += n;
	memset(buf + off, 0xf2, SHA_PAD_LEN);
	off += SHA_PAD_LEN;
	m->ops->sha1(m->ctx, buf, off, out);
	memset(buf, 0, sizeof(buf));
}

static void salt(struct ppp_mppe *m)
{
	static const uint8_t s[3] = { 0xd1, 0x26, 0x9e };

	memcpy(m->session_key, s, m->salt_len);
}

/*
 * A key change. The first one (@initial) takes the hash as the session key
 * (RFC 3079's samples); later ones encrypt the interim key with itself.
 */
static void rekey(struct ppp_mppe *m, bool initial)
{
	uint8_t interim[SHA1_LEN];

	new_key_from_sha(m, interim);
	if (initial) {
		memcpy(m->session_key, interim, m->key_len);
	} else {
		m->ops->rc4_setkey(m->rc4, interim, m->key_len);
		m->ops->rc4_crypt(m->rc4, m->session_key, interim, m->key_len);
		m->stats.rekeys++;
	}
	memset(interim, 0, sizeof(interim));
	salt(m);
	m->ops->rc4_setkey(m->rc4, m->session_key, m->key_len);
}

int ppp_mppe_init(struct ppp_mppe *m, const struct ppp_mppe_ops *ops, void *rc4, void *ctx,
		  const uint8_t *key, unsigned int bits, bool stateful)
{
	memset(m, 0, sizeof(*m));
	switch (bits) {
	case 40:
		m->key_len = 8;
		m->salt_len = 3;
		break;
	case 56:
		m->key_len = 8;
		m->salt_len = 1;
		break;
	case 128:
		m->key_len = 16;
		break;
	default:
		return -EINVAL;
	}
	m->ops = ops;
	m->rc4 = rc4;
	m->ctx = ctx;
	m->stateful = stateful;
	memcpy(m->start_key, key, m->key_len);
	memcpy(m->session_key, key, m->key_len);
	rekey(m, true);
	/* So that the first packet is number 0. */
	m->ccount = PPP_MPPE_CCOUNT_MASK;
	return 0;
}

void ppp_mppe_wipe(struct ppp_mppe *m)
{
	memset(m->start_key, 0, sizeof(m->start_key));
	memset(m->session_key, 0, sizeof(m->session_key));
}

void ppp_mppe_encrypt(struct ppp_mppe *m, uint8_t hdr[PPP_MPPE_HDRLEN], uint8_t *data,
		      size_t len)
{
	uint8_t flags = PPP_MPPE_ENCRYPTED;

	m->ccount = (m->ccount + 1) & PPP_MPPE_CCOUNT_MASK;
	/* Stateless: every packet; stateful: the "flag" packet and after a reset. */
	if (!m->stateful || (m->ccount & 0xff) == 0xff || m->flush_next) {
		rekey(m, false);
		flags |= PPP_MPPE_FLUSHED;
		m->flush_next = false;
	}
	hdr[0] = flags | (uint8_t)(m->ccount >> 8);
	hdr[1] = (uint8_t)m->ccount;
	m->ops->rc4_crypt(m->rc4, data, data, len);
	m->stats.packets++;
}

void ppp_mppe_reset(struct ppp_mppe *m)
{
	/* One key change however many Reset-Requests arrive before we send. */
	m->flush_next = true;
}

int ppp_mppe_decrypt(struct ppp_mppe *m, const uint8_t hdr[PPP_MPPE_HDRLEN], uint8_t *data,
		     size_t len, bool *reset_request)
{
	uint16_t cc = (uint16_t)((hdr[0] & 0x0f) << 8 | hdr[1]);
	bool flushed = hdr[0] & PPP_MPPE_FLUSHED;

	*reset_request = false;
	if (!(hdr[0] & PPP_MPPE_ENCRYPTED) || (!m->stateful && !flushed) ||
	    (m->stateful && (cc & 0xff) == 0xff && !flushed) || len == 0) {
		m->stats.bad++;
		return -EBADMSG;
	}
	if (!m->stateful) {
		/* One key change per packet sent since the last one we saw. */
		while (m->ccount != cc) {
			rekey(m, false);
			m->ccount = (m->ccount + 1) & PPP_MPPE_CCOUNT_MASK;
		}
	} else {
		if (!m->discard) {
			m->ccount = (m->ccount + 1) & PPP_MPPE_CCOUNT_MASK;
			if (cc != m->ccount) {
				m->discard = true;
				m->stats.lost++;
				*reset_request = true;
				return -EAGAIN;
			}
		} else {
			if (!flushed) {
				/* The FLUSHED packet answering our Reset-Request may
				 * be lost too: ask again now and then rather than
				 * wait for the next flag packet, up to 256 away. */
				*reset_request = ++m->stats.discarded % PPP_MPPE_RESET_AGAIN == 0;
				return -EAGAIN;
			}
			/* A key change for every flag packet we missed. */
			while ((cc & ~0xffu) != (m->ccount & ~0xffu)) {
				rekey(m, false);
				m->ccount = (m->ccount + 0x100) & PPP_MPPE_CCOUNT_MASK;
			}
			m->discard = false;
			m->ccount = cc;
		}
		if (flushed)
			rekey(m, false);
	}
	m->ops->rc4_crypt(m->rc4, data, data, len);
	m->stats.packets++;
	return 0;
}
