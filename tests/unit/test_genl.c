// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel plane's reading of nlppp.ko's messages, with no kernel: hand
 * built batches through nl_genl_take() on a channel without a socket, and
 * the reply readers of kernel.c. The cases are what fuzz_genl_events found.
 */
#include "test.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <netlink/genl/genl.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>

#include "uapi/linux/nlppp.h"
#include "libppp/ccp.h"

#include "dataplane/dataplane.h"
#include "dataplane/genl.h"
#include "log.h"
#include "rig.h"

enum { FAMILY = 0x1c, SEQ = 7 };

struct batch {
	unsigned char b[1024];
	size_t len;
};

static void add(struct batch *bt, const void *p, size_t len)
{
	if (bt->len + len <= sizeof(bt->b)) {
		memcpy(bt->b + bt->len, p, len);
		bt->len += len;
	}
}

/* An nlmsg_alloc()ed message's bytes appended to @bt, then the message freed. */
static void add_msg(struct batch *bt, struct nl_msg *msg)
{
	add(bt, nlmsg_hdr(msg), nlmsg_hdr(msg)->nlmsg_len);
	nlmsg_free(msg);
}

static struct nl_msg *reply(uint8_t cmd)
{
	struct nl_msg *msg = nlmsg_alloc();

	genlmsg_put(msg, 0, SEQ, FAMILY, 0, 0, cmd, NLPPP_GENL_VERSION);
	return msg;
}

/* An NLMSG_ERROR for SEQ carrying @error, its body cut to @body bytes. */
static void add_err(struct batch *bt, int error, size_t body)
{
	struct {
		struct nlmsghdr h;
		struct nlmsgerr e;
	} m;

	memset(&m, 0, sizeof(m));
	m.h.nlmsg_type = NLMSG_ERROR;
	m.h.nlmsg_seq = SEQ;
	m.h.nlmsg_flags = NLM_F_CAPPED;
	m.e.error = error;
	m.e.msg.nlmsg_seq = SEQ;
	m.h.nlmsg_len = NLMSG_HDRLEN + body;
	add(bt, &m, NLMSG_ALIGN(m.h.nlmsg_len));
}

/* Take @bt waiting for SEQ's answer; returns what nl_genl_take does. */
static int take(struct batch *bt, struct nlattr **tb, void **keep)
{
	struct nl_genl *g;
	unsigned char *buf = malloc(bt->len);
	int err;

	*keep = NULL;
	if (!buf || nl_genl_new(&g, FAMILY) < 0) {
		free(buf);
		return INT_MIN;
	}
	memcpy(buf, bt->b, bt->len);
	err = nl_genl_take(g, buf, (int)bt->len, SEQ, "test", tb, keep);
	nl_genl_close(g);
	return err;
}

TEST(error_too_short_for_nlmsgerr_fails_the_request_with_eproto)
{
	struct nlattr *tb[NLPPP_A_MAX + 1] = { 0 };
	struct batch bt = { .len = 0 };
	void *keep;

	add_err(&bt, -ENODEV, 2);
	CHECK_EQ(take(&bt, tb, &keep), -EPROTO);
	CHECK(keep == NULL);
}

TEST(error_code_that_is_no_errno_fails_the_request_with_eproto)
{
	struct nlattr *tb[NLPPP_A_MAX + 1] = { 0 };
	struct batch bt = { .len = 0 }, pos = { .len = 0 };
	void *keep;

	add_err(&bt, INT_MIN, sizeof(struct nlmsgerr));
	CHECK_EQ(take(&bt, tb, &keep), -EPROTO);
	/* 1 would read as "no answer in this batch": the wait would go on. */
	add_err(&pos, 1, sizeof(struct nlmsgerr));
	CHECK_EQ(take(&pos, tb, &keep), -EPROTO);
}

TEST(kernel_error_is_returned_as_it_is)
{
	struct nlattr *tb[NLPPP_A_MAX + 1] = { 0 };
	struct batch bt = { .len = 0 };
	void *keep;

	add_err(&bt, -ENODEV, sizeof(struct nlmsgerr));
	CHECK_EQ(take(&bt, tb, &keep), -ENODEV);
}

TEST(bundle_reply_is_read_into_the_data_plane)
{
	struct nlattr *tb[NLPPP_A_MAX + 1] = { 0 };
	struct batch bt = { .len = 0 };
	struct nl_dataplane dp;
	struct nl_msg *msg = reply(NLPPP_CMD_BUNDLE_NEW);
	uint32_t id = 0;
	void *keep;

	nla_put_u32(msg, NLPPP_A_BUNDLE_ID, 9);
	nla_put_u32(msg, NLPPP_A_IFINDEX, 42);
	nla_put_string(msg, NLPPP_A_IFNAME, "ppp3");
	nla_put_u32(msg, NLPPP_A_UNIT, 3);
	add_msg(&bt, msg);
	add_err(&bt, 0, sizeof(struct nlmsgerr));
	memset(&dp, 0, sizeof(dp));
	CHECK_EQ(take(&bt, tb, &keep), 0);
	CHECK(keep != NULL);
	if (keep) {
		CHECK_EQ(nl_kdp_bundle_reply(tb, &id, &dp), 0);
		CHECK_EQ(id, 9);
		CHECK_EQ(dp.ifindex, 42);
		CHECK_EQ(dp.unit, 3);
		CHECK(strcmp(dp.ifname, "ppp3") == 0);
	}
	free(keep);
}

TEST(reply_with_a_short_u32_attribute_is_refused)
{
	struct nlattr *tb[NLPPP_A_MAX + 1] = { 0 };
	struct batch bt = { .len = 0 };
	struct nl_msg *msg = reply(NLPPP_CMD_BUNDLE_NEW);
	uint16_t two = 2;
	void *keep;

	nla_put(msg, NLPPP_A_BUNDLE_ID, sizeof(two), &two);
	nla_put_u32(msg, NLPPP_A_IFINDEX, 42);
	nla_put_string(msg, NLPPP_A_IFNAME, "ppp3");
	add_msg(&bt, msg);
	add_err(&bt, 0, sizeof(struct nlmsgerr));
	CHECK_EQ(take(&bt, tb, &keep), 0);
	CHECK(keep == NULL);	/* not parsed: the caller sees no reply */
	free(keep);
}

TEST(reply_with_an_unterminated_ifname_is_refused)
{
	struct nlattr *tb[NLPPP_A_MAX + 1] = { 0 };
	struct batch bt = { .len = 0 };
	struct nl_msg *msg = reply(NLPPP_CMD_BUNDLE_NEW);
	void *keep;

	nla_put_u32(msg, NLPPP_A_BUNDLE_ID, 9);
	nla_put_u32(msg, NLPPP_A_IFINDEX, 42);
	nla_put(msg, NLPPP_A_IFNAME, 4, "ppp3");
	add_msg(&bt, msg);
	CHECK_EQ(take(&bt, tb, &keep), 1);
	CHECK(keep == NULL);
	free(keep);
}

TEST(counters_shorter_than_u64_are_refused)
{
	struct nlattr *tb[NLPPP_A_MAX + 1] = { 0 };
	struct batch bt = { .len = 0 };
	struct nl_msg *msg = reply(NLPPP_CMD_LINK_GET);
	struct nl_dp_stats st;
	struct nlattr *nest;
	void *keep;

	nest = nla_nest_start(msg, NLPPP_A_STATS);
	nla_put_u64(msg, NLPPP_A_STATS_RX_PACKETS, 5);
	nla_put_u32(msg, NLPPP_A_STATS_TX_PACKETS, 6);
	nla_nest_end(msg, nest);
	add_msg(&bt, msg);
	CHECK_EQ(take(&bt, tb, &keep), 1);
	CHECK(keep != NULL);
	memset(&st, 0, sizeof(st));
	if (keep)
		CHECK_EQ(nl_kdp_stats_reply(tb, true, &st), -EPROTO);
	CHECK_EQ(st.rx_frames, 0);
	free(keep);
}

TEST(counters_are_read_into_the_link_part)
{
	struct nlattr *tb[NLPPP_A_MAX + 1] = { 0 };
	struct batch bt = { .len = 0 };
	struct nl_msg *msg = reply(NLPPP_CMD_LINK_GET);
	struct nl_dp_stats st;
	struct nlattr *nest;
	void *keep;

	nest = nla_nest_start(msg, NLPPP_A_STATS);
	nla_put_u64(msg, NLPPP_A_STATS_RX_PACKETS, 5);
	nla_put_u64(msg, NLPPP_A_STATS_TX_BYTES, 600);
	nla_nest_end(msg, nest);
	add_msg(&bt, msg);
	CHECK_EQ(take(&bt, tb, &keep), 1);
	memset(&st, 0, sizeof(st));
	if (keep)
		CHECK_EQ(nl_kdp_stats_reply(tb, true, &st), 0);
	CHECK_EQ(st.rx_frames, 5);
	CHECK_EQ(st.tx_frame_bytes, 600);
	CHECK_EQ(st.rx_packets, 0);
	free(keep);
}

TEST(bundle_counters_include_compression_and_vj)
{
	struct nlattr *tb[NLPPP_A_MAX + 1] = { 0 };
	struct batch bt = { .len = 0 };
	struct nl_msg *msg = reply(NLPPP_CMD_BUNDLE_GET);
	struct nl_dp_stats st;
	struct nlattr *nest;
	void *keep;

	nest = nla_nest_start(msg, NLPPP_A_STATS);
	nla_put_u64(msg, NLPPP_A_STATS_RX_PACKETS, 5);
	nla_put_u64(msg, NLPPP_A_STATS_COMP_TX_IN, 1000);
	nla_put_u64(msg, NLPPP_A_STATS_COMP_TX_OUT, 700);
	nla_put_u64(msg, NLPPP_A_STATS_COMP_RX_ERRORS, 3);
	nla_put_u64(msg, NLPPP_A_STATS_MPPE_DISCARDS, 4);
	nla_put_u64(msg, NLPPP_A_STATS_COMP_REQUIRED_DROPS, 2);
	nla_put_u64(msg, NLPPP_A_STATS_VJ_RX_TOSSED, 9);
	nla_nest_end(msg, nest);
	add_msg(&bt, msg);
	CHECK_EQ(take(&bt, tb, &keep), 1);
	memset(&st, 0, sizeof(st));
	if (keep)
		CHECK_EQ(nl_kdp_stats_reply(tb, false, &st), 0);
	CHECK_EQ(st.rx_packets, 5);
	CHECK_EQ(st.comp_tx_in, 1000);
	CHECK_EQ(st.comp_tx_out, 700);
	CHECK_EQ(st.comp_rx_errors, 3);
	CHECK_EQ(st.mppe_discards, 4);
	CHECK_EQ(st.comp_required_drops, 2);
	CHECK_EQ(st.vj_rx_tossed, 9);
	CHECK_EQ(st.vj_tx_compressed, 0);
	free(keep);
}

TEST(compression_counter_shorter_than_u64_is_refused)
{
	struct nlattr *tb[NLPPP_A_MAX + 1] = { 0 };
	struct batch bt = { .len = 0 };
	struct nl_msg *msg = reply(NLPPP_CMD_BUNDLE_GET);
	struct nl_dp_stats st;
	struct nlattr *nest;
	void *keep;

	nest = nla_nest_start(msg, NLPPP_A_STATS);
	nla_put_u32(msg, NLPPP_A_STATS_VJ_TX_COMPRESSED, 6);
	nla_nest_end(msg, nest);
	add_msg(&bt, msg);
	CHECK_EQ(take(&bt, tb, &keep), 1);
	memset(&st, 0, sizeof(st));
	if (keep)
		CHECK_EQ(nl_kdp_stats_reply(tb, false, &st), -EPROTO);
	free(keep);
}

/* The nest NLPPP_A_CCP_TX/RX of a BUNDLE_SET built by nl_kdp_ccp_msg(). */
static int ccp_nest(struct nl_msg *msg, int dir, struct nlattr **ccp)
{
	struct nlattr *tb[NLPPP_A_MAX + 1];

	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, NLPPP_A_MAX, NULL) < 0 || !tb[dir] ||
	    !tb[NLPPP_A_BUNDLE_ID] || nla_get_u32(tb[NLPPP_A_BUNDLE_ID]) != 42)
		return -1;
	return nla_parse_nested(ccp, NLPPP_A_CCP_MAX, tb[dir], NULL);
}

static struct nl_msg *set_msg(void)
{
	struct nl_msg *msg = nlmsg_alloc();

	genlmsg_put(msg, 0, SEQ, FAMILY, 0, 0, NLPPP_CMD_BUNDLE_SET, NLPPP_GENL_VERSION);
	return msg;
}

TEST(ccp_mppe_request_carries_bits_mode_and_key)
{
	struct nl_ccp_dir c = { .method = PPP_CCP_MPPE, .required = true, .mppe_bits = 128,
				.mppe_stateful = true };
	struct nlattr *ccp[NLPPP_A_CCP_MAX + 1];
	struct nl_msg *msg = set_msg();
	int i;

	for (i = 0; i < 16; i++)
		c.mppe_key[i] = (uint8_t)(0xa0 + i);
	CHECK_EQ(nl_kdp_ccp_msg(msg, 42, true, &c), 0);
	CHECK_EQ(ccp_nest(msg, NLPPP_A_CCP_TX, ccp), 0);
	CHECK(ccp[NLPPP_A_CCP_METHOD] && nla_get_u8(ccp[NLPPP_A_CCP_METHOD]) == NLPPP_CCP_MPPE);
	CHECK(ccp[NLPPP_A_CCP_REQUIRED] && nla_get_u8(ccp[NLPPP_A_CCP_REQUIRED]) == 1);
	CHECK(ccp[NLPPP_A_CCP_MPPE_BITS] && nla_get_u8(ccp[NLPPP_A_CCP_MPPE_BITS]) == 128);
	CHECK(ccp[NLPPP_A_CCP_MPPE_STATEFUL] && nla_get_u8(ccp[NLPPP_A_CCP_MPPE_STATEFUL]) == 1);
	CHECK(ccp[NLPPP_A_CCP_MPPE_KEY] && nla_len(ccp[NLPPP_A_CCP_MPPE_KEY]) == 16 &&
	      !memcmp(nla_data(ccp[NLPPP_A_CCP_MPPE_KEY]), c.mppe_key, 16));
	CHECK(!ccp[NLPPP_A_CCP_DEFLATE_WINDOW] && !ccp[NLPPP_A_CCP_BSD_BITS]);
	nlmsg_free(msg);
}

TEST(ccp_methods_map_to_the_kernel_numbers_and_carry_only_their_parameters)
{
	static const struct {
		unsigned int bit;
		int method;
	} map[] = {
		{ 0, NLPPP_CCP_NONE },
		{ PPP_CCP_PRED1, NLPPP_CCP_PRED1 },
		{ PPP_CCP_DEFLATE, NLPPP_CCP_DEFLATE },
		{ PPP_CCP_DEFLATE_DRAFT, NLPPP_CCP_DEFLATE_DRAFT },
		{ PPP_CCP_BSD, NLPPP_CCP_BSD },
	};
	struct nlattr *ccp[NLPPP_A_CCP_MAX + 1];
	size_t i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
		struct nl_ccp_dir c = { .method = map[i].bit, .deflate_window = 12, .bsd_bits = 13,
					.mppe_key = { 1, 2, 3 } };
		struct nl_msg *msg = set_msg();

		CHECK_EQ(nl_kdp_ccp_msg(msg, 42, false, &c), 0);
		CHECK_EQ(ccp_nest(msg, NLPPP_A_CCP_RX, ccp), 0);
		CHECK(ccp[NLPPP_A_CCP_METHOD] && nla_get_u8(ccp[NLPPP_A_CCP_METHOD]) == map[i].method);
		CHECK(!ccp[NLPPP_A_CCP_MPPE_KEY] && !ccp[NLPPP_A_CCP_MPPE_BITS]);
		CHECK_EQ(ccp[NLPPP_A_CCP_DEFLATE_WINDOW] != NULL,
			 map[i].method == NLPPP_CCP_DEFLATE || map[i].method == NLPPP_CCP_DEFLATE_DRAFT);
		CHECK_EQ(ccp[NLPPP_A_CCP_BSD_BITS] != NULL, map[i].method == NLPPP_CCP_BSD);
		nlmsg_free(msg);
	}
}

TEST(ccp_two_method_bits_at_once_are_refused)
{
	struct nl_ccp_dir c = { .method = PPP_CCP_MPPE | PPP_CCP_PRED1 };
	struct nl_msg *msg = set_msg();

	CHECK_EQ(nl_kdp_ccp_msg(msg, 42, true, &c), -EINVAL);
	nlmsg_free(msg);
}

/* A FRAME event for link @id: @proto and @len bytes of @p. */
static void add_frame(struct batch *bt, uint32_t id, uint16_t proto, const void *p, size_t len)
{
	struct nl_msg *msg = nlmsg_alloc();

	genlmsg_put(msg, 0, 0, FAMILY, 0, 0, NLPPP_CMD_FRAME, NLPPP_GENL_VERSION);
	nla_put_u32(msg, NLPPP_A_LINK_ID, id);
	nla_put_u16(msg, NLPPP_A_PROTO, proto);
	nla_put(msg, NLPPP_A_PAYLOAD, (int)len, p);
	add_msg(bt, msg);
}

/* Hand @bt to @g as the socket would (no request waiting). */
static void take_events(struct nl_genl *g, struct batch *bt)
{
	unsigned char *buf = malloc(bt->len);

	memcpy(buf, bt->b, bt->len);
	CHECK_EQ(nl_genl_take(g, buf, (int)bt->len, 0, "test", NULL, NULL), 1);
}

static bool lcp_acked(const struct fake_dp *fk, uint8_t id)
{
	for (int i = 0; i < fk->nsent; i++)
		if (fk->sent[i].proto == 0xc021 && fk->sent[i].len >= 4 &&
		    fk->sent[i].p[0] == 2 && fk->sent[i].p[1] == id)
			return true;
	return false;
}

/*
 * A PPPoE link made ahead of its nl_link: what the kernel sends for it
 * meanwhile waits on the route (8 events at most), and reaches the link,
 * the oldest first, once the route names it. Events of a link never routed
 * are not kept at all.
 */
TEST(events_before_the_link_wait_on_its_route_and_reach_it_later)
{
	static const uint8_t confreq[] = { 1, 0x42, 0, 4 };	/* no options */
	static const uint8_t ip[20] = { 0x45 };
	struct batch bt = { .len = 0 };
	struct nl_genl *g;
	struct rig r;
	int i;

	CHECK_EQ(rig_init(&r, 0), 0);
	CHECK_EQ(nl_genl_new(&g, FAMILY), 0);
	CHECK_EQ(nl_genl_route(g, 7, NULL), 0);
	/* The peer's Configure-Request, then more than the route keeps. */
	add_frame(&bt, 7, 0xc021, confreq, sizeof(confreq));
	for (i = 0; i < 10; i++)
		add_frame(&bt, 7, 0x0021, ip, sizeof(ip));
	add_frame(&bt, 8, 0x0021, ip, sizeof(ip));	/* no route: another process's */
	take_events(g, &bt);
	r.fk.nsent = 0;
	nl_genl_deliver(g);
	CHECK_EQ(r.l->rx_early, 0);
	CHECK(!lcp_acked(&r.fk, 0x42));

	CHECK_EQ(nl_genl_route(g, 7, r.l), 0);
	nl_genl_deliver(g);
	CHECK(lcp_acked(&r.fk, 0x42));
	/* The first 8 were kept: the request and 7 IPv4 packets, dropped
	 * there as data before LCP is up. */
	CHECK_EQ(r.l->rx_early, 7);

	/* Routed to its link, an event is delivered at once. */
	bt.len = 0;
	add_frame(&bt, 7, 0x0021, ip, sizeof(ip));
	take_events(g, &bt);
	nl_genl_deliver(g);
	CHECK_EQ(r.l->rx_early, 8);

	/* Unrouted with events held: they go with the route. */
	CHECK_EQ(nl_genl_route(g, 9, NULL), 0);
	bt.len = 0;
	add_frame(&bt, 9, 0x0021, ip, sizeof(ip));
	take_events(g, &bt);
	nl_genl_deliver(g);
	nl_genl_unroute(g, 9);
	nl_genl_unroute(g, 7);
	nl_genl_close(g);
	rig_fini(&r);
}

int main(void)
{
	nl_log_set_stderr(getenv("TEST_VERBOSE") != NULL);
	RUN(error_too_short_for_nlmsgerr_fails_the_request_with_eproto);
	RUN(error_code_that_is_no_errno_fails_the_request_with_eproto);
	RUN(kernel_error_is_returned_as_it_is);
	RUN(bundle_reply_is_read_into_the_data_plane);
	RUN(reply_with_a_short_u32_attribute_is_refused);
	RUN(reply_with_an_unterminated_ifname_is_refused);
	RUN(counters_shorter_than_u64_are_refused);
	RUN(counters_are_read_into_the_link_part);
	RUN(bundle_counters_include_compression_and_vj);
	RUN(compression_counter_shorter_than_u64_is_refused);
	RUN(ccp_mppe_request_carries_bits_mode_and_key);
	RUN(ccp_methods_map_to_the_kernel_numbers_and_carry_only_their_parameters);
	RUN(ccp_two_method_bits_at_once_are_refused);
	RUN(events_before_the_link_wait_on_its_route_and_reach_it_later);
	return test_summary();
}
