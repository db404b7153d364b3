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

#include "dataplane/dataplane.h"
#include "dataplane/genl.h"
#include "log.h"

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
	return test_summary();
}
