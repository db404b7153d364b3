// SPDX-License-Identifier: GPL-2.0
/*
 * PPPoE sessions on an interface (daemon/pppoe/iface.c), without packet
 * sockets: session frames fed to nl_pppoe_if_ses_input reach the link of
 * their (MAC, session id) and nothing else; bad headers and unknown
 * sessions are counted; session ids are unique; either end closing ends
 * the session, over a socketpair (user plane) or a tie (kernel plane).
 */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "event.h"
#include "pppoe/iface.h"
#include "test.h"
#include "transport/transport.h"

static const uint8_t mac_a[6] = { 2, 0, 0, 0, 0, 0xa }, mac_b[6] = { 2, 0, 0, 0, 0, 0xb };
static struct nl_loop loop;
static int closed_calls;
static struct nl_pppoe_sess *closed_sess;

static void no_disc(void *ctx, struct nl_pppoe_if *i, const uint8_t src[6], const uint8_t *p,
		    size_t n)
{
}

static void on_closed(void *ctx, struct nl_pppoe_sess *s)
{
	closed_calls++;
	closed_sess = s;
	nl_loop_stop(&loop);
}

static const struct nl_pppoe_if_ops ops = { .disc = no_disc, .closed = on_closed };

/* A session frame: header, then @pl; @pad bytes of Ethernet padding after it. */
static size_t frame(uint8_t *f, uint16_t sid, const uint8_t *pl, size_t len, size_t pad)
{
	f[0] = 0x11;
	f[1] = 0x00;
	f[2] = (uint8_t)(sid >> 8);
	f[3] = (uint8_t)sid;
	f[4] = (uint8_t)(len >> 8);
	f[5] = (uint8_t)len;
	memcpy(f + 6, pl, len);
	memset(f + 6 + len, 0, pad);
	return 6 + len + pad;
}

static ssize_t read_link(const struct nl_transport *tr, uint8_t *buf, size_t cap)
{
	return recv(tr->rfd, buf, cap, MSG_DONTWAIT);
}

static void stop_fn(void *ctx)
{
	nl_loop_stop(&loop);
}

TEST(session_frames_reach_their_session_only)
{
	static const uint8_t lcp[] = { 0xc0, 0x21, 0x09, 0x01, 0x00, 0x08, 1, 2, 3, 4 };
	struct nl_pppoe_if *i;
	struct nl_pppoe_sess *sa, *sb, *sc;
	struct nl_transport ta, tb, tc;
	uint8_t f[1600], got[1600];
	size_t n;

	CHECK_EQ(nl_loop_init(&loop), 0);
	CHECK_EQ(nl_pppoe_if_new(&i, &loop, "test0", 64, &ops, NULL), 0);
	CHECK_EQ(nl_pppoe_sess_new(&sa, i, mac_a, 0x1234, 0, NULL, &ta), 0);
	CHECK_EQ(nl_pppoe_sess_new(&sb, i, mac_b, 0x1234, 0, NULL, &tb), 0);
	CHECK_EQ(nl_pppoe_sess_new(&sb, i, mac_b, 0x1234, 0, NULL, &tb), -EEXIST);
	CHECK(ta.kind == NL_TRANSPORT_PPPOE && ta.packet && !strcmp(ta.devname, "test0"));
	/* RFC 2516 7, and RFC 4638's more when discovery agreed on it. */
	CHECK_EQ(ta.mtu, 1492);
	CHECK_EQ(nl_pppoe_sess_new(&sc, i, mac_b, 0x77, 1500, NULL, &tc), 0);
	CHECK_EQ(tc.mtu, 1500);
	nl_transport_close(&tc);
	nl_pppoe_sess_free(sc);
	CHECK(nl_pppoe_sess_find(i, mac_a, 0x1234) == sa);
	CHECK(nl_pppoe_sess_find(i, mac_a, 0x1235) == NULL);

	/* Padded to Ethernet's minimum: only the header's length goes up. */
	n = frame(f, 0x1234, lcp, sizeof(lcp), 30);
	nl_pppoe_if_ses_input(i, mac_a, f, n);
	CHECK_EQ(read_link(&ta, got, sizeof(got)), (ssize_t)sizeof(lcp));
	CHECK(!memcmp(got, lcp, sizeof(lcp)));
	CHECK_EQ(read_link(&tb, got, sizeof(got)), -1);

	/* Same id, another MAC: the other session. */
	nl_pppoe_if_ses_input(i, mac_b, f, n);
	CHECK_EQ(read_link(&tb, got, sizeof(got)), (ssize_t)sizeof(lcp));
	CHECK_EQ(read_link(&ta, got, sizeof(got)), -1);

	/* Unknown session, bad version, code, length past the end, empty. */
	n = frame(f, 0x4321, lcp, sizeof(lcp), 0);
	nl_pppoe_if_ses_input(i, mac_a, f, n);
	CHECK_EQ(i->stats.rx_ses_unknown, 1);
	n = frame(f, 0x1234, lcp, sizeof(lcp), 0);
	f[0] = 0x12;
	nl_pppoe_if_ses_input(i, mac_a, f, n);
	f[0] = 0x11;
	f[1] = 0x07;
	nl_pppoe_if_ses_input(i, mac_a, f, n);
	f[1] = 0x00;
	nl_pppoe_if_ses_input(i, mac_a, f, n - 1);
	nl_pppoe_if_ses_input(i, mac_a, f, 5);
	n = frame(f, 0x1234, lcp, 0, 10);
	nl_pppoe_if_ses_input(i, mac_a, f, n);
	CHECK_EQ(i->stats.rx_ses_bad, 5);
	CHECK_EQ(i->stats.rx_ses, 8);
	CHECK_EQ(read_link(&ta, got, sizeof(got)), -1);

	nl_transport_close(&ta);
	nl_transport_close(&tb);
	nl_pppoe_if_close(i);
	nl_loop_fini(&loop);
}

TEST(session_ids_are_random_unique_and_in_range)
{
	static struct nl_transport tr[300];
	struct nl_pppoe_if *i;
	struct nl_pppoe_sess *s;
	uint16_t first = 0;
	bool varied = false;
	int k;

	CHECK_EQ(nl_loop_init(&loop), 0);
	CHECK_EQ(nl_pppoe_if_new(&i, &loop, "test0", 512, &ops, NULL), 0);
	for (k = 0; k < 300; k++) {
		uint16_t sid = nl_pppoe_if_free_sid(i);

		CHECK(sid >= 1 && sid <= 0xfffe);
		/* Free means free on the interface, whichever MAC asks. */
		CHECK_EQ(nl_pppoe_sess_new(&s, i, k & 1 ? mac_a : mac_b, sid, 0, NULL, &tr[k]), 0);
		if (!k)
			first = sid;
		varied |= sid != first && sid != (uint16_t)(first + k);
	}
	CHECK_EQ(i->nsess, 300);
	CHECK(varied);
	for (k = 0; k < 300; k++)
		nl_transport_close(&tr[k]);
	nl_pppoe_if_close(i);
	nl_loop_fini(&loop);
}

TEST(either_end_closing_ends_the_session)
{
	struct nl_pppoe_if *i;
	struct nl_pppoe_sess *s;
	struct nl_transport tr;
	struct nl_timer guard;
	uint8_t b[8];

	CHECK_EQ(nl_loop_init(&loop), 0);
	nl_timer_init(&guard, stop_fn, NULL);
	CHECK_EQ(nl_pppoe_if_new(&i, &loop, "test0", 16, &ops, NULL), 0);

	/* The link closes its end: the owner hears of it (to send a PADT). */
	CHECK_EQ(nl_pppoe_sess_new(&s, i, mac_a, 7, 0, NULL, &tr), 0);
	closed_calls = 0;
	nl_transport_close(&tr);
	nl_timer_arm(&loop, &guard, 2000);
	nl_loop_run(&loop);
	CHECK_EQ(closed_calls, 1);
	CHECK(closed_sess == s);
	nl_pppoe_sess_free(s);
	CHECK_EQ(i->nsess, 0);
	CHECK(!nl_pppoe_sess_find(i, mac_a, 7));

	/* We end it (a PADT came): the link reads EOF, a hangup. */
	CHECK_EQ(nl_pppoe_sess_new(&s, i, mac_a, 7, 0, NULL, &tr), 0);
	nl_pppoe_sess_free(s);
	CHECK_EQ(recv(tr.rfd, b, sizeof(b), MSG_DONTWAIT), 0);
	nl_transport_close(&tr);
	nl_timer_cancel(&loop, &guard);
	nl_pppoe_if_close(i);
	nl_loop_fini(&loop);
}

static int gone_calls;

static void on_gone(void *ctx)
{
	gone_calls++;
	nl_loop_stop(&loop);
}

/* Turns of the loop until @calls moves (or the guard stops it). */
static void run_until(int *calls, int was)
{
	struct nl_timer guard;

	nl_timer_init(&guard, stop_fn, NULL);
	nl_timer_arm(&loop, &guard, 2000);
	while (*calls == was && guard.armed)
		nl_loop_run(&loop);
	nl_timer_cancel(&loop, &guard);
}

TEST(kernel_plane_sessions_are_tied_not_socketpaired)
{
	struct nl_pppoe_if *i;
	struct nl_pppoe_sess *s;
	struct nl_transport tr, moved;

	CHECK_EQ(nl_loop_init(&loop), 0);
	CHECK_EQ(nl_pppoe_if_new(&i, &loop, "test0", 16, &ops, NULL), 0);
	nl_pppoe_if_kernel_sessions(i, NULL);

	/* No fd for the link, only the tie; the transport moves (nl_link_new). */
	CHECK_EQ(nl_pppoe_sess_new(&s, i, mac_a, 7, 0, NULL, &tr), 0);
	CHECK_EQ(tr.rfd, -1);
	CHECK_EQ(s->fd, -1);
	CHECK(tr.pppoe_tie && tr.pppoe_tie == s->tie);
	CHECK_EQ(tr.pppoe_sid, 7);
	moved = tr;
	memset(&tr, 0, sizeof(tr));

	/* The link lets go: the owner is told on a later turn, not inside the close. */
	closed_calls = 0;
	nl_transport_close(&moved);
	CHECK(!moved.pppoe_tie);
	CHECK_EQ(closed_calls, 0);
	run_until(&closed_calls, 0);
	CHECK_EQ(closed_calls, 1);
	CHECK(closed_sess == s);
	nl_pppoe_sess_free(s);		/* frees the tie: ASan sees a leak or a double free */
	CHECK_EQ(i->nsess, 0);

	/* The session ends (a PADT came): the watching link is told, once. */
	CHECK_EQ(nl_pppoe_sess_new(&s, i, mac_b, 8, 0, NULL, &tr), 0);
	gone_calls = 0;
	nl_pppoe_tie_watch(tr.pppoe_tie, on_gone, NULL);
	nl_pppoe_sess_free(s);
	CHECK_EQ(gone_calls, 0);
	run_until(&gone_calls, 0);
	CHECK_EQ(gone_calls, 1);
	closed_calls = 0;
	nl_transport_close(&tr);	/* nobody left to tell: the tie goes */
	CHECK_EQ(closed_calls, 0);

	/* Ended before the link watched: it is told as it starts watching. */
	CHECK_EQ(nl_pppoe_sess_new(&s, i, mac_b, 9, 0, NULL, &tr), 0);
	nl_pppoe_sess_free(s);
	nl_loop_run_timers(&loop);
	gone_calls = 0;
	nl_pppoe_tie_watch(tr.pppoe_tie, on_gone, NULL);
	run_until(&gone_calls, 0);
	CHECK_EQ(gone_calls, 1);

	/* A watcher that stopped watching (the link detached) is not called. */
	nl_transport_close(&tr);
	CHECK_EQ(nl_pppoe_sess_new(&s, i, mac_b, 10, 0, NULL, &tr), 0);
	gone_calls = 0;
	nl_pppoe_tie_watch(tr.pppoe_tie, on_gone, NULL);
	nl_pppoe_tie_watch(tr.pppoe_tie, NULL, NULL);
	nl_pppoe_sess_free(s);
	nl_loop_run_timers(&loop);
	CHECK_EQ(gone_calls, 0);
	nl_transport_close(&tr);

	/* The interface closing with a session up: the link is told, nothing leaks. */
	CHECK_EQ(nl_pppoe_sess_new(&s, i, mac_a, 11, 0, NULL, &tr), 0);
	gone_calls = 0;
	nl_pppoe_tie_watch(tr.pppoe_tie, on_gone, NULL);
	nl_pppoe_if_close(i);
	run_until(&gone_calls, 0);
	CHECK_EQ(gone_calls, 1);
	nl_transport_close(&tr);
	nl_loop_fini(&loop);
}

int main(void)
{
	RUN(session_frames_reach_their_session_only);
	RUN(session_ids_are_random_unique_and_in_range);
	RUN(either_end_closing_ends_the_session);
	RUN(kernel_plane_sessions_are_tied_not_socketpaired);
	return test_summary();
}
