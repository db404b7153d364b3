// SPDX-License-Identifier: GPL-2.0
/* Configuration-option lists (libppp/options.c): walking, Ack/Reject checks, replies. */
#include "test.h"
#include "libppp/options.h"
#include "libppp/ppp.h"

/* MRU 1500, ACCM 0, PFC: the shape of a typical LCP request. */
static const uint8_t req3[] = {
	1, 4, 0x05, 0xdc,
	2, 6, 0, 0, 0, 0,
	7, 2,
};

/* --- Walking a list ------------------------------------------------------ */

TEST(opt_next_walks_each_option_then_reports_the_end)
{
	size_t off = 0;
	const uint8_t *o;
	uint8_t olen;

	CHECK_EQ(ppp_opt_next(req3, sizeof(req3), &off, &o, &olen), 1);
	CHECK(o == req3);
	CHECK_EQ(olen, 4);
	CHECK_EQ(ppp_opt_next(req3, sizeof(req3), &off, &o, &olen), 1);
	CHECK(o == req3 + 4);
	CHECK_EQ(olen, 6);
	CHECK_EQ(ppp_opt_next(req3, sizeof(req3), &off, &o, &olen), 1);
	CHECK(o == req3 + 10);
	CHECK_EQ(olen, 2);
	CHECK_EQ(off, sizeof(req3));
	CHECK_EQ(ppp_opt_next(req3, sizeof(req3), &off, &o, &olen), 0);
	CHECK_EQ(ppp_opt_next(req3, sizeof(req3), &off, &o, &olen), 0);
}

TEST(opt_next_on_an_empty_list_is_the_end)
{
	size_t off = 0;
	const uint8_t *o;
	uint8_t olen;

	CHECK_EQ(ppp_opt_next(NULL, 0, &off, &o, &olen), 0);
	CHECK_EQ(off, 0);
}

/* Each is malformed at its last option; the good ones before it still walk. */
static const struct {
	const char *what;
	uint8_t len, good;
	uint8_t p[8];
} malformed[] = {
	{ "length 0", 2, 0, { 1, 0 } },
	{ "length 1", 2, 0, { 1, 1 } },
	{ "a lone type byte", 1, 0, { 1 } },
	{ "length past the end", 4, 0, { 1, 6, 0, 0 } },
	{ "one byte past the end", 5, 0, { 1, 6, 0, 0, 0 } },
	{ "a good option then a lone byte", 3, 1, { 7, 2, 8 } },
	{ "a good option then length 0", 4, 1, { 7, 2, 8, 0 } },
	{ "a good option then overrun", 6, 1, { 1, 4, 5, 0xdc, 3, 5 } },
};

TEST(opt_next_refuses_every_malformed_list_with_einval)
{
	size_t i;

	for (i = 0; i < sizeof(malformed) / sizeof(malformed[0]); i++) {
		size_t off = 0, good = 0;
		const uint8_t *o;
		uint8_t olen;
		int r;

		while ((r = ppp_opt_next(malformed[i].p, malformed[i].len,
					 &off, &o, &olen)) > 0)
			good++;
		if (r != -EINVAL || good != malformed[i].good)
			fprintf(stderr, "  case: %s\n", malformed[i].what);
		CHECK_EQ(r, -EINVAL);
		CHECK_EQ(good, malformed[i].good);
	}
}

/* --- Writing options ----------------------------------------------------- */

TEST(opt_put_writes_type_length_and_big_endian_value)
{
	uint8_t b[8];
	static const uint8_t v[] = { 7, 2 };
	static const uint8_t v16[] = { 1, 4, 0x05, 0xdc };
	static const uint8_t v32[] = { 5, 6, 0x12, 0x34, 0x56, 0x78 };

	CHECK_EQ(ppp_opt_put_void(b, 7), 2);
	CHECK_MEM(b, v, sizeof(v));
	CHECK_EQ(ppp_opt_put16(b, 1, 1500), 4);
	CHECK_MEM(b, v16, sizeof(v16));
	CHECK_EQ(ppp_opt_put32(b, 5, 0x12345678), 6);
	CHECK_MEM(b, v32, sizeof(v32));
}

TEST(opt_copy_takes_only_whole_options_that_fit)
{
	uint8_t b[16];

	memset(b, 0xee, sizeof(b));
	CHECK_EQ(ppp_opt_copy(b, sizeof(b), req3, sizeof(req3)), sizeof(req3));
	CHECK_MEM(b, req3, sizeof(req3));

	memset(b, 0xee, sizeof(b));
	CHECK_EQ(ppp_opt_copy(b, 11, req3, sizeof(req3)), 10);
	CHECK_MEM(b, req3, 10);
	CHECK_EQ(b[10], 0xee);

	CHECK_EQ(ppp_opt_copy(b, 9, req3, sizeof(req3)), 4);
	CHECK_EQ(ppp_opt_copy(b, 3, req3, sizeof(req3)), 0);
	CHECK_EQ(ppp_opt_copy(b, 0, req3, sizeof(req3)), 0);
	CHECK_EQ(ppp_opt_copy(b, sizeof(b), req3, 0), 0);
}

/* --- Checking the peer's Ack and Reject ---------------------------------- */

TEST(opt_ack_must_echo_the_request_exactly)
{
	uint8_t p[sizeof(req3)];

	memcpy(p, req3, sizeof(p));
	CHECK_EQ(ppp_opt_check_ack(p, sizeof(p), req3, sizeof(req3)), 0);
	CHECK_EQ(ppp_opt_check_ack(p, 10, req3, sizeof(req3)), -EINVAL);
	CHECK_EQ(ppp_opt_check_ack(p, 0, req3, sizeof(req3)), -EINVAL);
	CHECK_EQ(ppp_opt_check_ack(p, sizeof(p), req3, 0), -EINVAL);
	CHECK_EQ(ppp_opt_check_ack(NULL, 0, req3, 0), 0);
	p[3] ^= 1;
	CHECK_EQ(ppp_opt_check_ack(p, sizeof(p), req3, sizeof(req3)), -EINVAL);
}

TEST(opt_reject_of_request_options_in_order_is_accepted)
{
	static const uint8_t first_last[] = { 1, 4, 0x05, 0xdc, 7, 2 };

	CHECK_EQ(ppp_opt_check_rej(req3, sizeof(req3), req3, sizeof(req3)), 0);
	CHECK_EQ(ppp_opt_check_rej(first_last, sizeof(first_last), req3,
				   sizeof(req3)), 0);
	CHECK_EQ(ppp_opt_check_rej(req3 + 10, 2, req3, sizeof(req3)), 0);
	CHECK_EQ(ppp_opt_check_rej(NULL, 0, req3, sizeof(req3)), 0);
}

TEST(opt_reject_that_reorders_modifies_or_invents_is_refused)
{
	static const uint8_t reordered[] = { 7, 2, 1, 4, 0x05, 0xdc };
	static const uint8_t modified[] = { 1, 4, 0x05, 0xdd };
	static const uint8_t invented[] = { 8, 2 };
	static const uint8_t twice[] = { 7, 2, 7, 2 };
	static const uint8_t malformed_tail[] = { 1, 4, 0x05, 0xdc, 7 };

	CHECK_EQ(ppp_opt_check_rej(reordered, sizeof(reordered), req3,
				   sizeof(req3)), -EINVAL);
	CHECK_EQ(ppp_opt_check_rej(modified, sizeof(modified), req3,
				   sizeof(req3)), -EINVAL);
	CHECK_EQ(ppp_opt_check_rej(invented, sizeof(invented), req3,
				   sizeof(req3)), -EINVAL);
	CHECK_EQ(ppp_opt_check_rej(twice, sizeof(twice), req3, sizeof(req3)),
		 -EINVAL);
	CHECK_EQ(ppp_opt_check_rej(malformed_tail, sizeof(malformed_tail), req3,
				   sizeof(req3)), -EINVAL);
	CHECK_EQ(ppp_opt_check_rej(invented, sizeof(invented), NULL, 0),
		 -EINVAL);
}

/* --- Building the reply -------------------------------------------------- */

TEST(opt_reply_of_all_acked_options_echoes_the_request)
{
	struct ppp_opt_reply rep;
	uint8_t out[32];
	size_t outlen = 99;

	ppp_opt_reply_init(&rep, out, sizeof(out));
	ppp_opt_reply_add(&rep, PPP_CONFACK, req3, 4);
	ppp_opt_reply_add(&rep, PPP_CONFACK, req3 + 4, 6);
	ppp_opt_reply_add(&rep, PPP_CONFACK, req3 + 10, 2);
	CHECK_EQ(ppp_opt_reply_end(&rep, req3, sizeof(req3), &outlen),
		 PPP_CONFACK);
	CHECK_EQ(outlen, sizeof(req3));
	CHECK_MEM(out, req3, sizeof(req3));
}

TEST(opt_reply_of_an_empty_request_is_an_empty_ack)
{
	struct ppp_opt_reply rep;
	size_t outlen = 99;

	ppp_opt_reply_init(&rep, NULL, 0);
	CHECK_EQ(ppp_opt_reply_end(&rep, NULL, 0, &outlen), PPP_CONFACK);
	CHECK_EQ(outlen, 0);
}

TEST(opt_reply_nak_drops_acks_and_collects_suggestions_in_order)
{
	struct ppp_opt_reply rep;
	static const uint8_t nak1[] = { 1, 4, 0x00, 0x80 };
	static const uint8_t nak2[] = { 5, 6, 1, 2, 3, 4 };
	uint8_t out[32];
	size_t outlen = 0;

	ppp_opt_reply_init(&rep, out, sizeof(out));
	ppp_opt_reply_add(&rep, PPP_CONFACK, req3 + 4, 6);
	ppp_opt_reply_add(&rep, PPP_CONFNAK, nak1, sizeof(nak1));
	ppp_opt_reply_add(&rep, PPP_CONFACK, req3 + 10, 2);
	ppp_opt_reply_add(&rep, PPP_CONFNAK, nak2, sizeof(nak2));
	CHECK_EQ(ppp_opt_reply_end(&rep, req3, sizeof(req3), &outlen),
		 PPP_CONFNAK);
	CHECK_EQ(outlen, sizeof(nak1) + sizeof(nak2));
	CHECK_MEM(out, nak1, sizeof(nak1));
	CHECK_MEM(out + sizeof(nak1), nak2, sizeof(nak2));
}

TEST(opt_reply_reject_beats_nak_and_restarts_the_list)
{
	struct ppp_opt_reply rep;
	static const uint8_t nak[] = { 1, 4, 0x00, 0x80 };
	static const uint8_t rej1[] = { 4, 4, 0xc0, 0x25 };
	static const uint8_t rej2[] = { 13, 3, 6 };
	uint8_t out[32];
	size_t outlen = 0;

	ppp_opt_reply_init(&rep, out, sizeof(out));
	ppp_opt_reply_add(&rep, PPP_CONFNAK, nak, sizeof(nak));
	ppp_opt_reply_add(&rep, PPP_CONFREJ, rej1, sizeof(rej1));
	ppp_opt_reply_add(&rep, PPP_CONFNAK, nak, sizeof(nak));
	ppp_opt_reply_add(&rep, PPP_CONFACK, req3 + 10, 2);
	ppp_opt_reply_add(&rep, PPP_CONFREJ, rej2, sizeof(rej2));
	CHECK_EQ(ppp_opt_reply_end(&rep, req3, sizeof(req3), &outlen),
		 PPP_CONFREJ);
	CHECK_EQ(outlen, sizeof(rej1) + sizeof(rej2));
	CHECK_MEM(out, rej1, sizeof(rej1));
	CHECK_MEM(out + sizeof(rej1), rej2, sizeof(rej2));
}

TEST(opt_reply_that_exactly_fills_the_buffer_fits)
{
	struct ppp_opt_reply rep;
	uint8_t out[6];
	size_t outlen = 0;

	ppp_opt_reply_init(&rep, out, sizeof(out));
	ppp_opt_reply_add(&rep, PPP_CONFREJ, req3, 4);
	ppp_opt_reply_add(&rep, PPP_CONFREJ, req3 + 10, 2);
	CHECK_EQ(ppp_opt_reply_end(&rep, req3, sizeof(req3), &outlen),
		 PPP_CONFREJ);
	CHECK_EQ(outlen, 6);
}

TEST(opt_reply_reject_one_byte_too_long_is_enospc_and_leaves_outlen)
{
	struct ppp_opt_reply rep;
	uint8_t out[9];
	size_t outlen = 99;

	ppp_opt_reply_init(&rep, out, sizeof(out));
	ppp_opt_reply_add(&rep, PPP_CONFREJ, req3, 4);
	ppp_opt_reply_add(&rep, PPP_CONFREJ, req3 + 4, 6);
	CHECK_EQ(rep.len, 4);	/* nothing partial was written */
	CHECK_EQ(ppp_opt_reply_end(&rep, req3, sizeof(req3), &outlen),
		 -ENOSPC);
	CHECK_EQ(outlen, 99);
}

TEST(opt_reply_overflow_sticks_even_when_a_reject_restarts_the_list)
{
	struct ppp_opt_reply rep;
	static const uint8_t big_nak[] = { 5, 6, 1, 2, 3, 4 };
	uint8_t out[4];
	size_t outlen = 0;

	ppp_opt_reply_init(&rep, out, sizeof(out));
	ppp_opt_reply_add(&rep, PPP_CONFNAK, big_nak, sizeof(big_nak));
	ppp_opt_reply_add(&rep, PPP_CONFREJ, req3 + 10, 2);
	CHECK_EQ(ppp_opt_reply_end(&rep, req3, sizeof(req3), &outlen),
		 -ENOSPC);
}

TEST(opt_reply_ack_longer_than_the_buffer_is_enospc)
{
	struct ppp_opt_reply rep;
	uint8_t out[sizeof(req3) - 1];
	size_t outlen = 99;

	ppp_opt_reply_init(&rep, out, sizeof(out));
	ppp_opt_reply_add(&rep, PPP_CONFACK, req3, 4);
	ppp_opt_reply_add(&rep, PPP_CONFACK, req3 + 4, 6);
	ppp_opt_reply_add(&rep, PPP_CONFACK, req3 + 10, 2);
	CHECK_EQ(ppp_opt_reply_end(&rep, req3, sizeof(req3), &outlen),
		 -ENOSPC);
	CHECK_EQ(outlen, 99);
}

int main(void)
{
	RUN(opt_next_walks_each_option_then_reports_the_end);
	RUN(opt_next_on_an_empty_list_is_the_end);
	RUN(opt_next_refuses_every_malformed_list_with_einval);
	RUN(opt_put_writes_type_length_and_big_endian_value);
	RUN(opt_copy_takes_only_whole_options_that_fit);
	RUN(opt_ack_must_echo_the_request_exactly);
	RUN(opt_reject_of_request_options_in_order_is_accepted);
	RUN(opt_reject_that_reorders_modifies_or_invents_is_refused);
	RUN(opt_reply_of_all_acked_options_echoes_the_request);
	RUN(opt_reply_of_an_empty_request_is_an_empty_ack);
	RUN(opt_reply_nak_drops_acks_and_collects_suggestions_in_order);
	RUN(opt_reply_reject_beats_nak_and_restarts_the_list);
	RUN(opt_reply_that_exactly_fills_the_buffer_fits);
	RUN(opt_reply_reject_one_byte_too_long_is_enospc_and_leaves_outlen);
	RUN(opt_reply_overflow_sticks_even_when_a_reject_restarts_the_list);
	RUN(opt_reply_ack_longer_than_the_buffer_is_enospc);
	return test_summary();
}
