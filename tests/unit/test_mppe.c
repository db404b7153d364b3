// SPDX-License-Identifier: GPL-2.0
/*
 * MPPE (RFC 3078) on OpenSSL's RC4 and SHA-1: RFC 3079's sample session
 * keys and encrypted message, a key change computed independently from
 * RFC 3078 7.3's text, and round trips in both modes with packets lost,
 * including "flag" packets and more than 256 in a row.
 */
#include <openssl/evp.h>
#include <openssl/provider.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libppp/mppe.h"
#include "test.h"

static EVP_CIPHER *rc4_alg;

struct rc4 {
	EVP_CIPHER_CTX *ctx;
};

static void t_setkey(void *p, const uint8_t *key, size_t len)
{
	struct rc4 *r = p;

	EVP_CIPHER_CTX_reset(r->ctx);
	EVP_EncryptInit_ex(r->ctx, rc4_alg, NULL, NULL, NULL);
	EVP_CIPHER_CTX_set_key_length(r->ctx, (int)len);
	EVP_EncryptInit_ex(r->ctx, NULL, NULL, key, NULL);
}

static void t_crypt(void *p, uint8_t *out, const uint8_t *in, size_t len)
{
	struct rc4 *r = p;
	int n = 0;

	EVP_EncryptUpdate(r->ctx, out, &n, in, (int)len);
}

static void t_sha1(void *ctx, const uint8_t *p, size_t len, uint8_t out[20])
{
	unsigned int n = 0;

	EVP_Digest(p, len, out, &n, EVP_sha1(), NULL);
}

static const struct ppp_mppe_ops ops = {
	.rc4_setkey = t_setkey, .rc4_crypt = t_crypt, .sha1 = t_sha1,
};

/* RFC 3079 3.5: the authenticator's send start key for "clientPass". */
static const uint8_t start_key[16] = {
	0x8B, 0x7C, 0xDC, 0x14, 0x9B, 0x99, 0x3A, 0x1B,
	0xA1, 0x18, 0xCB, 0x15, 0x3F, 0x56, 0xDC, 0xCB,
};

TEST(rfc3079_initial_session_keys_and_first_stateful_packet)
{
	static const uint8_t key128[16] = {
		0x40, 0x5C, 0xB2, 0x24, 0x7A, 0x79, 0x56, 0xE6,
		0xE2, 0x11, 0x00, 0x7A, 0xE2, 0x7B, 0x22, 0xD4,
	};
	static const uint8_t enc128[12] = {
		0x81, 0x84, 0x83, 0x17, 0xDF, 0x68, 0x84, 0x62, 0x72, 0xFB, 0x5A, 0xBE,
	};
	static const uint8_t key40[8] = { 0xD1, 0x26, 0x9E, 0xC4, 0x9F, 0xA6, 0x2E, 0x3E };
	static const uint8_t enc40[12] = {
		0x92, 0x91, 0x37, 0x91, 0x7E, 0x58, 0x03, 0xD6, 0x68, 0xD7, 0x58, 0x98,
	};
	struct rc4 r = { EVP_CIPHER_CTX_new() };
	struct ppp_mppe m;
	uint8_t hdr[2], msg[12];

	CHECK_EQ(ppp_mppe_init(&m, &ops, &r, NULL, start_key, 128, true), 0);
	CHECK_MEM(m.session_key, key128, 16);
	/* Stateful packet 0 uses the initial key; no FLUSHED (as Linux). */
	memcpy(msg, "test message", 12);
	ppp_mppe_encrypt(&m, hdr, msg, sizeof(msg));
	CHECK_EQ(hdr[0], PPP_MPPE_ENCRYPTED);
	CHECK_EQ(hdr[1], 0);
	CHECK_MEM(msg, enc128, 12);

	CHECK_EQ(ppp_mppe_init(&m, &ops, &r, NULL, start_key, 40, true), 0);
	CHECK_MEM(m.session_key, key40, 8);
	memcpy(msg, "test message", 12);
	ppp_mppe_encrypt(&m, hdr, msg, sizeof(msg));
	CHECK_MEM(msg, enc40, 12);
	CHECK_EQ(ppp_mppe_init(&m, &ops, &r, NULL, start_key, 64, true), -EINVAL);
	EVP_CIPHER_CTX_free(r.ctx);
}

/* RFC 3078 7.3 written out again, step by step, for comparison. */
static void rfc_key_change(const uint8_t *start, uint8_t *session, size_t n, size_t salt)
{
	uint8_t buf[112], interim[20];
	struct rc4 r = { EVP_CIPHER_CTX_new() };

	memcpy(buf, start, n);
	memset(buf + n, 0, 40);
	memcpy(buf + n + 40, session, n);
	memset(buf + 2 * n + 40, 0xf2, 40);
	t_sha1(NULL, buf, 2 * n + 80, interim);
	t_setkey(&r, interim, n);
	t_crypt(&r, session, interim, n);
	memcpy(session, "\xd1\x26\x9e", salt);
	EVP_CIPHER_CTX_free(r.ctx);
}

TEST(stateless_packets_each_use_a_new_key_from_rfc3078_7_3)
{
	struct rc4 r = { EVP_CIPHER_CTX_new() }, ref = { EVP_CIPHER_CTX_new() };
	uint8_t session[16], hdr[2], msg[12], want[12];
	struct ppp_mppe m;
	int i;

	for (i = 0; i < 3; i++) {
		static const unsigned int bits[] = { 128, 40, 56 };
		static const size_t len[] = { 16, 8, 8 }, salt[] = { 0, 3, 1 };

		CHECK_EQ(ppp_mppe_init(&m, &ops, &r, NULL, start_key, bits[i], false), 0);
		memcpy(session, m.session_key, len[i]);
		rfc_key_change(start_key, session, len[i], salt[i]);
		memcpy(msg, "test message", 12);
		ppp_mppe_encrypt(&m, hdr, msg, sizeof(msg));
		/* Stateless: FLUSHED on every packet, and a key change first. */
		CHECK_EQ(hdr[0], PPP_MPPE_FLUSHED | PPP_MPPE_ENCRYPTED);
		CHECK_EQ(hdr[1], 0);
		CHECK_MEM(m.session_key, session, len[i]);
		t_setkey(&ref, session, len[i]);
		t_crypt(&ref, want, (const uint8_t *)"test message", 12);
		CHECK_MEM(msg, want, 12);
	}
	EVP_CIPHER_CTX_free(r.ctx);
	EVP_CIPHER_CTX_free(ref.ctx);
}

/*
 * @n packets from a sender to a receiver; @lose(i) says which are lost.
 * Returns how many arrived intact; a Reset-Request from the receiver
 * reaches the sender before its next packet.
 */
static int run(bool stateful, unsigned int bits, int n, bool (*lose)(int), int *resets)
{
	struct rc4 rs = { EVP_CIPHER_CTX_new() }, rr = { EVP_CIPHER_CTX_new() };
	struct ppp_mppe tx, rx;
	uint8_t hdr[2], pkt[256], orig[256];
	int i, good = 0;
	bool reset;

	*resets = 0;
	ppp_mppe_init(&tx, &ops, &rs, NULL, start_key, bits, stateful);
	ppp_mppe_init(&rx, &ops, &rr, NULL, start_key, bits, stateful);
	for (i = 0; i < n; i++) {
		size_t len = 3 + (size_t)(i * 37 % 200);

		orig[0] = 0x00;
		orig[1] = 0x21;
		for (size_t k = 2; k < len; k++)
			orig[k] = (uint8_t)(i + k);
		memcpy(pkt, orig, len);
		ppp_mppe_encrypt(&tx, hdr, pkt, len);
		if (lose(i))
			continue;
		if (ppp_mppe_decrypt(&rx, hdr, pkt, len, &reset) == 0) {
			if (memcmp(pkt, orig, len) == 0)
				good++;
		} else if (reset) {
			(*resets)++;
			ppp_mppe_reset(&tx);
		}
	}
	EVP_CIPHER_CTX_free(rs.ctx);
	EVP_CIPHER_CTX_free(rr.ctx);
	return good;
}

static bool lose_none(int i)
{
	return false;
}

static bool lose_some(int i)
{
	return i == 10 || i == 11 || i == 255 || (i >= 600 && i < 900) || i == 1500 || i % 97 == 5;
}

TEST(round_trips_in_both_modes_without_loss)
{
	static const unsigned int bits[] = { 40, 56, 128 };
	int i, resets;

	for (i = 0; i < 3; i++) {
		/* 5000 packets: the 12-bit count wraps. */
		CHECK_EQ(run(false, bits[i], 5000, lose_none, &resets), 5000);
		CHECK_EQ(run(true, bits[i], 5000, lose_none, &resets), 5000);
		CHECK_EQ(resets, 0);
	}
}

TEST(stateless_receiver_catches_up_after_losses)
{
	int lost = 0, i, resets;

	for (i = 0; i < 3000; i++)
		lost += lose_some(i);
	CHECK_EQ(run(false, 128, 3000, lose_some, &resets), 3000 - lost);
	CHECK_EQ(resets, 0);
}

TEST(stateful_receiver_resynchronises_through_reset_request_and_flushed)
{
	int lost = 0, good, i, resets;

	for (i = 0; i < 3000; i++)
		lost += lose_some(i);
	good = run(true, 128, 3000, lose_some, &resets);
	/* Each gap costs its Reset-Request and the packet that showed it. */
	CHECK(resets >= 5);
	CHECK_EQ(good, 3000 - lost - resets);
	good = run(true, 40, 3000, lose_some, &resets);
	CHECK_EQ(good, 3000 - lost - resets);
}

/* The FLUSHED answer to our Reset-Request lost too: the receiver asks again. */
TEST(stateful_receiver_asks_again_while_it_discards)
{
	struct rc4 rs = { EVP_CIPHER_CTX_new() }, rr = { EVP_CIPHER_CTX_new() };
	struct ppp_mppe tx, rx;
	uint8_t hdr[PPP_MPPE_HDRLEN], data[8];
	bool reset;
	int i, asked = 0;

	ppp_mppe_init(&tx, &ops, &rs, NULL, start_key, 128, true);
	ppp_mppe_init(&rx, &ops, &rr, NULL, start_key, 128, true);
	memset(data, 0x21, sizeof(data));
	ppp_mppe_encrypt(&tx, hdr, data, sizeof(data));	/* lost */
	for (i = 1; i <= 2 * PPP_MPPE_RESET_AGAIN + 1; i++) {
		memset(data, 0x21, sizeof(data));
		ppp_mppe_encrypt(&tx, hdr, data, sizeof(data));
		CHECK_EQ(ppp_mppe_decrypt(&rx, hdr, data, sizeof(data), &reset), -EAGAIN);
		asked += reset;
	}
	/* At the gap, then once per PPP_MPPE_RESET_AGAIN discarded. */
	CHECK_EQ(asked, 3);
	ppp_mppe_reset(&tx);
	memset(data, 0x21, sizeof(data));
	ppp_mppe_encrypt(&tx, hdr, data, sizeof(data));
	CHECK_EQ(ppp_mppe_decrypt(&rx, hdr, data, sizeof(data), &reset), 0);
	CHECK_EQ(data[0], 0x21);
	EVP_CIPHER_CTX_free(rs.ctx);
	EVP_CIPHER_CTX_free(rr.ctx);
}

TEST(headers_without_the_encrypted_or_flushed_bits_are_refused)
{
	struct rc4 r = { EVP_CIPHER_CTX_new() };
	struct ppp_mppe m;
	uint8_t data[4] = { 0, 0x21, 1, 2 };
	static const uint8_t plain[2] = { 0x00, 0x00 };
	static const uint8_t stateless_unflushed[2] = { PPP_MPPE_ENCRYPTED, 0x00 };
	static const uint8_t flag_unflushed[2] = { PPP_MPPE_ENCRYPTED, 0xff };
	bool reset;

	ppp_mppe_init(&m, &ops, &r, NULL, start_key, 128, false);
	CHECK_EQ(ppp_mppe_decrypt(&m, plain, data, 4, &reset), -EBADMSG);
	CHECK_EQ(ppp_mppe_decrypt(&m, stateless_unflushed, data, 4, &reset), -EBADMSG);
	ppp_mppe_init(&m, &ops, &r, NULL, start_key, 128, true);
	CHECK_EQ(ppp_mppe_decrypt(&m, flag_unflushed, data, 4, &reset), -EBADMSG);
	CHECK_EQ(m.stats.bad, 1);
	CHECK(!reset);
	EVP_CIPHER_CTX_free(r.ctx);
}

int main(void)
{
	OSSL_PROVIDER *def = OSSL_PROVIDER_load(NULL, "default");
	OSSL_PROVIDER *legacy = OSSL_PROVIDER_load(NULL, "legacy");
	int ret;

	if (!def || !legacy) {
		fprintf(stderr, "no legacy provider (RC4)\n");
		return 1;
	}
	rc4_alg = EVP_CIPHER_fetch(NULL, "RC4", NULL);
	if (!rc4_alg)
		return 1;
	RUN(rfc3079_initial_session_keys_and_first_stateful_packet);
	RUN(stateless_packets_each_use_a_new_key_from_rfc3078_7_3);
	RUN(round_trips_in_both_modes_without_loss);
	RUN(stateless_receiver_catches_up_after_losses);
	RUN(stateful_receiver_resynchronises_through_reset_request_and_flushed);
	RUN(stateful_receiver_asks_again_while_it_discards);
	RUN(headers_without_the_encrypted_or_flushed_bits_are_refused);
	EVP_CIPHER_free(rc4_alg);
	ret = test_summary();
	OSSL_PROVIDER_unload(legacy);
	OSSL_PROVIDER_unload(def);
	return ret;
}
