/* SPDX-License-Identifier: GPL-2.0 */
/*
 * PAP (RFC 1334) and CHAP (RFC 1994) packet codecs. Parsers take the data
 * after the 4-byte code/id/length header (length already checked against the
 * frame) and return 0 or -EINVAL; pointers they return point into the input.
 * Builders write a whole packet (header included) and return its length, or
 * 0 if it does not fit in @cap or a field is longer than 255 bytes.
 */
#ifndef LIBPPP_AUTH_H
#define LIBPPP_AUTH_H

#include "compat.h"

enum ppp_pap_code { PPP_PAP_REQ = 1, PPP_PAP_ACK = 2, PPP_PAP_NAK = 3 };
enum ppp_chap_code {
	PPP_CHAP_CHALLENGE = 1,
	PPP_CHAP_RESPONSE = 2,
	PPP_CHAP_SUCCESS = 3,
	PPP_CHAP_FAILURE = 4,
};

struct ppp_pap_req {
	const uint8_t *peer_id;
	size_t peer_id_len;
	const uint8_t *passwd;
	size_t passwd_len;
};

int ppp_pap_parse_req(const uint8_t *p, size_t len, struct ppp_pap_req *r);
size_t ppp_pap_build_req(uint8_t *buf, size_t cap, uint8_t id,
			 const uint8_t *peer_id, size_t peer_id_len,
			 const uint8_t *passwd, size_t passwd_len);
/* Authenticate-Ack/Nak: a length-prefixed message. */
int ppp_pap_parse_msg(const uint8_t *p, size_t len, const uint8_t **msg,
		      size_t *msg_len);
size_t ppp_pap_build_msg(uint8_t *buf, size_t cap, uint8_t code, uint8_t id,
			 const uint8_t *msg, size_t msg_len);

/* Challenge and Response: Value-Size, Value, Name (the rest). */
struct ppp_chap_msg {
	const uint8_t *value;
	size_t value_len;
	const uint8_t *name;
	size_t name_len;
};

int ppp_chap_parse(const uint8_t *p, size_t len, struct ppp_chap_msg *m);
size_t ppp_chap_build(uint8_t *buf, size_t cap, uint8_t code, uint8_t id,
		      const uint8_t *value, size_t value_len,
		      const uint8_t *name, size_t name_len);
/* Success/Failure: the message is the whole data part. */
size_t ppp_chap_build_status(uint8_t *buf, size_t cap, uint8_t code,
			     uint8_t id, const uint8_t *msg, size_t msg_len);

#endif
