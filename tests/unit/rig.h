/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A link with no network and no kernel, shared by the unit tests and the
 * fuzzers: a bundle whose data plane is a recorder, one link attached the
 * way nl_bundle_start() does it (minus opening a plane), scripts from an
 * empty directory and, on request, an rtnetlink that acks everything.
 */
#ifndef NLPPP_TEST_RIG_H
#define NLPPP_TEST_RIG_H

#include <stdbool.h>
#include <stdint.h>

#include "bundle.h"
#include "config.h"
#include "event.h"
#include "link.h"
#include "registry.h"

enum { SENT_MAX = 64, FRAME_MAX = 1600 };

struct sent {
	uint16_t proto;
	size_t len;
	uint8_t p[FRAME_MAX];
};

/* The fake data plane's record (dp->priv). */
struct fake_dp {
	struct sent sent[SENT_MAX];
	int nsent;
	bool count_only;		/* past SENT_MAX: count, do not record */
	bool overflow;			/* a frame was sent that could not be recorded */
	unsigned long total, protrej;	/* every frame sent; LCP Protocol-Rejects */
	int set_link_calls;
	struct nl_link_params last_lp;
	int set_np_calls;
	int attach_calls, detach_calls, destroy_calls;
};

extern const struct nl_dataplane_ops fake_dp_ops;

struct rig {
	struct nl_loop loop;
	struct nl_registry reg;
	struct nl_config cfg;
	struct nl_bundle *b;
	struct nl_link *l;		/* NULL once the bundle died */
	struct fake_dp fk;
	char etc[64];
	int dead_calls;
	bool stop_on_dead;		/* end rig_run() when the bundle dies */
	uint64_t dead_ms;
	struct nl_timer stop;
};

enum {
	RIG_IPV6 = 1 << 0,	/* +ipv6 */
	RIG_AUTH = 1 << 1,	/* require-chap: the peer must authenticate with CHAP-MD5 */
	RIG_RTNL = 1 << 2,	/* an rtnetlink whose kernel acks every request */
	RIG_MSCHAP2 = 1 << 3,	/* require-mschap-v2 */
};

/*
 * noauth, 10.0.0.1:10.0.0.2, scripts and secrets from @etc (NULL: a new
 * empty directory, removed by rig_fini); RIG_* @flags. rig_prepare() fills
 * in the loop and r->cfg, rig_start() makes the bundle and its link and
 * starts LCP: callers that change the options do it between.
 */
int rig_prepare(struct rig *r, unsigned int flags, const char *etc);
int rig_start(struct rig *r);
int rig_init(struct rig *r, unsigned int flags);
void rig_fini(struct rig *r);
/* Run the loop (real time) for @ms: what the code deferred happens. */
int rig_run(struct rig *r, unsigned int ms);

/* An rtnetlink handle whose "kernel" acks every request, answers dumps
 * with nothing, and never leaves the process. */
int fake_rtnl_open(struct nl_rtnl **rp);

#endif
