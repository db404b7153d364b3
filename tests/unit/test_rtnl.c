// SPDX-License-Identifier: GPL-2.0
/*
 * rtnl.c's reading of rtnetlink answers, with no kernel: the handle wraps
 * a socket whose sends and receives libnl hands to us, and each test
 * scripts the answers. The cases are what fuzz_rtnl found.
 */
#include "test.h"

#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <linux/rtnetlink.h>
#include <stdlib.h>
#include <string.h>

#include <netlink/handlers.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>

#include "log.h"
#include "rtnl.h"

enum { ANSWERS = 8, SENT = 4, IFINDEX = 0x7ffffff0 };

/* The scripted kernel: one message per receive, in order. */
static struct nlmsghdr *answers[ANSWERS];
static int nanswers, next_answer;
static uint32_t last_seq;
/* The requests sent, copied: what a test checks of them. */
static struct nlmsghdr *sent[SENT];
static int nsent;

static int script_send(struct nl_sock *sk, struct nl_msg *msg)
{
	struct nlmsghdr *h = nlmsg_hdr(msg);

	last_seq = h->nlmsg_seq;
	if (nsent < SENT) {
		sent[nsent] = malloc(h->nlmsg_len);
		if (sent[nsent])
			memcpy(sent[nsent++], h, h->nlmsg_len);
	}
	return (int)nlmsg_hdr(msg)->nlmsg_len;
}

static int script_recv(struct nl_sock *sk, struct sockaddr_nl *from,
		       unsigned char **buf, struct ucred **creds)
{
	struct nlmsghdr *h;

	if (next_answer == nanswers)
		return -NLE_AGAIN;
	h = answers[next_answer];
	answers[next_answer++] = NULL;
	h->nlmsg_seq = last_seq;
	*buf = (unsigned char *)h;
	if (from)
		memset(from, 0, sizeof(*from));
	if (creds)
		*creds = NULL;
	return (int)h->nlmsg_len;
}

static void answer(uint16_t type, uint16_t flags, const void *body, size_t len)
{
	struct nlmsghdr *h = calloc(1, NLMSG_SPACE(len));

	if (!h || nanswers == ANSWERS) {
		free(h);
		return;
	}
	h->nlmsg_len = NLMSG_LENGTH(len);
	h->nlmsg_type = type;
	h->nlmsg_flags = flags;
	memcpy(NLMSG_DATA(h), body, len);
	answers[nanswers++] = h;
}

static void answer_error(int error)
{
	struct nlmsgerr e;

	memset(&e, 0, sizeof(e));
	e.error = error;
	answer(NLMSG_ERROR, NLM_F_CAPPED, &e, sizeof(e));
}

static struct nl_rtnl *scripted(void)
{
	struct nl_sock *sk = nl_socket_alloc();
	struct nl_rtnl *r = NULL;
	struct nl_cb *cb;

	nanswers = next_answer = nsent = 0;
	if (!sk)
		return NULL;
	cb = nl_socket_get_cb(sk);
	nl_cb_overwrite_send(cb, script_send);
	nl_cb_overwrite_recv(cb, script_recv);
	nl_cb_put(cb);
	nl_rtnl_wrap(&r, sk);
	return r;
}

static void done(struct nl_rtnl *r)
{
	nl_rtnl_close(r);
	while (next_answer < nanswers)
		free(answers[next_answer++]);
	while (nsent)
		free(sent[--nsent]);
}

/* Appends attribute @type with @len bytes of @data at @p; returns its end. */
static uint8_t *put_attr(uint8_t *p, uint16_t type, const void *data, uint16_t len)
{
	struct rtattr *a = (struct rtattr *)p;

	a->rta_type = type;
	a->rta_len = RTA_LENGTH(len);
	memcpy(RTA_DATA(a), data, len);
	return p + RTA_SPACE(len);
}

/*
 * A default route of the main table, as a dump carries it: through @oif
 * (RTA_OIF; 0: none) via @gw (0: none) with @metric; @mp appends an
 * RTA_MULTIPATH of @mp_len bytes whose one nexthop claims length @rtnh_len.
 */
static void answer_default(int oif, uint32_t gw, uint32_t metric, uint8_t proto,
			   bool mp, uint16_t mp_len, uint16_t rtnh_len)
{
	uint8_t buf[256] = { 0 }, *p = buf + NLMSG_ALIGN(sizeof(struct rtmsg));
	struct rtmsg *rtm = (struct rtmsg *)buf;
	uint32_t table = RT_TABLE_MAIN;

	rtm->rtm_family = AF_INET;
	rtm->rtm_table = RT_TABLE_MAIN;
	rtm->rtm_type = RTN_UNICAST;
	rtm->rtm_protocol = proto;
	p = put_attr(p, RTA_TABLE, &table, 4);
	p = put_attr(p, RTA_PRIORITY, &metric, 4);
	if (oif)
		p = put_attr(p, RTA_OIF, &oif, 4);
	if (gw)
		p = put_attr(p, RTA_GATEWAY, &gw, 4);
	if (mp) {
		uint8_t nh[64] = { 0 };
		struct rtnexthop *n = (struct rtnexthop *)nh;

		n->rtnh_len = rtnh_len;
		n->rtnh_ifindex = 9;
		p = put_attr(p, RTA_MULTIPATH, nh, mp_len);
	}
	answer(RTM_NEWROUTE, NLM_F_MULTI, buf, (size_t)(p - buf));
}

static void answer_done(void)
{
	int zero = 0;

	answer(NLMSG_DONE, NLM_F_MULTI, &zero, sizeof(zero));
}

/* The u32 attribute @type of request @h, or @dflt if absent. */
static uint32_t sent_u32(const struct nlmsghdr *h, int type, uint32_t dflt)
{
	int len = (int)h->nlmsg_len - NLMSG_LENGTH(sizeof(struct rtmsg));
	const struct rtattr *a = (const struct rtattr *)((const uint8_t *)NLMSG_DATA(h) +
							 NLMSG_ALIGN(sizeof(struct rtmsg)));

	for (; RTA_OK(a, len); a = RTA_NEXT(a, len))
		if (a->rta_type == type && RTA_PAYLOAD(a) == 4)
			return *(const uint32_t *)RTA_DATA(a);
	return dflt;
}

TEST(kernel_error_is_returned_as_its_errno)
{
	struct nl_rtnl *r = scripted();

	CHECK(r != NULL);
	answer_error(-EINVAL);
	CHECK_EQ(nl_rtnl_link_set(r, IFINDEX, true, 1500), -EINVAL);
	done(r);
}

TEST(error_code_out_of_errno_range_is_eproto)
{
	struct nl_rtnl *r = scripted();

	CHECK(r != NULL);
	answer_error(INT_MIN);
	CHECK_EQ(nl_rtnl_link_set(r, IFINDEX, true, 1500), -EPROTO);
	done(r);
}

TEST(ack_is_success)
{
	struct nl_rtnl *r = scripted();
	struct in_addr a = { htonl(0x0a000001) }, b = { htonl(0x0a000002) };

	CHECK(r != NULL);
	answer_error(0);
	CHECK_EQ(nl_rtnl_addr4(r, IFINDEX, a, b, true), 0);
	done(r);
}

TEST(route_lookup_answering_local_says_the_address_is_ours)
{
	struct nl_rtnl *r = scripted();
	struct in_addr a = { htonl(0x0a000002) };
	struct rtmsg rtm = { .rtm_family = AF_INET, .rtm_dst_len = 32, .rtm_type = RTN_LOCAL };

	CHECK(r != NULL);
	answer(RTM_NEWROUTE, 0, &rtm, sizeof(rtm));
	answer_error(0);
	CHECK_EQ(nl_rtnl_addr4_is_local(r, a), 1);
	done(r);
}

/* Under ASan this is the test: the failed dump's cache must be freed whole. */
TEST(failed_routing_table_dump_fails_the_default_route)
{
	struct nl_rtnl *r = scripted();

	CHECK(r != NULL);
	answer_error(-EINTR);
	CHECK(nl_rtnl_default_route_add(r, IFINDEX, false, NULL) < 0);
	done(r);
}

/* libnl 3.7's own route parser never returns from this one (fuzz_rtnl). */
TEST(multipath_nexthop_shorter_than_its_header_ends_the_dump)
{
	struct nl_rtnl *r = scripted();

	CHECK(r != NULL);
	answer_default(0, 0, 100, RTPROT_BOOT, true, 8, 0);
	answer_default(0, 0, 200, RTPROT_BOOT, true, 8, 200);
	answer_done();
	/* A default route exists and is not ours: not replaced without asking. */
	CHECK_EQ(nl_rtnl_default_route_add(r, IFINDEX, false, NULL), -EEXIST);
	CHECK_EQ(nsent, 1);
	done(r);
}

TEST(replace_deletes_the_lowest_metric_default_route_and_saves_it)
{
	struct nl_rtnl *r = scripted();
	struct nl_saved_route saved;

	CHECK(r != NULL);
	answer_default(5, htonl(0x01020304), 200, RTPROT_STATIC, false, 0, 0);
	answer_default(7, htonl(0xc0a80101), 100, RTPROT_DHCP, false, 0, 0);
	answer_default(6, htonl(0x0a000001), 300, RTPROT_BOOT, false, 0, 0);
	answer_done();
	answer_error(0);	/* the delete */
	answer_error(0);	/* the add */
	CHECK_EQ(nl_rtnl_default_route_add(r, IFINDEX, true, &saved), 0);
	CHECK(saved.valid);
	CHECK_EQ(saved.ifindex, 7);
	CHECK_EQ(saved.gateway.s_addr, htonl(0xc0a80101));
	CHECK_EQ(saved.metric, 100u);
	CHECK_EQ(saved.protocol, RTPROT_DHCP);
	CHECK_EQ(nsent, 3);
	CHECK_EQ(sent[1]->nlmsg_type, RTM_DELROUTE);
	CHECK_EQ(sent_u32(sent[1], RTA_OIF, 0), 7u);
	CHECK_EQ(sent_u32(sent[1], RTA_GATEWAY, 0), htonl(0xc0a80101));
	CHECK_EQ(sent_u32(sent[1], RTA_PRIORITY, 0), 100u);
	CHECK_EQ(sent[2]->nlmsg_type, RTM_NEWROUTE);
	CHECK_EQ(sent_u32(sent[2], RTA_OIF, 0), (uint32_t)IFINDEX);
	done(r);
}

TEST(default_route_through_the_interface_already_is_left_alone)
{
	struct nl_rtnl *r = scripted();

	CHECK(r != NULL);
	answer_default(5, htonl(0x01020304), 50, RTPROT_STATIC, false, 0, 0);
	answer_default(IFINDEX, 0, 100, RTPROT_BOOT, false, 0, 0);
	answer_done();
	CHECK_EQ(nl_rtnl_default_route_add(r, IFINDEX, true, NULL), 0);
	CHECK_EQ(nsent, 1);
	done(r);
}

int main(void)
{
	nl_log_set_stderr(getenv("TEST_VERBOSE") != NULL);
	RUN(kernel_error_is_returned_as_its_errno);
	RUN(error_code_out_of_errno_range_is_eproto);
	RUN(ack_is_success);
	RUN(route_lookup_answering_local_says_the_address_is_ours);
	RUN(failed_routing_table_dump_fails_the_default_route);
	RUN(multipath_nexthop_shorter_than_its_header_ends_the_dump);
	RUN(replace_deletes_the_lowest_metric_default_route_and_saves_it);
	RUN(default_route_through_the_interface_already_is_left_alone);
	return test_summary();
}
