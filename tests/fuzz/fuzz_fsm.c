// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz the RFC 1661 automaton: two automata, A and B, wired through a
 * packet queue, driven by a script of events and packets.
 *
 *   cfg[2]  then  { op, args... }...
 *
 * cfg[0]: bit 0/1 passive A/B, bit 2 synchronous delivery (send() feeds the
 * peer at once, depth-limited), bit 3 Code-Rejects of extended codes are
 * catastrophic, bits 4-6 Max-Failure, bit 7 owner hooks that re-enter the
 * automaton like a link owner does (This-Layer-Finished hangs up: Down;
 * This-Layer-Started dials at once: Up; This-Layer-Down drops the link:
 * Down). cfg[1]: bits 0-3 Max-Configure, bits 4-5 Max-Terminate, bits 6-7
 * which options A and B ask for.
 *
 * op bit 0 picks A or B; op >> 1 picks the step:
 *   0 raw packet: len byte, then len bytes       6 Down
 *   1 Ack/Nak/Rej of the outstanding request:    7 deliver n queued packets
 *     code byte, len byte, options               8 drop a queued packet
 *   2 timeout                                    9 Protocol-Reject of it
 *   3 Open                                      10 deliver everything queued
 *   4 Close                                     11 big packet: code, n*16 bytes
 *   5 Up                                        12 change what it asks for
 *
 * Checked after every step: the state is one of the ten; the Restart timer
 * runs exactly in Closing, Stopping, Req-Sent, Ack-Rcvd and Ack-Sent;
 * This-Layer-Up and -Down alternate and the layer is up exactly in Opened;
 * the restart counter never exceeds its maxima; every packet sent has a
 * correct Length and fits a default MRU. And nothing loops: every step is
 * bounded.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "libppp/fsm.h"
#include "libppp/ppp.h"

#define REQUIRE(c) do { if (!(c)) abort(); } while (0)

enum { QUEUE_MAX = 64, PKT_MAX = 4200, STEP_DELIVER_MAX = 64, DEPTH_MAX = 8 };

struct ep {
	struct ppp_fsm f;
	struct ep *peer;
	uint8_t cfg_val, want_val;
	bool cfg2, want2;
	uint8_t last_req[16];
	size_t last_req_len;
	int layer;		/* ups - downs */
	bool timer_on;
	bool catastrophic;
	bool hooks;
};

static struct {
	struct ep *to;
	size_t len;
	uint8_t pkt[PKT_MAX];
} queue[QUEUE_MAX];
static int q_head, q_tail;
static bool sync_delivery;
static int depth;

static struct ep *ep_of(struct ppp_fsm *f)
{
	return f->priv;
}

static bool tlv_ok(const uint8_t *p, size_t len)
{
	size_t i = 0;

	while (i < len) {
		if (len - i < 2 || p[i + 1] < 2 || p[i + 1] > len - i)
			return false;
		i += p[i + 1];
	}
	return true;
}

static void o_reset(struct ppp_fsm *f)
{
	struct ep *e = ep_of(f);

	e->want_val = e->cfg_val;
	e->want2 = e->cfg2;
}

static size_t o_build_req(struct ppp_fsm *f, uint8_t *buf, size_t cap)
{
	struct ep *e = ep_of(f);
	size_t n = 0;

	REQUIRE(cap >= 16);
	if (e->want_val) {
		buf[n++] = 1;
		buf[n++] = 3;
		buf[n++] = e->want_val;
	}
	if (e->want2) {
		buf[n++] = 2;
		buf[n++] = 2;
	}
	memcpy(e->last_req, buf, n);
	e->last_req_len = n;
	return n;
}

static int o_recv_ack(struct ppp_fsm *f, const uint8_t *p, size_t len)
{
	struct ep *e = ep_of(f);

	if (len != e->last_req_len || (len && memcmp(p, e->last_req, len)))
		return -EINVAL;
	return 0;
}

static int o_recv_nak(struct ppp_fsm *f, const uint8_t *p, size_t len,
		      bool last)
{
	struct ep *e = ep_of(f);
	size_t i;

	if (!tlv_ok(p, len))
		return -EINVAL;
	for (i = 0; i < len; i += p[i + 1])
		if (p[i] == 1 && p[i + 1] == 3)
			e->want_val = last ? 0 : p[i + 2];
	return 0;
}

static int o_recv_rej(struct ppp_fsm *f, const uint8_t *p, size_t len)
{
	struct ep *e = ep_of(f);
	size_t i;

	if (!tlv_ok(p, len))
		return -EINVAL;
	for (i = 0; i < len; i += p[i + 1]) {
		if (p[i] == 1)
			e->want_val = 0;
		if (p[i] == 2)
			e->want2 = false;
	}
	return 0;
}

/* Option 1 must be >= 10 (else naked to 10), option 2 is accepted,
 * anything else rejected. */
static int o_recv_req(struct ppp_fsm *f, const uint8_t *p, size_t len,
		      uint8_t *out, size_t cap, size_t *outlen, bool no_nak)
{
	size_t nn = 0, nr = 0, i;
	uint8_t nak[PKT_MAX];

	if (!tlv_ok(p, len) || len > cap)
		return -EINVAL;
	for (i = 0; i < len; i += p[i + 1]) {
		const uint8_t *o = p + i;

		if (o[0] == 1 && o[1] == 3 && o[2] >= 10)
			continue;
		if (o[0] == 2 && o[1] == 2)
			continue;
		if (o[0] == 1 && o[1] == 3 && !no_nak) {
			nak[nn++] = 1;
			nak[nn++] = 3;
			nak[nn++] = 10;
			continue;
		}
		memcpy(out + nr, o, o[1]);	/* nr <= i: fits in cap */
		nr += o[1];
	}
	if (nr) {
		*outlen = nr;
		return PPP_CONFREJ;
	}
	if (nn) {
		REQUIRE(nn <= cap);
		memcpy(out, nak, nn);
		*outlen = nn;
		return PPP_CONFNAK;
	}
	if (len)
		memcpy(out, p, len);
	*outlen = len;
	return PPP_CONFACK;
}

static void o_up(struct ppp_fsm *f)
{
	struct ep *e = ep_of(f);

	REQUIRE(f->state == PPP_FSM_OPENED);
	REQUIRE(e->layer == 0);
	e->layer++;
}

static void o_down(struct ppp_fsm *f)
{
	struct ep *e = ep_of(f);

	REQUIRE(f->state != PPP_FSM_OPENED);
	REQUIRE(e->layer == 1);
	e->layer--;
	if (e->hooks && f->state == PPP_FSM_STOPPING)
		ppp_fsm_lower_down(f);
}

static void o_started(struct ppp_fsm *f)
{
	if (ep_of(f)->hooks)
		ppp_fsm_lower_up(f);
}

static void o_finished(struct ppp_fsm *f)
{
	if (ep_of(f)->hooks)
		ppp_fsm_lower_down(f);
}

static void o_peer_terminated(struct ppp_fsm *f, const uint8_t *p, size_t len)
{
	REQUIRE(f->state >= PPP_FSM_REQSENT);
	(void)memchr(p, 0, len);	/* every byte readable, for ASan */
}

static int o_recv_code(struct ppp_fsm *f, uint8_t code, uint8_t id,
		       const uint8_t *p, size_t len)
{
	switch (code) {
	case PPP_ECHOREQ:
		if (f->state == PPP_FSM_OPENED && len >= 4)
			ppp_fsm_send(f, PPP_ECHOREP, id, p, len);
		return 0;
	case PPP_ECHOREP:
	case PPP_DISCREQ:
		return 0;
	case PPP_PROTREJ:
		return -EINVAL;
	default:
		return -EOPNOTSUPP;
	}
}

static bool o_code_rejected(struct ppp_fsm *f, uint8_t code)
{
	return ep_of(f)->catastrophic;
}

static void o_send(struct ppp_fsm *f, const uint8_t *pkt, size_t len)
{
	struct ep *e = ep_of(f);

	REQUIRE(len >= PPP_CP_HDRLEN && len <= PKT_MAX);
	REQUIRE(ppp_get_be16(pkt + 2) == len);
	if (pkt[0] <= PPP_CODEREJ)
		REQUIRE(len <= PPP_MRU_DEFAULT);
	if (sync_delivery) {
		if (depth < DEPTH_MAX) {
			depth++;
			ppp_fsm_input(&e->peer->f, pkt, len);
			depth--;
		}
		return;
	}
	if (q_tail - q_head >= QUEUE_MAX)
		return;		/* a full line loses packets */
	queue[q_tail % QUEUE_MAX].to = e->peer;
	queue[q_tail % QUEUE_MAX].len = len;
	memcpy(queue[q_tail % QUEUE_MAX].pkt, pkt, len);
	q_tail++;
}

static void o_timer(struct ppp_fsm *f, uint32_t ms)
{
	ep_of(f)->timer_on = ms != 0;
}

static const struct ppp_fsm_ops ops = {
	.reset = o_reset,
	.build_req = o_build_req,
	.recv_ack = o_recv_ack,
	.recv_nak = o_recv_nak,
	.recv_rej = o_recv_rej,
	.recv_req = o_recv_req,
	.up = o_up,
	.down = o_down,
	.started = o_started,
	.finished = o_finished,
	.peer_terminated = o_peer_terminated,
	.recv_code = o_recv_code,
	.code_rejected = o_code_rejected,
	.send = o_send,
	.timer = o_timer,
};

static void deliver(int n)
{
	while (n-- > 0 && q_head != q_tail) {
		int i = q_head++ % QUEUE_MAX;
		static uint8_t pkt[PKT_MAX];
		size_t len = queue[i].len;

		/* Copy out: delivery may queue more and reuse the slot. */
		memcpy(pkt, queue[i].pkt, len);
		ppp_fsm_input(&queue[i].to->f, pkt, len);
	}
}

static void check(const struct ep *e)
{
	const struct ppp_fsm *f = &e->f;
	bool runs = f->state >= PPP_FSM_CLOSING && f->state <= PPP_FSM_ACKSENT;
	unsigned int max = f->max_configure > f->max_terminate ?
			   f->max_configure : f->max_terminate;

	REQUIRE(f->state <= PPP_FSM_OPENED);
	REQUIRE(e->timer_on == runs);
	REQUIRE(e->layer == (f->state == PPP_FSM_OPENED));
	REQUIRE(f->restart_count <= max);
}

/* Send @len bytes from the input as one packet, exactly sized. */
static void input_exact(struct ep *e, const uint8_t *p, size_t len)
{
	uint8_t *copy = malloc(len ? len : 1);

	if (!copy)
		return;
	if (len)
		memcpy(copy, p, len);
	ppp_fsm_input(&e->f, copy, len);
	free(copy);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct ep a, b;
	size_t pos = 2;
	int i;

	if (size < 2)
		return 0;
	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	q_head = q_tail = 0;
	depth = 0;
	sync_delivery = data[0] & 4;
	for (i = 0; i < 2; i++) {
		struct ep *e = i ? &b : &a;

		ppp_fsm_init(&e->f, &ops, e, PPP_PROTO_LCP);
		e->peer = i ? &a : &b;
		e->f.passive = data[0] & (1 << i);
		e->f.max_failure = (data[0] >> 4) & 7;
		e->hooks = data[0] & 0x80;
		e->f.max_configure = (data[1] & 15) + 1;
		e->f.max_terminate = ((data[1] >> 4) & 3) + 1;
		e->cfg_val = (data[1] & (0x40 << i)) ? 5 : 20;
		e->cfg2 = !(data[1] & (0x40 << i));
		e->catastrophic = data[0] & 8;
	}

	while (pos < size) {
		uint8_t op = data[pos++];
		struct ep *e = (op & 1) ? &b : &a;
		size_t n;

		switch ((op >> 1) % 13) {
		case 0:
			if (pos >= size)
				break;
			n = data[pos++];
			if (n > size - pos)
				n = size - pos;
			input_exact(e, data + pos, n);
			pos += n;
			break;
		case 1: {
			uint8_t pkt[4 + 255];

			if (size - pos < 2)
				break;
			pkt[0] = PPP_CONFACK + data[pos++] % 3;
			n = data[pos++];
			if (n > size - pos)
				n = size - pos;
			pkt[1] = e->f.req_id;
			ppp_put_be16(pkt + 2, (uint16_t)(n + 4));
			memcpy(pkt + 4, data + pos, n);
			pos += n;
			input_exact(e, pkt, n + 4);
			break;
		}
		case 2:
			ppp_fsm_timeout(&e->f);
			break;
		case 3:
			ppp_fsm_open(&e->f);
			break;
		case 4:
			ppp_fsm_close(&e->f, (op & 0x80) ? "fuzz" : NULL);
			break;
		case 5:
			ppp_fsm_lower_up(&e->f);
			break;
		case 6:
			ppp_fsm_lower_down(&e->f);
			break;
		case 7:
			deliver(pos < size ? data[pos++] % STEP_DELIVER_MAX : 1);
			break;
		case 8:
			if (q_head != q_tail)
				q_head++;
			break;
		case 9:
			ppp_fsm_proto_rejected(&e->f);
			break;
		case 10:
			deliver(STEP_DELIVER_MAX);
			break;
		case 11: {
			static uint8_t big[PKT_MAX];

			if (size - pos < 2)
				break;
			n = 4 + (size_t)data[pos + 1] * 16;
			big[0] = data[pos];
			big[1] = 0x42;
			ppp_put_be16(big + 2, (uint16_t)n);
			memset(big + 4, data[pos + 1], n - 4);
			pos += 2;
			input_exact(e, big, n);
			break;
		}
		case 12:
			e->cfg_val = pos < size ? data[pos++] : 0;
			e->cfg2 = op & 0x80;
			break;
		}
		check(&a);
		check(&b);
	}
	return 0;
}
