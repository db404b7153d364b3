// SPDX-License-Identifier: GPL-2.0
/* The user plane's compression pipeline: see ucomp.h. */
#include <errno.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>

#include "libppp/ccp.h"

#include "dataplane/ucomp.h"
#include "log.h"
#include "mschap.h"

static EVP_CIPHER *rc4_cipher;

/*
 * Rekeying (every packet when stateless) reuses the cipher and key length
 * nl_ucomp_set() gave the context: only the key schedule is redone.
 */
static void rc4_setkey(void *rc4, const uint8_t *key, size_t len)
{
	EVP_CIPHER_CTX *ctx = rc4;

	if ((size_t)EVP_CIPHER_CTX_get_key_length(ctx) != len ||
	    !EVP_CipherInit_ex(ctx, NULL, NULL, key, NULL, 1))
		nl_err("MPPE: RC4 key setup failed");
}

static void rc4_crypt(void *rc4, uint8_t *out, const uint8_t *in, size_t len)
{
	int n = 0;

	if (!EVP_CipherUpdate(rc4, out, &n, in, (int)len))
		memset(out, 0, len);	/* cannot happen with RC4; never send clear text */
}

static void sha1(void *ctx, const uint8_t *p, size_t len, uint8_t out[20])
{
	if (nl_digest(EVP_sha1(), out, 20, p, len, NULL, 0, NULL, 0, NULL, 0) < 0)
		memset(out, 0, 20);
}

static const struct ppp_mppe_ops mppe_ops = {
	.rc4_setkey = rc4_setkey,
	.rc4_crypt = rc4_crypt,
	.sha1 = sha1,
};

void nl_ucomp_free(struct nl_ucomp *c)
{
	if (c->rc4) {
		EVP_CIPHER_CTX_free(c->rc4);	/* clears the key schedule */
		c->rc4 = NULL;
	}
	ppp_mppe_wipe(&c->mppe);
	if (c->method == PPP_CCP_DEFLATE || c->method == PPP_CCP_DEFLATE_DRAFT)
		ppp_deflate_free(&c->deflate);
	free(c->table);
	c->table = NULL;
	c->method = 0;
	c->need_reset = false;
}

int nl_ucomp_set(struct nl_ucomp *c, bool tx, const struct nl_ccp_dir *d)
{
	int err;

	nl_ucomp_free(c);
	c->tx = tx;
	c->required = d->required;
	switch (d->method) {
	case 0:
		return 0;
	case PPP_CCP_MPPE:
		if (nl_mschap_crypto_init() < 0)
			return -EOPNOTSUPP;
		if (!rc4_cipher)
			rc4_cipher = EVP_CIPHER_fetch(NULL, "RC4", NULL);
		if (!rc4_cipher) {
			nl_err("MPPE: OpenSSL has no RC4 (its legacy provider)");
			return -EOPNOTSUPP;
		}
		c->rc4 = EVP_CIPHER_CTX_new();
		if (!c->rc4)
			return -ENOMEM;
		/* The cipher and its key length once: 8 bytes (40, 56 bits) or 16. */
		if (!EVP_CipherInit_ex(c->rc4, rc4_cipher, NULL, NULL, NULL, 1) ||
		    !EVP_CIPHER_CTX_set_key_length(c->rc4, d->mppe_bits == 128 ? 16 : 8)) {
			nl_ucomp_free(c);
			return -EOPNOTSUPP;
		}
		err = ppp_mppe_init(&c->mppe, &mppe_ops, c->rc4, NULL, d->mppe_key, d->mppe_bits,
				    d->mppe_stateful);
		if (err < 0) {
			nl_ucomp_free(c);
			return err;
		}
		break;
	case PPP_CCP_PRED1:
		c->table = malloc(PPP_PRED1_TABLE);
		if (!c->table)
			return -ENOMEM;
		c->pred1.table = c->table;
		ppp_pred1_reset(&c->pred1);
		break;
	case PPP_CCP_DEFLATE:
	case PPP_CCP_DEFLATE_DRAFT:
		err = ppp_deflate_init(&c->deflate, tx, d->deflate_window);
		if (err < 0)
			return err;
		break;
	case PPP_CCP_BSD: {
		size_t sz = ppp_bsd_mem(d->bsd_bits, !tx);

		c->table = malloc(sz);
		if (!c->table)
			return -ENOMEM;
		err = ppp_bsd_init(&c->bsd, d->bsd_bits, !tx, c->table, sz);
		if (err < 0) {
			nl_ucomp_free(c);
			return err;
		}
		break;
	}
	default:
		return -EOPNOTSUPP;
	}
	c->method = d->method;
	return 0;
}

void nl_ucomp_reset(struct nl_ucomp *c, struct nl_dp_stats *st)
{
	if (c->tx)
		st->comp_tx_resets++;
	else
		st->comp_rx_resets++;
	c->need_reset = false;
	switch (c->method) {
	case PPP_CCP_MPPE:
		/* Receive: nothing to do, the FLUSHED packet resynchronises. */
		if (c->tx)
			ppp_mppe_reset(&c->mppe);
		break;
	case PPP_CCP_PRED1:
		ppp_pred1_reset(&c->pred1);
		break;
	case PPP_CCP_DEFLATE:
	case PPP_CCP_DEFLATE_DRAFT:
		ppp_deflate_reset(&c->deflate);
		break;
	case PPP_CCP_BSD:
		ppp_bsd_reset(&c->bsd);
		break;
	}
}

int nl_ucomp_incomp(struct nl_ucomp *c, const uint8_t *p, size_t len, struct nl_dp_stats *st)
{
	switch (c->method) {
	case PPP_CCP_DEFLATE:
	case PPP_CCP_DEFLATE_DRAFT:
		if (c->need_reset)
			return 0;
		if (ppp_deflate_incomp(&c->deflate, p, len) < 0) {
			st->comp_rx_errors++;
			c->need_reset = true;
			return -1;
		}
		return 0;
	case PPP_CCP_BSD:
		if (!c->need_reset)
			ppp_bsd_incomp(&c->bsd, p, len);
		return 0;
	}
	return 0;
}

size_t nl_ucomp_compress(struct nl_ucomp *c, const uint8_t *in, size_t len, uint8_t *out,
			 size_t max, struct nl_dp_stats *st)
{
	size_t n;

	st->comp_tx_in += len;
	switch (c->method) {
	case PPP_CCP_MPPE:
		memcpy(out + PPP_MPPE_HDRLEN, in, len);
		ppp_mppe_encrypt(&c->mppe, out, out + PPP_MPPE_HDRLEN, len);
		n = len + PPP_MPPE_HDRLEN;
		break;
	case PPP_CCP_PRED1:
		/* What might not fit goes as it is: the decompressor never sees
		 * plain packets, so the tables stay in step. */
		n = len <= 32767 && ppp_pred1_max(len) <= max ?
		    ppp_pred1_compress(&c->pred1, in, len, out) : 0;
		break;
	case PPP_CCP_DEFLATE:
	case PPP_CCP_DEFLATE_DRAFT: {
		int r = ppp_deflate_compress(&c->deflate, in, len, out, len + NL_UCOMP_OVERHEAD);

		n = r > 0 ? (size_t)r : 0;
		break;
	}
	case PPP_CCP_BSD: {
		int r = ppp_bsd_compress(&c->bsd, in, len, out, len + NL_UCOMP_OVERHEAD);

		n = r > 0 ? (size_t)r : 0;
		break;
	}
	default:
		n = 0;
	}
	if (!n) {
		st->comp_tx_incompressible++;
		st->comp_tx_out += len;
	} else {
		st->comp_tx_out += n;
	}
	return n;
}

int nl_ucomp_decompress(struct nl_ucomp *c, uint8_t *in, size_t len, uint8_t *out,
			size_t cap, struct nl_dp_stats *st)
{
	bool reset = false;
	int n;

	st->comp_rx_in += len;
	switch (c->method) {
	case PPP_CCP_MPPE:
		if (len <= PPP_MPPE_HDRLEN || len - PPP_MPPE_HDRLEN > cap) {
			st->mppe_discards++;
			return 0;
		}
		n = ppp_mppe_decrypt(&c->mppe, in, in + PPP_MPPE_HDRLEN, len - PPP_MPPE_HDRLEN,
				     &reset);
		if (n < 0) {
			st->mppe_discards++;
			return reset ? -1 : 0;
		}
		n = (int)(len - PPP_MPPE_HDRLEN);
		memcpy(out, in + PPP_MPPE_HDRLEN, (size_t)n);
		break;
	case PPP_CCP_PRED1:
		if (c->need_reset) {
			st->comp_rx_errors++;
			return 0;
		}
		n = ppp_pred1_decompress(&c->pred1, in, len, out, cap);
		if (n < 0) {
			st->comp_rx_errors++;
			c->need_reset = true;
			return -1;
		}
		break;
	case PPP_CCP_DEFLATE:
	case PPP_CCP_DEFLATE_DRAFT:
	case PPP_CCP_BSD:
		if (c->need_reset) {
			st->comp_rx_errors++;
			return 0;
		}
		n = c->method == PPP_CCP_BSD ? ppp_bsd_decompress(&c->bsd, in, len, out, cap) :
		    ppp_deflate_decompress(&c->deflate, in, len, out, cap);
		if (n < 0) {
			st->comp_rx_errors++;
			c->need_reset = true;
			return -1;
		}
		break;
	default:
		st->comp_rx_errors++;
		return 0;
	}
	st->comp_rx_out += (uint64_t)n;
	return n;
}
