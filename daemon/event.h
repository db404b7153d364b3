/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The event loop: epoll for file descriptors, a binary heap of one-shot
 * timers on CLOCK_MONOTONIC, and signals through a signalfd. One loop per
 * process serves every session; nothing here knows what a session is.
 */
#ifndef NLPPPD_EVENT_H
#define NLPPPD_EVENT_H

#include <stdbool.h>
#include <stdint.h>
#include <signal.h>

typedef void (*nl_io_fn)(void *ctx, uint32_t events);
typedef void (*nl_timer_fn)(void *ctx);
typedef void (*nl_signal_fn)(void *ctx, int signo);

/* A watched descriptor; the owner embeds it and keeps it alive while added. */
struct nl_io {
	int fd;
	uint32_t events;
	nl_io_fn fn;
	void *ctx;
};

/* A one-shot timer; the owner embeds it. */
struct nl_timer {
	uint64_t when;		/* CLOCK_MONOTONIC ms */
	unsigned int slot;	/* index in the heap while armed */
	bool armed;
	nl_timer_fn fn;
	void *ctx;
};

struct nl_loop {
	int epfd;
	int sigfd;
	struct nl_io sigio;
	sigset_t sigmask;
	struct {
		nl_signal_fn fn;
		void *ctx;
	} sig[65];
	struct nl_timer **heap;
	unsigned int nheap, capheap;
	bool stop;
};

uint64_t nl_now_ms(void);
/*
 * Tests only: read the time from @fn instead of CLOCK_MONOTONIC (NULL puts
 * the real clock back). A fuzzer drives every timer with it, in no time.
 */
void nl_clock_override(uint64_t (*fn)(void));

int nl_loop_init(struct nl_loop *l);
void nl_loop_fini(struct nl_loop *l);
/* Run until nl_loop_stop(); returns 0 or -errno. */
int nl_loop_run(struct nl_loop *l);
void nl_loop_stop(struct nl_loop *l);
/*
 * Fire the timers that are due (what nl_loop_run does each turn). Returns
 * the milliseconds until the next one, or -1 if none is armed or the loop
 * was stopped.
 */
int nl_loop_run_timers(struct nl_loop *l);

int nl_io_add(struct nl_loop *l, struct nl_io *io, int fd, uint32_t events,
	      nl_io_fn fn, void *ctx);
int nl_io_mod(struct nl_loop *l, struct nl_io *io, uint32_t events);
void nl_io_del(struct nl_loop *l, struct nl_io *io);

void nl_timer_init(struct nl_timer *t, nl_timer_fn fn, void *ctx);
/* (Re)arm @t to fire once after @ms milliseconds. */
void nl_timer_arm(struct nl_loop *l, struct nl_timer *t, uint64_t ms);
void nl_timer_cancel(struct nl_loop *l, struct nl_timer *t);

/*
 * In a child between fork() and exec(): every signal back to its default
 * disposition and none blocked. The loop blocks what its signalfd reads
 * and the daemon ignores SIGPIPE; a script or pty command inheriting that
 * could not be stopped with SIGTERM. Async-signal-safe.
 */
void nl_signals_reset_for_exec(void);

/* Deliver @signo through the loop (blocks it for the process). */
int nl_loop_signal(struct nl_loop *l, int signo, nl_signal_fn fn, void *ctx);

#endif
