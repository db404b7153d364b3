// SPDX-License-Identifier: GPL-2.0
/*
 * One-line decoding of control packets for `debug`, in pppd's style:
 *   sent [LCP ConfReq id=0x1 <asyncmap 0x0> <magic 0x5e2f1a3c> <pcomp> <accomp>]
 * PAP passwords and CHAP values are never printed.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "libppp/auth.h"
#include "libppp/fsm.h"
#include "libppp/ipcp.h"
#include "libppp/lcp.h"
#include "libppp/ppp.h"

#include "dump.h"
#include "log.h"
#include "proto/proto.h"

struct out {
	char *buf;
	size_t size, len;
};

static void put(struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void put(struct out *o, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (o->len >= o->size)
		return;
	va_start(ap, fmt);
	n = vsnprintf(o->buf + o->len, o->size - o->len, fmt, ap);
	va_end(ap);
	if (n > 0)
		o->len += (size_t)n < o->size - o->len ? (size_t)n : o->size - o->len - 1;
}

static void put_text(struct out *o, const uint8_t *p, size_t n)
{
	size_t i;

	put(o, "\"");
	for (i = 0; i < n && i < 64; i++)
		put(o, "%c", p[i] >= 0x20 && p[i] < 0x7f && p[i] != '"' ? p[i] : '.');
	put(o, "%s\"", n > 64 ? "..." : "");
}

static void put_hex(struct out *o, const uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i < n && i < 32; i++)
		put(o, "%02x", p[i]);
	if (n > 32)
		put(o, "...");
}

static const char *code_abbrev(uint8_t code)
{
	static const char *const names[] = {
		[PPP_CONFREQ] = "ConfReq", [PPP_CONFACK] = "ConfAck",
		[PPP_CONFNAK] = "ConfNak", [PPP_CONFREJ] = "ConfRej",
		[PPP_TERMREQ] = "TermReq", [PPP_TERMACK] = "TermAck",
		[PPP_CODEREJ] = "CodeRej", [PPP_PROTREJ] = "ProtRej",
		[PPP_ECHOREQ] = "EchoReq", [PPP_ECHOREP] = "EchoRep",
		[PPP_DISCREQ] = "DiscReq",
	};

	return code < sizeof(names) / sizeof(names[0]) && names[code] ? names[code] : NULL;
}

static void put_ip(struct out *o, const char *label, const uint8_t *v)
{
	put(o, " <%s %u.%u.%u.%u>", label, v[0], v[1], v[2], v[3]);
}

static void lcp_option(struct out *o, uint8_t type, const uint8_t *v, size_t n)
{
	if (type == PPP_LCP_OPT_MRU && n == 2) {
		put(o, " <mru %u>", ppp_get_be16(v));
	} else if (type == PPP_LCP_OPT_ACCM && n == 4) {
		put(o, " <asyncmap 0x%x>", ppp_get_be32(v));
	} else if (type == PPP_LCP_OPT_AUTH && n >= 2) {
		uint16_t proto = ppp_get_be16(v);

		if (proto == PPP_PROTO_PAP)
			put(o, " <auth pap>");
		else if (proto == PPP_PROTO_CHAP && n == 3 && v[2] == PPP_CHAP_MD5)
			put(o, " <auth chap MD5>");
		else if (proto == PPP_PROTO_CHAP && n == 3 && v[2] == PPP_CHAP_MSCHAP)
			put(o, " <auth chap MS>");
		else if (proto == PPP_PROTO_CHAP && n == 3 && v[2] == PPP_CHAP_MSCHAP_V2)
			put(o, " <auth chap MS-v2>");
		else
			put(o, " <auth 0x%x>", proto);
	} else if (type == PPP_LCP_OPT_MAGIC && n == 4) {
		put(o, " <magic 0x%x>", ppp_get_be32(v));
	} else if (type == PPP_LCP_OPT_PFC && n == 0) {
		put(o, " <pcomp>");
	} else if (type == PPP_LCP_OPT_ACFC && n == 0) {
		put(o, " <accomp>");
	} else {
		put(o, " <opt %u ", type);
		put_hex(o, v, n);
		put(o, ">");
	}
}

static void ipcp_option(struct out *o, uint8_t type, const uint8_t *v, size_t n)
{
	if (n == 4 && type == PPP_IPCP_OPT_ADDR)
		put_ip(o, "addr", v);
	else if (n == 4 && type == PPP_IPCP_OPT_DNS1)
		put_ip(o, "ms-dns1", v);
	else if (n == 4 && type == PPP_IPCP_OPT_DNS2)
		put_ip(o, "ms-dns2", v);
	else if (n == 4 && type == PPP_IPCP_OPT_NBNS1)
		put_ip(o, "ms-wins1", v);
	else if (n == 4 && type == PPP_IPCP_OPT_NBNS2)
		put_ip(o, "ms-wins2", v);
	else if (n == 4 && type == PPP_IPCP_OPT_COMP && ppp_get_be16(v) == PPP_PROTO_VJC)
		put(o, " <compress VJ %02x %02x>", v[2], v[3]);	/* pppd's words */
	else if (n >= 2 && type == PPP_IPCP_OPT_COMP)
		put(o, " <compress 0x%x>", ppp_get_be16(v));
	else {
		put(o, " <opt %u ", type);
		put_hex(o, v, n);
		put(o, ">");
	}
}

static void ipv6cp_option(struct out *o, uint8_t type, const uint8_t *v, size_t n)
{
	if (type == 1 && n == 8)
		put(o, " <addr fe80::%02x%02x:%02x%02x:%02x%02x:%02x%02x>",
		    v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]);
	else {
		put(o, " <opt %u ", type);
		put_hex(o, v, n);
		put(o, ">");
	}
}

static void options(struct out *o, uint16_t proto, const uint8_t *p, size_t n)
{
	while (n >= 2) {
		uint8_t type = p[0], olen = p[1];

		if (olen < 2 || olen > n) {
			put(o, " <malformed ");
			put_hex(o, p, n);
			put(o, ">");
			return;
		}
		if (proto == PPP_PROTO_LCP)
			lcp_option(o, type, p + 2, olen - 2);
		else if (proto == PPP_PROTO_IPCP)
			ipcp_option(o, type, p + 2, olen - 2);
		else
			ipv6cp_option(o, type, p + 2, olen - 2);
		p += olen;
		n -= olen;
	}
}

static void describe_cp(struct out *o, uint16_t proto, uint8_t code,
			const uint8_t *d, size_t n)
{
	switch (code) {
	case PPP_CONFREQ:
	case PPP_CONFACK:
	case PPP_CONFNAK:
	case PPP_CONFREJ:
		options(o, proto, d, n);
		break;
	case PPP_TERMREQ:
	case PPP_TERMACK:
		if (n) {
			put(o, " ");
			put_text(o, d, n);
		}
		break;
	case PPP_PROTREJ:
		if (n >= 2)
			put(o, " proto=0x%x", ppp_get_be16(d));
		break;
	case PPP_ECHOREQ:
	case PPP_ECHOREP:
	case PPP_DISCREQ:
		if (n >= 4)
			put(o, " magic=0x%x", ppp_get_be32(d));
		break;
	}
}

static void describe_auth(struct out *o, uint16_t proto, uint8_t code,
			  const uint8_t *d, size_t n)
{
	if (proto == PPP_PROTO_PAP) {
		struct ppp_pap_req r;
		const uint8_t *msg;
		size_t mlen;

		if (code == PPP_PAP_REQ && ppp_pap_parse_req(d, n, &r) == 0) {
			put(o, " AuthReq user=");
			put_text(o, r.peer_id, r.peer_id_len);
			put(o, " password=<hidden>");
		} else if ((code == PPP_PAP_ACK || code == PPP_PAP_NAK) &&
			   ppp_pap_parse_msg(d, n, &msg, &mlen) == 0) {
			put(o, code == PPP_PAP_ACK ? " AuthAck " : " AuthNak ");
			put_text(o, msg, mlen);
		} else {
			put(o, " code=0x%x", code);
		}
		return;
	}
	if (code == PPP_CHAP_CHALLENGE || code == PPP_CHAP_RESPONSE) {
		struct ppp_chap_msg m;

		put(o, code == PPP_CHAP_CHALLENGE ? " Challenge" : " Response");
		if (ppp_chap_parse(d, n, &m) == 0) {
			put(o, " <%zu bytes> name=", m.value_len);
			put_text(o, m.name, m.name_len);
		}
	} else if (code == PPP_CHAP_SUCCESS || code == PPP_CHAP_FAILURE) {
		put(o, code == PPP_CHAP_SUCCESS ? " Success " : " Failure ");
		put_text(o, d, n);
	} else {
		put(o, " code=0x%x", code);
	}
}

void nl_describe_packet(uint16_t proto, const uint8_t *p, size_t len,
			char *buf, size_t bufsz)
{
	struct out o = { buf, bufsz, 0 };
	const char *name = ppp_proto_name(proto);
	uint16_t plen;

	buf[0] = 0;
	if (name)
		put(&o, "[%s", name);
	else
		put(&o, "[proto=0x%x", proto);
	if (len < PPP_CP_HDRLEN) {
		put(&o, " short packet]");
		return;
	}
	plen = ppp_get_be16(p + 2);
	if (plen < PPP_CP_HDRLEN || plen > len) {
		put(&o, " bad length %u]", plen);
		return;
	}
	if (proto == PPP_PROTO_PAP || proto == PPP_PROTO_CHAP) {
		describe_auth(&o, proto, p[0], p + 4, plen - 4);
		put(&o, " id=0x%x]", p[1]);
		return;
	}
	if (code_abbrev(p[0]))
		put(&o, " %s id=0x%x", code_abbrev(p[0]), p[1]);
	else
		put(&o, " code=0x%x id=0x%x", p[0], p[1]);
	describe_cp(&o, proto, p[0], p + 4, plen - 4);
	put(&o, "]");
}

void nl_dump_packet(const char *ifname, const char *dir, uint16_t proto,
		    const uint8_t *p, size_t len)
{
	const struct nl_proto *pr = nl_proto_find(proto);
	char line[512];

	if (pr && pr->describe)
		pr->describe(proto, p, len, line, sizeof(line));
	else
		nl_describe_packet(proto, p, len, line, sizeof(line));
	if (nl_log_debug_enabled())
		nl_log(LOG_DEBUG, "%s %s", dir, line);
	else
		nl_log(LOG_INFO, "%s: %s %s", ifname, dir, line);
}
