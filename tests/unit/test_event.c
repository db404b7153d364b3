// SPDX-License-Identifier: GPL-2.0
/* The event loop: timer ordering, cancel, re-arm, fd readiness, signals. */
#include <signal.h>
#include <sys/epoll.h>
#include <unistd.h>

#include "event.h"
#include "test.h"

struct rec {
	struct nl_loop *l;
	int order[16];
	int n;
	int id;
	int *log;
};

static int fired[16], nfired;

static void note(void *ctx)
{
	fired[nfired++] = (int)(long)ctx;
}

static void stop_loop(void *ctx)
{
	nl_loop_stop(ctx);
}

TEST(timers_fire_in_expiry_order_not_arm_order)
{
	struct nl_loop l;
	struct nl_timer t[5], stop;
	static const int ms[5] = { 40, 10, 30, 0, 20 };
	int i;

	nfired = 0;
	CHECK_EQ(nl_loop_init(&l), 0);
	for (i = 0; i < 5; i++) {
		nl_timer_init(&t[i], note, (void *)(long)i);
		nl_timer_arm(&l, &t[i], ms[i]);
	}
	nl_timer_init(&stop, stop_loop, &l);
	nl_timer_arm(&l, &stop, 80);
	nl_loop_run(&l);
	CHECK_EQ(nfired, 5);
	CHECK_EQ(fired[0], 3);
	CHECK_EQ(fired[1], 1);
	CHECK_EQ(fired[2], 4);
	CHECK_EQ(fired[3], 2);
	CHECK_EQ(fired[4], 0);
	nl_loop_fini(&l);
}

TEST(cancelled_timer_never_fires_and_rearm_moves_it)
{
	struct nl_loop l;
	struct nl_timer a, b, c, stop;

	nfired = 0;
	nl_loop_init(&l);
	nl_timer_init(&a, note, (void *)1L);
	nl_timer_init(&b, note, (void *)2L);
	nl_timer_init(&c, note, (void *)3L);
	nl_timer_init(&stop, stop_loop, &l);
	nl_timer_arm(&l, &a, 5);
	nl_timer_arm(&l, &b, 10);
	nl_timer_arm(&l, &c, 15);
	nl_timer_cancel(&l, &b);
	nl_timer_arm(&l, &a, 30);	/* re-arm: now after c */
	nl_timer_arm(&l, &stop, 60);
	nl_loop_run(&l);
	CHECK_EQ(nfired, 2);
	CHECK_EQ(fired[0], 3);
	CHECK_EQ(fired[1], 1);
	CHECK(!a.armed && !b.armed && !c.armed);
	CHECK_EQ(l.nheap, 0);
	nl_loop_fini(&l);
}

TEST(heap_stays_ordered_under_many_random_operations)
{
	struct nl_loop l;
	static struct nl_timer t[200];
	unsigned int i, seed = 7;

	nl_loop_init(&l);
	for (i = 0; i < 200; i++)
		nl_timer_init(&t[i], note, NULL);
	for (i = 0; i < 5000; i++) {
		unsigned int k;

		seed = seed * 1103515245 + 12345;
		k = (seed >> 8) % 200;
		if (seed & 1)
			nl_timer_arm(&l, &t[k], (seed >> 4) % 100000);
		else
			nl_timer_cancel(&l, &t[k]);
	}
	for (i = 0; i < l.nheap; i++) {
		CHECK_EQ(l.heap[i]->slot, i);
		if (i)
			CHECK(l.heap[(i - 1) / 2]->when <= l.heap[i]->when);
	}
	for (i = 0; i < 200; i++)
		nl_timer_cancel(&l, &t[i]);
	CHECK_EQ(l.nheap, 0);
	nl_loop_fini(&l);
}

static void on_read(void *ctx, uint32_t ev)
{
	struct rec *r = ctx;
	char c;

	if (read(r->id, &c, 1) == 1)
		r->order[r->n++] = c;
	if (r->n == 2)
		nl_loop_stop(r->l);
}

TEST(readable_fd_calls_its_callback)
{
	struct nl_loop l;
	struct nl_io io;
	struct rec r = { .l = &l };
	int p[2];

	CHECK_EQ(pipe(p), 0);
	nl_loop_init(&l);
	r.id = p[0];
	CHECK_EQ(nl_io_add(&l, &io, p[0], EPOLLIN, on_read, &r), 0);
	CHECK_EQ(write(p[1], "xy", 2), 2);
	nl_loop_run(&l);
	CHECK_EQ(r.n, 2);
	CHECK_EQ(r.order[0], 'x');
	CHECK_EQ(r.order[1], 'y');
	nl_io_del(&l, &io);
	close(p[0]);
	close(p[1]);
	nl_loop_fini(&l);
}

static int got_signal;

static void on_sig(void *ctx, int signo)
{
	got_signal = signo;
	nl_loop_stop(ctx);
}

TEST(signal_is_delivered_through_the_loop)
{
	struct nl_loop l;

	nl_loop_init(&l);
	CHECK_EQ(nl_loop_signal(&l, SIGUSR2, on_sig, &l), 0);
	kill(getpid(), SIGUSR2);
	nl_loop_run(&l);
	CHECK_EQ(got_signal, SIGUSR2);
	nl_loop_fini(&l);
}

int main(void)
{
	RUN(timers_fire_in_expiry_order_not_arm_order);
	RUN(cancelled_timer_never_fires_and_rearm_moves_it);
	RUN(heap_stays_ordered_under_many_random_operations);
	RUN(readable_fd_calls_its_callback);
	RUN(signal_is_delivered_through_the_loop);
	return test_summary();
}
