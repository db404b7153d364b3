// SPDX-License-Identifier: GPL-2.0
/*
 * MS-CHAP and MPPE key derivation against the RFCs' own examples:
 * RFC 2433 B.2 and B.3, RFC 2759 9.2 and 9.3, RFC 3079 2.5.3 and 3.5.
 */
#include <errno.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>

#include "mschap.h"
#include "test.h"

/* "User" / "clientPass" and the challenges of RFC 2759 9.2 (= RFC 3079 3.5). */
static const char user[] = "User";
static const uint8_t pass[] = "clientPass";
static const uint8_t auth_chal[16] = {
	0x5B, 0x5D, 0x7C, 0x7D, 0x7B, 0x3F, 0x2F, 0x3E,
	0x3C, 0x2C, 0x60, 0x21, 0x32, 0x26, 0x26, 0x28,
};
static const uint8_t peer_chal[16] = {
	0x21, 0x40, 0x23, 0x24, 0x25, 0x5E, 0x26, 0x2A,
	0x28, 0x29, 0x5F, 0x2B, 0x3A, 0x33, 0x7C, 0x7E,
};
static const uint8_t nt_resp_v2[24] = {
	0x82, 0x30, 0x9E, 0xCD, 0x8D, 0x70, 0x8B, 0x5E, 0xA0, 0x8F, 0xAA, 0x39,
	0x81, 0xCD, 0x83, 0x54, 0x42, 0x33, 0x11, 0x4A, 0x3D, 0x85, 0xD6, 0xDF,
};

static size_t plen(const uint8_t *p)
{
	return strlen((const char *)p);
}

TEST(rfc2433_b2_nt_password_hash_and_challenge_response)
{
	static const uint8_t pw[] = "MyPw";
	static const uint8_t chal[8] = { 0x10, 0x2D, 0xB5, 0xDF, 0x08, 0x5D, 0x30, 0x41 };
	static const uint8_t hash_want[16] = {
		0xFC, 0x15, 0x6A, 0xF7, 0xED, 0xCD, 0x6C, 0x0E,
		0xDD, 0xE3, 0x33, 0x7D, 0x42, 0x7F, 0x4E, 0xAC,
	};
	static const uint8_t resp_want[24] = {
		0x4E, 0x9D, 0x3C, 0x8F, 0x9C, 0xFD, 0x38, 0x5D, 0x5B, 0xF4, 0xD3, 0x24,
		0x67, 0x91, 0x95, 0x6C, 0xA4, 0xC3, 0x51, 0xAB, 0x40, 0x9A, 0x3D, 0x61,
	};
	uint8_t hash[16], resp[24];

	CHECK_EQ(nl_mschap_nt_hash(pw, plen(pw), hash), 0);
	CHECK_MEM(hash, hash_want, 16);
	CHECK_EQ(nl_mschap_v1_nt_response(chal, pw, plen(pw), resp), 0);
	CHECK_MEM(resp, resp_want, 24);
}

TEST(rfc2759_9_3_des_keys_get_odd_parity)
{
	static const uint8_t hash[14] = {
		0xFC, 0x15, 0x6A, 0xF7, 0xED, 0xCD, 0x6C,
		0x0E, 0xDD, 0xE3, 0x33, 0x7D, 0x42, 0x7F,
	};
	static const uint8_t k1[8] = { 0xFD, 0x0B, 0x5B, 0x5E, 0x7F, 0x6E, 0x34, 0xD9 };
	static const uint8_t k2[8] = { 0x0E, 0x6E, 0x79, 0x67, 0x37, 0xEA, 0x08, 0xFE };
	uint8_t out[8];

	nl_mschap_des_key(hash, out);
	CHECK_MEM(out, k1, 8);
	nl_mschap_des_key(hash + 7, out);
	CHECK_MEM(out, k2, 8);
}

TEST(rfc2759_9_2_challenge_hash_nt_response_and_authenticator_response)
{
	static const uint8_t chal_want[8] = { 0xD0, 0x2E, 0x43, 0x86, 0xBC, 0xE9, 0x12, 0x26 };
	static const uint8_t hash_want[16] = {
		0x44, 0xEB, 0xBA, 0x8D, 0x53, 0x12, 0xB8, 0xD6,
		0x11, 0x47, 0x44, 0x11, 0xF5, 0x69, 0x89, 0xAE,
	};
	uint8_t chal[8], hash[16], resp[24];
	char auth[NL_MSCHAP_AUTH_RESP_LEN + 1];

	CHECK_EQ(nl_mschap_v2_challenge_hash(peer_chal, auth_chal, user, 4, chal), 0);
	CHECK_MEM(chal, chal_want, 8);
	CHECK_EQ(nl_mschap_nt_hash(pass, plen(pass), hash), 0);
	CHECK_MEM(hash, hash_want, 16);
	CHECK_EQ(nl_mschap_v2_nt_response(auth_chal, peer_chal, user, 4, pass, plen(pass), resp), 0);
	CHECK_MEM(resp, nt_resp_v2, 24);
	CHECK_EQ(nl_mschap_v2_auth_response(pass, plen(pass), resp, peer_chal, auth_chal,
					    user, 4, auth), 0);
	CHECK(strcmp(auth, "S=407A5589115FD0D6209F510FE9C04566932CDA56") == 0);
	/* A wrong password gives another response. */
	CHECK_EQ(nl_mschap_v2_nt_response(auth_chal, peer_chal, user, 4,
					  (const uint8_t *)"clientPasS", 10, resp), 0);
	CHECK(memcmp(resp, nt_resp_v2, 24) != 0);
}

TEST(password_longer_than_256_characters_is_refused)
{
	uint8_t pw[257], hash[16];

	memset(pw, 'a', sizeof(pw));
	CHECK_EQ(nl_mschap_nt_hash(pw, sizeof(pw), hash), -EINVAL);
	CHECK_EQ(nl_mschap_nt_hash(pw, 256, hash), 0);
}

TEST(rfc3079_2_5_3_mschapv1_128_bit_key)
{
	static const uint8_t chal[8] = { 0x10, 0x2d, 0xb5, 0xdf, 0x08, 0x5d, 0x30, 0x41 };
	/* Step 4's copy of it (step 3 has a typo in byte 7). */
	static const uint8_t start_want[16] = {
		0xa8, 0x94, 0x78, 0x50, 0xcf, 0xc0, 0xac, 0xc1,
		0xd1, 0x78, 0x9f, 0xb6, 0x2d, 0xdc, 0xdd, 0xb0,
	};
	static const uint8_t key_want[16] = {
		0x59, 0xd1, 0x59, 0xbc, 0x09, 0xf7, 0x6f, 0x1d,
		0xa2, 0xa8, 0x6a, 0x28, 0xff, 0xec, 0x0b, 0x1e,
	};
	uint8_t start[16], cur[16];

	CHECK_EQ(nl_mppe_v1_start_key(pass, plen(pass), chal, start), 0);
	CHECK_MEM(start, start_want, 16);
	memcpy(cur, start, 16);
	CHECK_EQ(nl_mppe_next_key(start, cur, 16), 0);
	CHECK_MEM(cur, key_want, 16);
}

static bool rc4_matches(const uint8_t *key, size_t klen, const uint8_t *want, size_t n)
{
	const char msg[] = "test message";
	EVP_CIPHER *rc4 = EVP_CIPHER_fetch(NULL, "RC4", NULL);
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	uint8_t out[32];
	int len = 0;
	bool ok;

	ok = rc4 && ctx && EVP_EncryptInit_ex(ctx, rc4, NULL, NULL, NULL) &&
	     EVP_CIPHER_CTX_set_key_length(ctx, (int)klen) &&
	     EVP_EncryptInit_ex(ctx, NULL, NULL, key, NULL) &&
	     EVP_EncryptUpdate(ctx, out, &len, (const uint8_t *)msg, (int)strlen(msg)) &&
	     (size_t)len == n && memcmp(out, want, n) == 0;
	EVP_CIPHER_CTX_free(ctx);
	EVP_CIPHER_free(rc4);
	return ok;
}

TEST(rfc3079_3_5_mschapv2_keys_128_and_40_bit_and_their_rc4)
{
	static const uint8_t send_start_want[16] = {
		0x8B, 0x7C, 0xDC, 0x14, 0x9B, 0x99, 0x3A, 0x1B,
		0xA1, 0x18, 0xCB, 0x15, 0x3F, 0x56, 0xDC, 0xCB,
	};
	static const uint8_t send_key128_want[16] = {
		0x40, 0x5C, 0xB2, 0x24, 0x7A, 0x79, 0x56, 0xE6,
		0xE2, 0x11, 0x00, 0x7A, 0xE2, 0x7B, 0x22, 0xD4,
	};
	static const uint8_t rc4_128[12] = {
		0x81, 0x84, 0x83, 0x17, 0xDF, 0x68, 0x84, 0x62, 0x72, 0xFB, 0x5A, 0xBE,
	};
	/* 40 bits: the first 8 bytes, then 3079 3.1's salt 0xd1 0x26 0x9e. */
	static const uint8_t send_key40_want[8] = { 0xD1, 0x26, 0x9E, 0xC4, 0x9F, 0xA6, 0x2E, 0x3E };
	static const uint8_t rc4_40[12] = {
		0x92, 0x91, 0x37, 0x91, 0x7E, 0x58, 0x03, 0xD6, 0x68, 0xD7, 0x58, 0x98,
	};
	uint8_t send[16], recv[16], s_send[16], s_recv[16], cur[16];

	/* The RFC's example is the authenticator's send key (Magic3). */
	CHECK_EQ(nl_mppe_v2_start_keys(pass, plen(pass), nt_resp_v2, true, s_send, s_recv), 0);
	CHECK_MEM(s_send, send_start_want, 16);
	/* The client's keys are the server's, crossed. */
	CHECK_EQ(nl_mppe_v2_start_keys(pass, plen(pass), nt_resp_v2, false, send, recv), 0);
	CHECK_MEM(recv, s_send, 16);
	CHECK_MEM(send, s_recv, 16);
	CHECK(memcmp(send, recv, 16) != 0);
	memcpy(send, s_send, 16);

	memcpy(cur, send, 16);
	CHECK_EQ(nl_mppe_next_key(send, cur, 16), 0);
	CHECK_MEM(cur, send_key128_want, 16);
	CHECK(rc4_matches(cur, 16, rc4_128, sizeof(rc4_128)));

	memcpy(cur, send, 8);
	CHECK_EQ(nl_mppe_next_key(send, cur, 8), 0);
	cur[0] = 0xd1;
	cur[1] = 0x26;
	cur[2] = 0x9e;
	CHECK_MEM(cur, send_key40_want, 8);
	CHECK(rc4_matches(cur, 8, rc4_40, sizeof(rc4_40)));
}

int main(void)
{
	if (nl_mschap_crypto_init() < 0) {
		fprintf(stderr, "no legacy provider\n");
		return 1;
	}
	RUN(rfc2433_b2_nt_password_hash_and_challenge_response);
	RUN(rfc2759_9_3_des_keys_get_odd_parity);
	RUN(rfc2759_9_2_challenge_hash_nt_response_and_authenticator_response);
	RUN(password_longer_than_256_characters_is_refused);
	RUN(rfc3079_2_5_3_mschapv1_128_bit_key);
	RUN(rfc3079_3_5_mschapv2_keys_128_and_40_bit_and_their_rc4);
	return test_summary();
}
