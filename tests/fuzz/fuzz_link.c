// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz a whole link end to end: LCP, PAP and CHAP both ways, IPCP and
 * IPV6CP, the bundle's network phase, timers, hangups. The link is the
 * rig of tests/unit/rig.h (a recording data plane, an rtnetlink that acks
 * everything, scripts and secrets from a private temporary directory) on a
 * clock of our own, fed by a script:
 *
 *   cfg[2] then { op, len (2 bytes, big endian), data[len] }...
 *
 *   op 0  bytes from the peer's wire: async HDLC, deframed as the user
 *         plane does (flags, escapes, FCS, the receive ACCM in force)
 *   op 1  one frame, header and all (address/control, protocol), no FCS
 *   op 2  the clock moves on data[0..1] (big endian) * 4 ms; timers fire
 *   op 3  the transport hangs up
 *   op 4  the administrator closes the link (SIGTERM, nlpppctl down)
 *   op 5  nlpppctl show: the status objects are built
 *
 * Randomness (the LCP magic number, CHAP challenges, IPV6CP interface
 * ids) comes from getrandom(), which this file replaces with a sequence
 * that starts over with every input: runs repeat exactly, and seeds can
 * answer our CHAP challenges. tests/fuzz/gen_link_seeds.py makes the seeds.
 */
#include <errno.h>
#include <json-c/json.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "libppp/hdlc.h"
#include "libppp/ppp.h"

#include "log.h"
#include "rig.h"

enum {
	OP_WIRE, OP_FRAME, OP_TIME, OP_HANGUP, OP_CLOSE, OP_STATUS,
	TIME_UNIT_MS = 4,
	TIMER_ROUNDS = 10000,	/* a timer re-arming itself at 0 ms is a hang */
};

static char etc[64];
static uint64_t fake_now;
static uint32_t rnd;

static uint64_t fake_clock(void)
{
	return fake_now;
}

/* Replaces libc's: the same bytes every run. */
ssize_t getrandom(void *buf, size_t len, unsigned int flags)
{
	uint8_t *p = buf;
	size_t i;

	for (i = 0; i < len; i++) {
		rnd ^= rnd << 13;
		rnd ^= rnd >> 17;
		rnd ^= rnd << 5;
		p[i] = (uint8_t)rnd;
	}
	return (ssize_t)len;
}

static void put_file(const char *name, const char *text)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", etc, name);
	f = fopen(path, "w");
	if (!f)
		abort();
	fputs(text, f);
	fclose(f);
	chmod(path, 0600);
}

static void cleanup(void)
{
	char path[128];

	snprintf(path, sizeof(path), "%s/pap-secrets", etc);
	unlink(path);
	snprintf(path, sizeof(path), "%s/chap-secrets", etc);
	unlink(path);
	rmdir(etc);
}

/*
 * Our name is "test"; the peer is "peer". Each side has a secret for the
 * other in both files; the peer's entry allows it 10.0.0.2.
 */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	snprintf(etc, sizeof(etc), "/tmp/fuzz_link.XXXXXX");
	if (!mkdtemp(etc))
		abort();
	put_file("pap-secrets", "peer test peerpw 10.0.0.2\ntest * ourpw\n");
	put_file("chap-secrets", "peer test peersecret 10.0.0.2\ntest * oursecret\n");
	atexit(cleanup);
	nl_clock_override(fake_clock);
	return 0;
}

static void configure(struct nl_config *c, const uint8_t *cfg)
{
	c->ipv6 = cfg[0] & 0x01;
	c->auth = cfg[0] & 0x02;
	c->require_pap = cfg[0] & 0x04;
	c->require_chap = cfg[0] & 0x08;
	c->nomagic = cfg[0] & 0x10;
	c->noaccomp = c->nopcomp = cfg[0] & 0x20;
	c->defaultroute = cfg[0] & 0x40;
	if (cfg[0] & 0x80)
		c->remote_ip.s_addr = 0;
	c->chap_allow_own_name = cfg[1] & 0x01;
	if (cfg[1] & 0x02)
		snprintf(c->password, sizeof(c->password), "ourpw");
	c->refuse_pap = cfg[1] & 0x04;
	c->refuse_chap = cfg[1] & 0x08;
	c->idle = cfg[1] & 0x10 ? 60 : 0;
	c->maxconnect = cfg[1] & 0x20 ? 600 : 0;
	c->noip = cfg[1] & 0x40;
	c->lcp_echo_interval = cfg[1] & 0x80 ? 5 : 0;
	c->lcp_echo_failure = cfg[1] & 0x80 ? 3 : 0;
}

/* A frame off the wire, header and all, handed up as the user plane does. */
static void frame_in(void *ctx, uint8_t *frame, size_t len)
{
	struct rig *r = ctx;
	uint16_t proto;
	int hl;

	if (!r->l)
		return;
	hl = ppp_hdr_parse(frame, len, &proto);
	if (hl < 0)
		return;
	nl_link_dp_frame(r->l, proto, frame + hl, len - hl);
}

/* Move the clock to @ms from now, firing each timer at its time. */
static void advance(struct rig *r, uint64_t ms)
{
	uint64_t end = fake_now + ms;
	int i, next;

	for (i = 0; i < TIMER_ROUNDS; i++) {
		next = nl_loop_run_timers(&r->loop);
		if (next < 0 || fake_now + (uint64_t)next > end)
			break;
		fake_now += (uint64_t)next;
	}
	fake_now = end;
	nl_loop_run_timers(&r->loop);
}

static void show(struct rig *r)
{
	json_object_put(nl_bundle_status(r->b));
	if (r->l)
		json_object_put(nl_link_status(r->l));
}

static void step(struct rig *r, struct ppp_hdlc_rx *hrx, uint8_t op,
		 const uint8_t *d, size_t len)
{
	uint8_t frame[PPP_HDR_MAX + PPP_MRU_MAX];

	switch (op % 6) {
	case OP_WIRE:
		hrx->accm = r->fk.last_lp.rx_accm;
		ppp_hdlc_decode(hrx, d, len, frame_in, r);
		break;
	case OP_FRAME:
		if (len > sizeof(frame))
			len = sizeof(frame);
		memcpy(frame, d, len);
		frame_in(r, frame, len);
		break;
	case OP_TIME:
		advance(r, (len >= 2 ? (uint64_t)d[0] << 8 | d[1] : len ? d[0] : 1) * TIME_UNIT_MS);
		break;
	case OP_HANGUP:
		nl_link_dp_down(r->l);
		break;
	case OP_CLOSE:
		nl_bundle_close(r->b, "User request", NL_EXIT_USER_REQUEST);
		break;
	case OP_STATUS:
		show(r);
		break;
	}
	/* What the automaton deferred to the loop (the dead timer) runs now. */
	nl_loop_run_timers(&r->loop);
}

/* For the seed generator: what we sent, one frame a line, in hex. */
static void trace(const struct rig *r)
{
	int i;
	size_t j;

	for (i = 0; i < r->fk.nsent; i++) {
		printf("%04x ", r->fk.sent[i].proto);
		for (j = 0; j < r->fk.sent[i].len; j++)
			printf("%02x", r->fk.sent[i].p[j]);
		printf("\n");
	}
	printf("phase %s alive %d\n", r->l ? nl_phase_name(r->l->phase) : "gone", r->l != NULL);
	fflush(stdout);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct rig r;	/* large: the recorder keeps 64 frames */
	uint8_t rxbuf[PPP_HDR_MAX + PPP_MRU_MAX + 8];
	struct ppp_hdlc_rx hrx;
	size_t off = 2;

	if (size < 2)
		return 0;
	rnd = 0x9e3779b9;
	fake_now = 1000000;
	nl_log_set_debug(data[1] & 0x80);
	if (rig_prepare(&r, RIG_RTNL, etc) < 0)
		abort();
	configure(&r.cfg, data);
	r.fk.count_only = true;
	if (rig_start(&r) < 0)
		abort();
	ppp_hdlc_rx_init(&hrx, rxbuf, sizeof(rxbuf), 0xffffffff, false);
	while (r.l && off + 3 <= size) {
		uint8_t op = data[off];
		size_t len = (size_t)data[off + 1] << 8 | data[off + 2];

		off += 3;
		if (len > size - off)
			len = size - off;
		step(&r, &hrx, op, data + off, len);
		off += len;
	}
	if (getenv("FUZZ_LINK_TRACE"))
		trace(&r);
	/* Run down whatever is left: a close, the timers, the dead link. */
	if (r.l) {
		nl_bundle_close(r.b, "User request", NL_EXIT_USER_REQUEST);
		advance(&r, 60000);
	}
	rig_fini(&r);
	nl_log_set_debug(false);
	return 0;
}
