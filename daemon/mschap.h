/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The computations of Microsoft CHAP: MS-CHAPv1 (RFC 2433), MS-CHAPv2
 * (RFC 2759) and the MPPE keys both yield (RFC 3079). MD4, single DES and
 * RC4 come from OpenSSL's legacy provider, loaded explicitly by
 * nl_mschap_crypto_init(); SHA-1 from its default provider.
 *
 * Passwords are taken as bytes and widened to UTF-16LE one byte per
 * character, as pppd does, so that the same secrets work on both. Every
 * buffer that held a secret or a key is cleared before return.
 */
#ifndef NLPPPD_MSCHAP_H
#define NLPPPD_MSCHAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum {
	NL_MSCHAP_V1_CHAL_LEN = 8,
	NL_MSCHAP_V2_CHAL_LEN = 16,
	NL_MSCHAP_RESP_LEN = 49,	/* the Response's Value, both versions */
	NL_MSCHAP_NT_LEN = 24,
	NL_MSCHAP_HASH_LEN = 16,
	NL_MSCHAP_AUTH_RESP_LEN = 42,	/* "S=" and 40 hex digits */
	NL_MSCHAP_PW_MAX = 256,		/* characters */
	NL_MPPE_KEY_LEN = 16,
};

struct evp_md_st;

/*
 * One digest of @md over up to four pieces (a NULL piece ends the list),
 * its first @want bytes into @out; intermediate copies are cleared. 0,
 * -ENOMEM or -EIO.
 */
int nl_digest(const struct evp_md_st *md, uint8_t *out, unsigned int want,
	      const void *a, size_t al, const void *b, size_t bl,
	      const void *c, size_t cl, const void *d, size_t dl);

/* Load the providers once; 0, or -ENOTSUP (one line logged) if unavailable. */
int nl_mschap_crypto_init(void);

/* MD4 of the password as UTF-16LE (RFC 2759 8.3). */
int nl_mschap_nt_hash(const uint8_t *pw, size_t pw_len, uint8_t hash[NL_MSCHAP_HASH_LEN]);

/* Three DES encryptions of @chal under the hash padded to 21 bytes (8.5). */
int nl_mschap_challenge_response(const uint8_t chal[8], const uint8_t hash[NL_MSCHAP_HASH_LEN],
				 uint8_t resp[NL_MSCHAP_NT_LEN]);

/* MS-CHAPv1's NT-Response to an 8-byte challenge (RFC 2433 A.5). */
int nl_mschap_v1_nt_response(const uint8_t chal[8], const uint8_t *pw, size_t pw_len,
			     uint8_t resp[NL_MSCHAP_NT_LEN]);

/*
 * MS-CHAPv2 (RFC 2759 8.1, 8.2): @user is the name without any domain
 * ("DOMAIN\" prefix removed by the caller).
 */
int nl_mschap_v2_challenge_hash(const uint8_t peer_chal[16], const uint8_t auth_chal[16],
				const char *user, size_t user_len, uint8_t out[8]);
int nl_mschap_v2_nt_response(const uint8_t auth_chal[16], const uint8_t peer_chal[16],
			     const char *user, size_t user_len, const uint8_t *pw,
			     size_t pw_len, uint8_t resp[NL_MSCHAP_NT_LEN]);
/* "S=" and 40 upper-case hex digits, NUL-terminated (8.7). */
int nl_mschap_v2_auth_response(const uint8_t *pw, size_t pw_len,
			       const uint8_t nt_resp[NL_MSCHAP_NT_LEN],
			       const uint8_t peer_chal[16], const uint8_t auth_chal[16],
			       const char *user, size_t user_len,
			       char out[NL_MSCHAP_AUTH_RESP_LEN + 1]);

/* 8-byte DES key from 7 bytes, with odd parity (RFC 2759 9.3). */
void nl_mschap_des_key(const uint8_t in[7], uint8_t out[8]);

/*
 * MPPE start keys. MS-CHAPv1 (RFC 3079 2.4): one key for both directions
 * from the authenticator's challenge. MS-CHAPv2 (3.4): a send and a receive
 * key, mirrored between @server and client.
 */
int nl_mppe_v1_start_key(const uint8_t *pw, size_t pw_len, const uint8_t chal[8],
			 uint8_t key[NL_MPPE_KEY_LEN]);
int nl_mppe_v2_start_keys(const uint8_t *pw, size_t pw_len,
			  const uint8_t nt_resp[NL_MSCHAP_NT_LEN], bool server,
			  uint8_t send[NL_MPPE_KEY_LEN], uint8_t recv[NL_MPPE_KEY_LEN]);

/* RFC 3079's GetNewKeyFromSHA (GetKey): the next key from the start key. */
int nl_mppe_next_key(const uint8_t *start, uint8_t *cur, size_t len);

#endif
