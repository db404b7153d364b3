// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <time.h>
#include <unistd.h>

#include "event.h"

static uint64_t (*clock_fn)(void);

void nl_clock_override(uint64_t (*fn)(void))
{
	clock_fn = fn;
}

uint64_t nl_now_ms(void)
{
	struct timespec ts;

	if (clock_fn)
		return clock_fn();
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int nl_loop_init(struct nl_loop *l)
{
	memset(l, 0, sizeof(*l));
	l->sigfd = -1;
	sigemptyset(&l->sigmask);
	l->epfd = epoll_create1(EPOLL_CLOEXEC);
	return l->epfd < 0 ? -errno : 0;
}

void nl_loop_fini(struct nl_loop *l)
{
	if (l->sigfd >= 0)
		close(l->sigfd);
	if (l->epfd >= 0)
		close(l->epfd);
	free(l->heap);
	l->heap = NULL;
	l->epfd = l->sigfd = -1;
}

void nl_loop_stop(struct nl_loop *l)
{
	l->stop = true;
}

int nl_io_add(struct nl_loop *l, struct nl_io *io, int fd, uint32_t events,
	      nl_io_fn fn, void *ctx)
{
	struct epoll_event ev = { .events = events, .data.ptr = io };

	io->fd = fd;
	io->events = events;
	io->fn = fn;
	io->ctx = ctx;
	if (epoll_ctl(l->epfd, EPOLL_CTL_ADD, fd, &ev) < 0) {
		io->fd = -1;
		return -errno;
	}
	return 0;
}

int nl_io_mod(struct nl_loop *l, struct nl_io *io, uint32_t events)
{
	struct epoll_event ev = { .events = events, .data.ptr = io };

	if (io->fd < 0 || io->events == events)
		return 0;
	io->events = events;
	return epoll_ctl(l->epfd, EPOLL_CTL_MOD, io->fd, &ev) < 0 ? -errno : 0;
}

void nl_io_del(struct nl_loop *l, struct nl_io *io)
{
	if (io->fd < 0)
		return;
	epoll_ctl(l->epfd, EPOLL_CTL_DEL, io->fd, NULL);
	io->fd = -1;
}

/* --- timers: a min-heap keyed on expiry, each timer knows its slot --- */

static void heap_set(struct nl_loop *l, unsigned int i, struct nl_timer *t)
{
	l->heap[i] = t;
	t->slot = i;
}

static void heap_up(struct nl_loop *l, unsigned int i)
{
	struct nl_timer *t = l->heap[i];

	while (i > 0) {
		unsigned int p = (i - 1) / 2;

		if (l->heap[p]->when <= t->when)
			break;
		heap_set(l, i, l->heap[p]);
		i = p;
	}
	heap_set(l, i, t);
}

static void heap_down(struct nl_loop *l, unsigned int i)
{
	struct nl_timer *t = l->heap[i];

	for (;;) {
		unsigned int c = 2 * i + 1;

		if (c >= l->nheap)
			break;
		if (c + 1 < l->nheap && l->heap[c + 1]->when < l->heap[c]->when)
			c++;
		if (t->when <= l->heap[c]->when)
			break;
		heap_set(l, i, l->heap[c]);
		i = c;
	}
	heap_set(l, i, t);
}

void nl_timer_init(struct nl_timer *t, nl_timer_fn fn, void *ctx)
{
	memset(t, 0, sizeof(*t));
	t->fn = fn;
	t->ctx = ctx;
}

void nl_timer_cancel(struct nl_loop *l, struct nl_timer *t)
{
	unsigned int i = t->slot;

	if (!t->armed)
		return;
	t->armed = false;
	l->nheap--;
	if (i == l->nheap)
		return;
	heap_set(l, i, l->heap[l->nheap]);
	if (i > 0 && l->heap[(i - 1) / 2]->when > l->heap[i]->when)
		heap_up(l, i);
	else
		heap_down(l, i);
}

void nl_timer_arm(struct nl_loop *l, struct nl_timer *t, uint64_t ms)
{
	nl_timer_cancel(l, t);
	if (l->nheap == l->capheap) {
		unsigned int cap = l->capheap ? 2 * l->capheap : 64;
		struct nl_timer **h = realloc(l->heap, cap * sizeof(*h));

		if (!h)
			abort();	/* a timer that silently never fires is worse */
		l->heap = h;
		l->capheap = cap;
	}
	t->when = nl_now_ms() + ms;
	t->armed = true;
	heap_set(l, l->nheap++, t);
	heap_up(l, t->slot);
}

int nl_loop_run_timers(struct nl_loop *l)
{
	uint64_t now = nl_now_ms();

	while (l->nheap && l->heap[0]->when <= now) {
		struct nl_timer *t = l->heap[0];

		nl_timer_cancel(l, t);
		t->fn(t->ctx);
		if (l->stop)
			return -1;
	}
	if (!l->nheap)
		return -1;
	return (int)(l->heap[0]->when - now);
}

/* --- signals --- */

void nl_signals_reset_for_exec(void)
{
	struct sigaction sa = { .sa_handler = SIG_DFL };
	sigset_t none;
	int sig;

	sigemptyset(&sa.sa_mask);
	for (sig = 1; sig < NSIG; sig++)
		sigaction(sig, &sa, NULL);	/* EINVAL for KILL, STOP: fine */
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
}

static void signal_ready(void *ctx, uint32_t events)
{
	struct nl_loop *l = ctx;
	struct signalfd_siginfo si;

	while (read(l->sigfd, &si, sizeof(si)) == sizeof(si)) {
		if (si.ssi_signo < 65 && l->sig[si.ssi_signo].fn)
			l->sig[si.ssi_signo].fn(l->sig[si.ssi_signo].ctx,
						si.ssi_signo);
	}
}

int nl_loop_signal(struct nl_loop *l, int signo, nl_signal_fn fn, void *ctx)
{
	int fd;

	if (signo <= 0 || signo >= 65)
		return -EINVAL;
	l->sig[signo].fn = fn;
	l->sig[signo].ctx = ctx;
	sigaddset(&l->sigmask, signo);
	if (sigprocmask(SIG_BLOCK, &l->sigmask, NULL) < 0)
		return -errno;
	fd = signalfd(l->sigfd, &l->sigmask, SFD_NONBLOCK | SFD_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (l->sigfd < 0) {
		l->sigfd = fd;
		return nl_io_add(l, &l->sigio, fd, EPOLLIN, signal_ready, l);
	}
	return 0;
}

int nl_loop_run(struct nl_loop *l)
{
	struct epoll_event evs[64];

	l->stop = false;
	while (!l->stop) {
		int timeout = nl_loop_run_timers(l);
		int n, i;

		if (l->stop)
			break;
		n = epoll_wait(l->epfd, evs, 64, timeout);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		for (i = 0; i < n && !l->stop; i++) {
			struct nl_io *io = evs[i].data.ptr;

			if (io->fd >= 0)
				io->fn(io->ctx, evs[i].events);
		}
	}
	return 0;
}
