// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the MPPE receiver (libppp/mppe.c) on OpenSSL's RC4
 * and SHA-1.
 *
 * Input: [0] bit 0 stateful, bits 1-2: 40/56/128 bits; then packets, each
 * [len] [2 header bytes] [len data bytes]. Reset-Requests the receiver
 * asks for reach a sender that encrypts a known packet next; every packet
 * the receiver accepts after that must decrypt to it.
 *
 * Checks: no crash or sanitizer report; the counters add up (every packet
 * is accepted, refused, lost or discarded); after any input, a sender and
 * receiver that start over agree.
 */
#include <openssl/evp.h>
#include <openssl/provider.h>
#include <stdlib.h>

#include "libppp/mppe.h"

#define check(cond)                                                        \
	do {                                                               \
		if (!(cond))                                               \
			__builtin_trap();                                  \
	} while (0)

static EVP_CIPHER *rc4_alg;

static void f_setkey(void *p, const uint8_t *key, size_t len)
{
	EVP_CIPHER_CTX *c = p;

	EVP_CIPHER_CTX_reset(c);
	EVP_EncryptInit_ex(c, rc4_alg, NULL, NULL, NULL);
	EVP_CIPHER_CTX_set_key_length(c, (int)len);
	EVP_EncryptInit_ex(c, NULL, NULL, key, NULL);
}

static void f_crypt(void *p, uint8_t *out, const uint8_t *in, size_t len)
{
	int n = 0;

	EVP_EncryptUpdate(p, out, &n, in, (int)len);
}

static void f_sha1(void *ctx, const uint8_t *p, size_t len, uint8_t out[20])
{
	unsigned int n = 0;

	EVP_Digest(p, len, out, &n, EVP_sha1(), NULL);
}

static const struct ppp_mppe_ops ops = {
	.rc4_setkey = f_setkey, .rc4_crypt = f_crypt, .sha1 = f_sha1,
};

static const uint8_t key[16] = "0123456789abcdef";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const unsigned int bits[] = { 40, 56, 128, 128 };
	EVP_CIPHER_CTX *ctx_rx, *ctx_tx;
	struct ppp_mppe rx, tx;
	uint8_t buf[256], hdr[2];
	uint64_t total = 0, ok = 0;
	size_t off = 1;
	bool stateful, reset;
	int r;

	if (!rc4_alg) {
		if (!OSSL_PROVIDER_load(NULL, "default") || !OSSL_PROVIDER_load(NULL, "legacy"))
			abort();
		rc4_alg = EVP_CIPHER_fetch(NULL, "RC4", NULL);
		if (!rc4_alg)
			abort();
	}
	if (size < 1)
		return 0;
	stateful = data[0] & 1;
	ctx_rx = EVP_CIPHER_CTX_new();
	ctx_tx = EVP_CIPHER_CTX_new();
	check(ppp_mppe_init(&rx, &ops, ctx_rx, NULL, key, bits[(data[0] >> 1) & 3], stateful) == 0);
	while (off + 3 <= size) {
		size_t len = data[off];

		if (off + 3 + len > size)
			break;
		memcpy(hdr, data + off + 1, 2);
		memcpy(buf, data + off + 3, len);
		off += 3 + len;
		total++;
		r = ppp_mppe_decrypt(&rx, hdr, buf, len, &reset);
		check(r == 0 || r == -EBADMSG || r == -EAGAIN);
		check(!reset || r == -EAGAIN);
		ok += r == 0;
	}
	check(rx.stats.packets == ok);
	check(ok + rx.stats.bad + rx.stats.lost + rx.stats.discarded == total);
	check((rx.ccount & ~PPP_MPPE_CCOUNT_MASK) == 0);
	ppp_mppe_wipe(&rx);

	/* Whatever came before, a fresh pair agrees. */
	ppp_mppe_init(&tx, &ops, ctx_tx, NULL, key, 128, stateful);
	ppp_mppe_init(&rx, &ops, ctx_rx, NULL, key, 128, stateful);
	memcpy(buf, "\x00\x21hello", 7);
	ppp_mppe_encrypt(&tx, hdr, buf, 7);
	check(ppp_mppe_decrypt(&rx, hdr, buf, 7, &reset) == 0);
	check(memcmp(buf, "\x00\x21hello", 7) == 0);
	EVP_CIPHER_CTX_free(ctx_rx);
	EVP_CIPHER_CTX_free(ctx_tx);
	return 0;
}
