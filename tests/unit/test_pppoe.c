// SPDX-License-Identifier: GPL-2.0
/*
 * PPPoE discovery packets (libppp/pppoe.c): RFC 2516 appendix B's PADI and
 * PADO, every tag, what each code must carry, and hostile input (tags past
 * the end, duplicates, a huge Service-Name, wrong version, Ethernet
 * padding), plus the writer.
 */
#include <stdio.h>

#include "libppp/pppoe.h"
#include "test.h"

TEST(rfc2516_appendix_b_padi_and_pado)
{
	static const uint8_t padi[] = { 0x11, 0x09, 0, 0, 0, 4, 0x01, 0x01, 0, 0 };
	static const uint8_t pado[] = {
		0x11, 0x07, 0, 0, 0, 0x20, 0x01, 0x01, 0, 0, 0x01, 0x02, 0, 0x18,
		0x47, 0x6f, 0x20, 0x52, 0x65, 0x64, 0x42, 0x61, 0x63, 0x6b, 0x20, 0x2d,
		0x20, 0x65, 0x73, 0x68, 0x73, 0x68, 0x65, 0x73, 0x68, 0x6f, 0x6f, 0x74,
	};
	struct ppp_pppoe_disc d;

	CHECK_EQ(ppp_pppoe_parse(padi, sizeof(padi), &d), PPP_PPPOE_OK);
	CHECK_EQ(d.code, PPP_PADI);
	CHECK_EQ(d.services, 1);
	CHECK_EQ(d.service[0].len, 0);		/* any service */
	CHECK_EQ(ppp_pppoe_parse(pado, sizeof(pado), &d), PPP_PPPOE_OK);
	CHECK_EQ(d.code, PPP_PADO);
	CHECK(d.ac_name.present);
	CHECK_EQ(d.ac_name.len, 24);
	CHECK_MEM(d.ac_name.val, "Go RedBack - eshsheshoot", 24);
}

TEST(writer_and_parser_agree_on_every_tag)
{
	uint8_t buf[256];
	struct ppp_pppoe_writer w;
	struct ppp_pppoe_disc d;
	static const uint8_t mp[2] = { 0x05, 0xdc };
	static const uint8_t vendor[6] = { 0, 0, 0x0d, 0xe9, 1, 2 };
	size_t n;

	ppp_pppoe_begin(&w, buf, sizeof(buf), PPP_PADS, 0x1234);
	ppp_pppoe_put_tag(&w, PPP_TAG_SERVICE_NAME, "isp", 3);
	ppp_pppoe_put_tag(&w, PPP_TAG_AC_NAME, "ac1", 3);
	ppp_pppoe_put_tag(&w, PPP_TAG_HOST_UNIQ, "\x01\x02\x03\x04", 4);
	ppp_pppoe_put_tag(&w, PPP_TAG_AC_COOKIE, "cookie-16-bytes!", 16);
	ppp_pppoe_put_tag(&w, PPP_TAG_RELAY_ID, "relay", 5);
	ppp_pppoe_put_tag(&w, PPP_TAG_MAX_PAYLOAD, mp, 2);
	ppp_pppoe_put_tag(&w, PPP_TAG_VENDOR, vendor, sizeof(vendor));
	ppp_pppoe_put_tag(&w, 0x7777, "??", 2);		/* unknown: ignored */
	n = ppp_pppoe_end(&w);
	CHECK(n > 0);
	CHECK_EQ(ppp_get_be16(buf + 4), n - 6);
	CHECK_EQ(ppp_pppoe_parse(buf, n, &d), PPP_PPPOE_OK);
	CHECK_EQ(d.session, 0x1234);
	CHECK_MEM(d.service[0].val, "isp", 3);
	CHECK_EQ(d.host_uniq.len, 4);
	CHECK_EQ(d.cookie.len, 16);
	CHECK(d.relay_id.present);
	CHECK(d.has_max_payload);
	CHECK_EQ(d.max_payload, 1500);
	CHECK_EQ(d.vendors, 1);
	CHECK_EQ(d.unknown, 1);
	/* A writer that runs out of room says so. */
	ppp_pppoe_begin(&w, buf, 12, PPP_PADI, 0);
	ppp_pppoe_put_tag(&w, PPP_TAG_SERVICE_NAME, "toolong", 7);
	CHECK_EQ(ppp_pppoe_end(&w), 0);
}

TEST(each_code_must_carry_its_tags_and_session_id)
{
	uint8_t buf[128];
	struct ppp_pppoe_writer w;
	struct ppp_pppoe_disc d;
	size_t n;

	/* PADI without a Service-Name, or with two. */
	ppp_pppoe_begin(&w, buf, sizeof(buf), PPP_PADI, 0);
	n = ppp_pppoe_end(&w);
	CHECK_EQ(ppp_pppoe_parse(buf, n, &d), PPP_PPPOE_ERR_MISSING);
	ppp_pppoe_begin(&w, buf, sizeof(buf), PPP_PADR, 0);
	ppp_pppoe_put_tag(&w, PPP_TAG_SERVICE_NAME, "a", 1);
	ppp_pppoe_put_tag(&w, PPP_TAG_SERVICE_NAME, "b", 1);
	n = ppp_pppoe_end(&w);
	CHECK_EQ(ppp_pppoe_parse(buf, n, &d), PPP_PPPOE_ERR_DUPLICATE);
	/* A PADO may offer several services, but needs an AC-Name. */
	ppp_pppoe_begin(&w, buf, sizeof(buf), PPP_PADO, 0);
	ppp_pppoe_put_tag(&w, PPP_TAG_SERVICE_NAME, "a", 1);
	ppp_pppoe_put_tag(&w, PPP_TAG_SERVICE_NAME, "b", 1);
	n = ppp_pppoe_end(&w);
	CHECK_EQ(ppp_pppoe_parse(buf, n, &d), PPP_PPPOE_ERR_MISSING);
	ppp_pppoe_begin(&w, buf, sizeof(buf), PPP_PADO, 0);
	ppp_pppoe_put_tag(&w, PPP_TAG_SERVICE_NAME, "a", 1);
	ppp_pppoe_put_tag(&w, PPP_TAG_SERVICE_NAME, "b", 1);
	ppp_pppoe_put_tag(&w, PPP_TAG_AC_NAME, "x", 1);
	n = ppp_pppoe_end(&w);
	CHECK_EQ(ppp_pppoe_parse(buf, n, &d), PPP_PPPOE_OK);
	CHECK_EQ(d.services, 2);
	/* Session ids: none in PADI/PADO/PADR, one in PADS and PADT. */
	ppp_pppoe_begin(&w, buf, sizeof(buf), PPP_PADI, 7);
	ppp_pppoe_put_tag(&w, PPP_TAG_SERVICE_NAME, "", 0);
	n = ppp_pppoe_end(&w);
	CHECK_EQ(ppp_pppoe_parse(buf, n, &d), PPP_PPPOE_ERR_SESSION);
	ppp_pppoe_begin(&w, buf, sizeof(buf), PPP_PADT, 0);
	n = ppp_pppoe_end(&w);
	CHECK_EQ(ppp_pppoe_parse(buf, n, &d), PPP_PPPOE_ERR_SESSION);
	ppp_pppoe_begin(&w, buf, sizeof(buf), PPP_PADS, 0);
	ppp_pppoe_put_tag(&w, PPP_TAG_SERVICE_NAME, "a", 1);
	n = ppp_pppoe_end(&w);
	CHECK_EQ(ppp_pppoe_parse(buf, n, &d), PPP_PPPOE_ERR_SESSION);
	/* ... unless it refuses: an error tag and session 0. */
	ppp_pppoe_begin(&w, buf, sizeof(buf), PPP_PADS, 0);
	ppp_pppoe_put_tag(&w, PPP_TAG_SERVICE_ERROR, "no such service", 15);
	n = ppp_pppoe_end(&w);
	CHECK_EQ(ppp_pppoe_parse(buf, n, &d), PPP_PPPOE_OK);
	CHECK(d.service_error.present);
}

TEST(hostile_discovery_packets_are_refused_with_a_reason)
{
	static const uint8_t past_end[] = { 0x11, 0x09, 0, 0, 0, 8, 0x01, 0x01, 0, 9, 'a', 'b', 'c', 'd' };
	static const uint8_t short_hdr[] = { 0x11, 0x09, 0, 0 };
	static const uint8_t long_len[] = { 0x11, 0x09, 0, 0, 0, 40, 0x01, 0x01, 0, 0 };
	static const uint8_t version2[] = { 0x21, 0x09, 0, 0, 0, 4, 0x01, 0x01, 0, 0 };
	static const uint8_t session_code[] = { 0x11, 0x00, 0x12, 0x34, 0, 2, 0xc0, 0x21 };
	static const uint8_t half_tag[] = { 0x11, 0x09, 0, 0, 0, 6, 0x01, 0x01, 0, 0, 0x01, 0x03 };
	static const uint8_t dup_cookie[] = {
		0x11, 0x19, 0, 0, 0, 16, 0x01, 0x01, 0, 0, 0x01, 0x04, 0, 2, 1, 2,
		0x01, 0x04, 0, 2, 3, 4,
	};
	static const uint8_t bad_mp[] = { 0x11, 0x09, 0, 0, 0, 11, 0x01, 0x01, 0, 0, 0x01, 0x20, 0, 3, 1, 2, 3 };
	/* Ethernet pads short frames: bytes after the length are not tags. */
	static const uint8_t padded[] = { 0x11, 0x09, 0, 0, 0, 4, 0x01, 0x01, 0, 0, 0xff, 0xff, 0xff, 0xff };
	/* End-Of-List ends the list. */
	static const uint8_t eol[] = { 0x11, 0x09, 0, 0, 0, 12, 0x01, 0x01, 0, 0, 0, 0, 0, 0, 0x01, 0x01, 0, 0 };
	uint8_t huge[1600], name[1480];
	struct ppp_pppoe_writer w;
	struct ppp_pppoe_disc d;
	size_t n;

	CHECK_EQ(ppp_pppoe_parse(past_end, sizeof(past_end), &d), PPP_PPPOE_ERR_TAG);
	CHECK_EQ(ppp_pppoe_parse(short_hdr, sizeof(short_hdr), &d), PPP_PPPOE_ERR_SHORT);
	CHECK_EQ(ppp_pppoe_parse(long_len, sizeof(long_len), &d), PPP_PPPOE_ERR_SHORT);
	CHECK_EQ(ppp_pppoe_parse(version2, sizeof(version2), &d), PPP_PPPOE_ERR_VERSION);
	CHECK_EQ(ppp_pppoe_parse(session_code, sizeof(session_code), &d), PPP_PPPOE_ERR_CODE);
	CHECK_EQ(ppp_pppoe_parse(half_tag, sizeof(half_tag), &d), PPP_PPPOE_ERR_TAG);
	CHECK_EQ(ppp_pppoe_parse(dup_cookie, sizeof(dup_cookie), &d), PPP_PPPOE_ERR_DUPLICATE);
	CHECK_EQ(ppp_pppoe_parse(bad_mp, sizeof(bad_mp), &d), PPP_PPPOE_ERR_SIZE);
	CHECK_EQ(ppp_pppoe_parse(padded, sizeof(padded), &d), PPP_PPPOE_OK);
	CHECK_EQ(ppp_pppoe_parse(eol, sizeof(eol), &d), PPP_PPPOE_OK);
	CHECK_EQ(d.services, 1);
	/* A PADI over 1484 bytes (a huge Service-Name). */
	memset(name, 'x', sizeof(name));
	ppp_pppoe_begin(&w, huge, sizeof(huge), PPP_PADI, 0);
	ppp_pppoe_put_tag(&w, PPP_TAG_SERVICE_NAME, name, sizeof(name));
	n = ppp_pppoe_end(&w);
	CHECK_EQ(ppp_pppoe_parse(huge, n, &d), PPP_PPPOE_ERR_SIZE);
	CHECK(strcmp(ppp_pppoe_err_name(PPP_PPPOE_ERR_SIZE), "?") != 0);
	CHECK(!strcmp(ppp_pppoe_code_name(PPP_PADT), "PADT"));
}

int main(void)
{
	RUN(rfc2516_appendix_b_padi_and_pado);
	RUN(writer_and_parser_agree_on_every_tag);
	RUN(each_code_must_carry_its_tags_and_session_id);
	RUN(hostile_discovery_packets_are_refused_with_a_reason);
	return test_summary();
}
