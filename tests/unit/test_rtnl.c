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

enum { ANSWERS = 4, IFINDEX = 0x7ffffff0 };

/* The scripted kernel: one message per receive, in order. */
static struct nlmsghdr *answers[ANSWERS];
static int nanswers, next_answer;
static uint32_t last_seq;

static int script_send(struct nl_sock *sk, struct nl_msg *msg)
{
	last_seq = nlmsg_hdr(msg)->nlmsg_seq;
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

	nanswers = next_answer = 0;
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

int main(void)
{
	nl_log_set_stderr(getenv("TEST_VERBOSE") != NULL);
	RUN(kernel_error_is_returned_as_its_errno);
	RUN(error_code_out_of_errno_range_is_eproto);
	RUN(ack_is_success);
	RUN(route_lookup_answering_local_says_the_address_is_ours);
	RUN(failed_routing_table_dump_fails_the_default_route);
	return test_summary();
}
