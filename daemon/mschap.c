// SPDX-License-Identifier: GPL-2.0
/* Microsoft CHAP and MPPE key computations (see mschap.h). */
#include <errno.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/provider.h>
#include <stdio.h>
#include <string.h>

#include "log.h"
#include "mschap.h"

static EVP_MD *md4;
static EVP_CIPHER *des_ecb;
static int crypto_state;	/* 0 untried, 1 ready, -1 unavailable */

int nl_mschap_crypto_init(void)
{
	if (crypto_state)
		return crypto_state > 0 ? 0 : -ENOTSUP;
	/*
	 * MD4 and single DES live in the legacy provider. Loading any
	 * provider by hand stops OpenSSL from loading the default one by
	 * itself, so both are loaded (and stay loaded for the process).
	 */
	if (!OSSL_PROVIDER_load(NULL, "default") || !OSSL_PROVIDER_load(NULL, "legacy")) {
		nl_err("MS-CHAP: OpenSSL's legacy provider (MD4, DES) cannot be loaded");
		crypto_state = -1;
		return -ENOTSUP;
	}
	md4 = EVP_MD_fetch(NULL, "MD4", NULL);
	des_ecb = EVP_CIPHER_fetch(NULL, "DES-ECB", NULL);
	if (!md4 || !des_ecb) {
		nl_err("MS-CHAP: OpenSSL offers no %s", md4 ? "DES-ECB" : "MD4");
		crypto_state = -1;
		return -ENOTSUP;
	}
	crypto_state = 1;
	return 0;
}

int nl_digest(const EVP_MD *md, uint8_t *out, unsigned int want,
		  const void *a, size_t al, const void *b, size_t bl,
		  const void *c, size_t cl, const void *d, size_t dl)
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	uint8_t buf[EVP_MAX_MD_SIZE];
	unsigned int n = 0;
	int ok;

	if (!ctx)
		return -ENOMEM;
	ok = EVP_DigestInit_ex(ctx, md, NULL) &&
	     (!a || EVP_DigestUpdate(ctx, a, al)) &&
	     (!b || EVP_DigestUpdate(ctx, b, bl)) &&
	     (!c || EVP_DigestUpdate(ctx, c, cl)) &&
	     (!d || EVP_DigestUpdate(ctx, d, dl)) &&
	     EVP_DigestFinal_ex(ctx, buf, &n);
	EVP_MD_CTX_free(ctx);
	if (!ok || n < want) {
		OPENSSL_cleanse(buf, sizeof(buf));
		return -EIO;
	}
	memcpy(out, buf, want);
	OPENSSL_cleanse(buf, sizeof(buf));
	return 0;
}

static int md4_of(const void *p, size_t len, uint8_t out[16])
{
	if (nl_mschap_crypto_init() < 0)
		return -ENOTSUP;
	return nl_digest(md4, out, 16, p, len, NULL, 0, NULL, 0, NULL, 0);
}

int nl_mschap_nt_hash(const uint8_t *pw, size_t pw_len, uint8_t hash[NL_MSCHAP_HASH_LEN])
{
	uint8_t wide[2 * NL_MSCHAP_PW_MAX];
	size_t i;
	int err;

	if (pw_len > NL_MSCHAP_PW_MAX)
		return -EINVAL;
	for (i = 0; i < pw_len; i++) {
		wide[2 * i] = pw[i];
		wide[2 * i + 1] = 0;
	}
	err = md4_of(wide, 2 * pw_len, hash);
	OPENSSL_cleanse(wide, sizeof(wide));
	return err;
}

void nl_mschap_des_key(const uint8_t in[7], uint8_t out[8])
{
	int i;

	out[0] = in[0];
	for (i = 1; i < 7; i++)
		out[i] = (uint8_t)(in[i - 1] << (8 - i)) | (uint8_t)(in[i] >> i);
	out[7] = (uint8_t)(in[6] << 1);
	for (i = 0; i < 8; i++) {
		uint8_t b = out[i] & 0xfe;

		/* Odd parity in the low bit. */
		out[i] = b | !(__builtin_popcount(b) & 1);
	}
}

static int des_encrypt(const uint8_t key7[7], const uint8_t clear[8], uint8_t out[8])
{
	EVP_CIPHER_CTX *ctx;
	uint8_t key[8];
	int n = 0, ok;

	if (nl_mschap_crypto_init() < 0)
		return -ENOTSUP;
	ctx = EVP_CIPHER_CTX_new();
	if (!ctx)
		return -ENOMEM;
	nl_mschap_des_key(key7, key);
	ok = EVP_EncryptInit_ex(ctx, des_ecb, NULL, key, NULL) &&
	     EVP_CIPHER_CTX_set_padding(ctx, 0) &&
	     EVP_EncryptUpdate(ctx, out, &n, clear, 8) && n == 8;
	EVP_CIPHER_CTX_free(ctx);
	OPENSSL_cleanse(key, sizeof(key));
	return ok ? 0 : -EIO;
}

int nl_mschap_challenge_response(const uint8_t chal[8], const uint8_t hash[NL_MSCHAP_HASH_LEN],
				 uint8_t resp[NL_MSCHAP_NT_LEN])
{
	uint8_t z[21] = { 0 };
	int err;

	memcpy(z, hash, NL_MSCHAP_HASH_LEN);
	err = des_encrypt(z, chal, resp);
	if (!err)
		err = des_encrypt(z + 7, chal, resp + 8);
	if (!err)
		err = des_encrypt(z + 14, chal, resp + 16);
	OPENSSL_cleanse(z, sizeof(z));
	return err;
}

int nl_mschap_v1_nt_response(const uint8_t chal[8], const uint8_t *pw, size_t pw_len,
			     uint8_t resp[NL_MSCHAP_NT_LEN])
{
	uint8_t hash[NL_MSCHAP_HASH_LEN];
	int err = nl_mschap_nt_hash(pw, pw_len, hash);

	if (!err)
		err = nl_mschap_challenge_response(chal, hash, resp);
	OPENSSL_cleanse(hash, sizeof(hash));
	return err;
}

int nl_mschap_v2_challenge_hash(const uint8_t peer_chal[16], const uint8_t auth_chal[16],
				const char *user, size_t user_len, uint8_t out[8])
{
	return nl_digest(EVP_sha1(), out, 8, peer_chal, 16, auth_chal, 16,
		      user_len ? user : NULL, user_len, NULL, 0);
}

int nl_mschap_v2_nt_response(const uint8_t auth_chal[16], const uint8_t peer_chal[16],
			     const char *user, size_t user_len, const uint8_t *pw,
			     size_t pw_len, uint8_t resp[NL_MSCHAP_NT_LEN])
{
	uint8_t chal[8];
	int err = nl_mschap_v2_challenge_hash(peer_chal, auth_chal, user, user_len, chal);

	if (!err)
		err = nl_mschap_v1_nt_response(chal, pw, pw_len, resp);
	return err;
}

/* RFC 2759 8.7's two constants, as the text they spell. */
static const char magic_sign[] = "Magic server to client signing constant";
static const char magic_pad[] = "Pad to make it do more than one iteration";

int nl_mschap_v2_auth_response(const uint8_t *pw, size_t pw_len,
			       const uint8_t nt_resp[NL_MSCHAP_NT_LEN],
			       const uint8_t peer_chal[16], const uint8_t auth_chal[16],
			       const char *user, size_t user_len,
			       char out[NL_MSCHAP_AUTH_RESP_LEN + 1])
{
	uint8_t hash[16], hashhash[16], digest1[20], chal[8];
	int err, i;

	err = nl_mschap_nt_hash(pw, pw_len, hash);
	if (!err)
		err = md4_of(hash, sizeof(hash), hashhash);
	if (!err)
		err = nl_digest(EVP_sha1(), digest1, 20, hashhash, 16, nt_resp, NL_MSCHAP_NT_LEN,
			     magic_sign, sizeof(magic_sign) - 1, NULL, 0);
	if (!err)
		err = nl_mschap_v2_challenge_hash(peer_chal, auth_chal, user, user_len, chal);
	if (!err)
		err = nl_digest(EVP_sha1(), digest1, 20, digest1, 20, chal, 8,
			     magic_pad, sizeof(magic_pad) - 1, NULL, 0);
	if (!err) {
		out[0] = 'S';
		out[1] = '=';
		for (i = 0; i < 20; i++)
			snprintf(out + 2 + 2 * i, 3, "%02X", digest1[i]);
	}
	OPENSSL_cleanse(hash, sizeof(hash));
	OPENSSL_cleanse(hashhash, sizeof(hashhash));
	OPENSSL_cleanse(digest1, sizeof(digest1));
	return err;
}

/* --- MPPE keys (RFC 3079) ---------------------------------------------------- */

static const uint8_t sha_pad1[40];
static const uint8_t sha_pad2[40] = {
	0xf2, 0xf2, 0xf2, 0xf2, 0xf2, 0xf2, 0xf2, 0xf2, 0xf2, 0xf2,
	0xf2, 0xf2, 0xf2, 0xf2, 0xf2, 0xf2, 0xf2, 0xf2, 0xf2, 0xf2,
	0xf2, 0xf2, 0xf2, 0xf2, 0xf2, 0xf2, 0xf2, 0xf2, 0xf2, 0xf2,
	0xf2, 0xf2, 0xf2, 0xf2, 0xf2, 0xf2, 0xf2, 0xf2, 0xf2, 0xf2,
};
static const char magic_master[] = "This is the MPPE Master Key";
static const char magic_client_send[] =
	"On the client side, this is the send key; on the server side, it is the receive key.";
static const char magic_client_recv[] =
	"On the client side, this is the receive key; on the server side, it is the send key.";

static int password_hash_hash(const uint8_t *pw, size_t pw_len, uint8_t out[16])
{
	uint8_t hash[16];
	int err = nl_mschap_nt_hash(pw, pw_len, hash);

	if (!err)
		err = md4_of(hash, sizeof(hash), out);
	OPENSSL_cleanse(hash, sizeof(hash));
	return err;
}

int nl_mppe_next_key(const uint8_t *start, uint8_t *cur, size_t len)
{
	if (len > 16)
		return -EINVAL;
	return nl_digest(EVP_sha1(), cur, (unsigned int)len, start, len, sha_pad1, 40,
		      cur, len, sha_pad2, 40);
}

int nl_mppe_v1_start_key(const uint8_t *pw, size_t pw_len, const uint8_t chal[8],
			 uint8_t key[NL_MPPE_KEY_LEN])
{
	uint8_t hh[16];
	int err = password_hash_hash(pw, pw_len, hh);

	if (!err)
		err = nl_digest(EVP_sha1(), key, NL_MPPE_KEY_LEN, hh, 16, hh, 16, chal, 8, NULL, 0);
	OPENSSL_cleanse(hh, sizeof(hh));
	return err;
}

int nl_mppe_v2_start_keys(const uint8_t *pw, size_t pw_len,
			  const uint8_t nt_resp[NL_MSCHAP_NT_LEN], bool server,
			  uint8_t send[NL_MPPE_KEY_LEN], uint8_t recv[NL_MPPE_KEY_LEN])
{
	const char *s_send = server ? magic_client_recv : magic_client_send;
	const char *s_recv = server ? magic_client_send : magic_client_recv;
	uint8_t hh[16], master[16];
	int err = password_hash_hash(pw, pw_len, hh);

	if (!err)
		err = nl_digest(EVP_sha1(), master, 16, hh, 16, nt_resp, NL_MSCHAP_NT_LEN,
			     magic_master, sizeof(magic_master) - 1, NULL, 0);
	if (!err)
		err = nl_digest(EVP_sha1(), send, NL_MPPE_KEY_LEN, master, 16, sha_pad1, 40,
			     s_send, 84, sha_pad2, 40);
	if (!err)
		err = nl_digest(EVP_sha1(), recv, NL_MPPE_KEY_LEN, master, 16, sha_pad1, 40,
			     s_recv, 84, sha_pad2, 40);
	OPENSSL_cleanse(hh, sizeof(hh));
	OPENSSL_cleanse(master, sizeof(master));
	return err;
}
