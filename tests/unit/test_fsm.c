// SPDX-License-Identifier: GPL-2.0
/*
 * The RFC 1661 automaton, checked cell by cell against the state transition
 * table of section 4.1 (transcribed below as the RFC prints it), then the
 * counters, identifiers, lengths and Code-Reject rules of sections 4.6 and
 * 5, re-entrant callbacks, and whole negotiations between two automata.
 *
 * The options used here are toy TLVs: type 1 (length 3) carries a value the
 * receiver wants at least `min_val`, else it naks with min_val; type 2
 * (length 2) is a flag the receiver rejects unless `allow2`; anything else
 * is rejected.
 */
#include "test.h"

#include <stdlib.h>

#include "libppp/fsm.h"
#include "libppp/ppp.h"

enum {
	LOG_MAX = 256,
	PKT_COPY = 1600,
	QUEUE_MAX = 128,
	MAX_CONF = 10,		/* test values, distinct from each other */
	MAX_TERM = 3,
	COUNT_MARK = 5,		/* restart counter set before an event */
};

enum act { A_TLU, A_TLD, A_TLS, A_TLF, A_SEND };

struct ent {
	enum act act;
	uint8_t code, id;
	size_t len;			/* the whole packet */
	uint8_t pkt[PKT_COPY];		/* its first PKT_COPY bytes */
};

struct ep {
	struct ppp_fsm f;
	struct ent log[LOG_MAX];
	int n;

	bool timer_on;
	int timer_arms, timer_stops;

	/* Options: configuration, then what is being requested now. */
	uint8_t cfg_val;		/* option 1 value we ask for; 0 = none */
	bool cfg2;			/* ask for option 2 */
	uint8_t want_val;
	bool want2;
	uint8_t min_val;		/* peer's option 1 must be at least this */
	uint8_t peer_val;		/* the peer's option 1 we acked; reset clears */
	bool allow2;
	uint8_t last_req[PKT_COPY];
	size_t last_req_len;

	/* What the callbacks saw. */
	int resets, ups, downs, starts, finishes;
	int req_calls, nak_calls, naks_with_last, ack_calls;
	bool no_nak_seen[32];
	bool last_seen[32];
	int recv_code_calls;
	int recv_code_ret;		/* for codes it does not handle */
	bool catastrophic;		/* what code_rejected answers */
	int code_rejected_calls;
	uint8_t rejected_code;
	int terminated;
	uint8_t term_data[64];
	size_t term_len;

	/* Re-entrancy hooks. */
	void (*on_up)(struct ep *e);
	void (*on_down)(struct ep *e);
	void (*on_started)(struct ep *e);
	void (*on_finished)(struct ep *e);
	void (*on_send)(struct ep *e, uint8_t code);
	struct ep *other;		/* for hooks that drive another automaton */

	/* Wiring to a peer: queued, or fed synchronously from send(). */
	struct ep *peer;
	bool sync;
	int depth;
};

static struct ep *ep_of(struct ppp_fsm *f)
{
	return f->priv;
}

static void log_act(struct ep *e, enum act a)
{
	if (e->n < LOG_MAX)
		e->log[e->n++] = (struct ent){ .act = a };
}

/* ---- a packet queue between two endpoints ---------------------------- */

struct qpkt {
	struct ep *to;
	size_t len;
	uint8_t pkt[PKT_COPY];
};

static struct qpkt queue[QUEUE_MAX];
static int q_head, q_tail;

static void q_reset(void)
{
	q_head = q_tail = 0;
}

static void q_push(struct ep *to, const uint8_t *pkt, size_t len)
{
	if (q_tail - q_head >= QUEUE_MAX || len > PKT_COPY)
		return;
	queue[q_tail % QUEUE_MAX].to = to;
	queue[q_tail % QUEUE_MAX].len = len;
	memcpy(queue[q_tail % QUEUE_MAX].pkt, pkt, len);
	q_tail++;
}

/* Deliver queued packets, dropping one in @drop_one_in at random (0: none). */
static unsigned int q_rand = 1;

static int q_pump(int drop_one_in)
{
	int n = 0;

	while (q_head != q_tail && n < 1000) {
		struct qpkt p = queue[q_head % QUEUE_MAX];

		q_head++;
		n++;
		q_rand = q_rand * 1103515245u + 12345u;
		if (drop_one_in && (q_rand >> 16) % (unsigned int)drop_one_in == 0)
			continue;
		ppp_fsm_input(&p.to->f, p.pkt, p.len);
	}
	return n;
}

/* ---- toy option protocol --------------------------------------------- */

/* Walk TLVs: 0 if well formed. */
static int tlv_ok(const uint8_t *p, size_t len)
{
	size_t i = 0;

	while (i < len) {
		if (len - i < 2 || p[i + 1] < 2 || p[i + 1] > len - i)
			return -EINVAL;
		i += p[i + 1];
	}
	return 0;
}

static void t_reset(struct ppp_fsm *f)
{
	struct ep *e = ep_of(f);

	e->resets++;
	e->peer_val = 0;	/* like LCP: a new negotiation forgets the peer's */
	e->want_val = e->cfg_val;
	e->want2 = e->cfg2;
}

static size_t t_build_req(struct ppp_fsm *f, uint8_t *buf, size_t cap)
{
	struct ep *e = ep_of(f);
	size_t n = 0;

	if (e->want_val && cap >= n + 3) {
		buf[n++] = 1;
		buf[n++] = 3;
		buf[n++] = e->want_val;
	}
	if (e->want2 && cap >= n + 2) {
		buf[n++] = 2;
		buf[n++] = 2;
	}
	memcpy(e->last_req, buf, n);
	e->last_req_len = n;
	return n;
}

static int t_recv_ack(struct ppp_fsm *f, const uint8_t *p, size_t len)
{
	struct ep *e = ep_of(f);

	e->ack_calls++;
	if (len != e->last_req_len || (len && memcmp(p, e->last_req, len)))
		return -EINVAL;
	return 0;
}

static int t_recv_nak(struct ppp_fsm *f, const uint8_t *p, size_t len,
		      bool last)
{
	struct ep *e = ep_of(f);
	size_t i;

	if (tlv_ok(p, len))
		return -EINVAL;
	if (e->nak_calls < 32)
		e->last_seen[e->nak_calls] = last;
	e->nak_calls++;
	if (last)
		e->naks_with_last++;
	for (i = 0; i < len; i += p[i + 1]) {
		if (p[i] == 1 && p[i + 1] == 3)
			e->want_val = last ? 0 : p[i + 2];
	}
	return 0;
}

static int t_recv_rej(struct ppp_fsm *f, const uint8_t *p, size_t len)
{
	struct ep *e = ep_of(f);
	size_t i;

	if (tlv_ok(p, len))
		return -EINVAL;
	for (i = 0; i < len; i += p[i + 1]) {
		if (p[i] == 1)
			e->want_val = 0;
		if (p[i] == 2)
			e->want2 = false;
	}
	return 0;
}

static int t_recv_req(struct ppp_fsm *f, const uint8_t *p, size_t len,
		      uint8_t *out, size_t cap, size_t *outlen, bool no_nak)
{
	struct ep *e = ep_of(f);
	uint8_t nak[256], rej[256];
	size_t nn = 0, nr = 0, i;

	if (tlv_ok(p, len) || len > sizeof(rej) || len > cap)
		return -EINVAL;
	if (e->req_calls < 32)
		e->no_nak_seen[e->req_calls] = no_nak;
	e->req_calls++;
	for (i = 0; i < len; i += p[i + 1]) {
		const uint8_t *o = p + i;
		bool reject;

		if (o[0] == 1 && o[1] == 3) {
			if (o[2] >= e->min_val)
				continue;
			if (!no_nak) {
				nak[nn++] = 1;
				nak[nn++] = 3;
				nak[nn++] = e->min_val;
				continue;
			}
			reject = true;
		} else {
			reject = !(o[0] == 2 && o[1] == 2 && e->allow2);
		}
		if (reject) {
			memcpy(rej + nr, o, o[1]);
			nr += o[1];
		}
	}
	if (nr) {
		memcpy(out, rej, nr);
		*outlen = nr;
		return PPP_CONFREJ;
	}
	if (nn) {
		memcpy(out, nak, nn);
		*outlen = nn;
		return PPP_CONFNAK;
	}
	for (i = 0; i < len; i += p[i + 1])
		if (p[i] == 1 && p[i + 1] == 3)
			e->peer_val = p[i + 2];
	if (len)
		memcpy(out, p, len);
	*outlen = len;
	return PPP_CONFACK;
}

static void t_up(struct ppp_fsm *f)
{
	struct ep *e = ep_of(f);

	e->ups++;
	log_act(e, A_TLU);
	if (e->on_up)
		e->on_up(e);
}

static void t_down(struct ppp_fsm *f)
{
	struct ep *e = ep_of(f);

	e->downs++;
	log_act(e, A_TLD);
	if (e->on_down)
		e->on_down(e);
}

static void t_started(struct ppp_fsm *f)
{
	struct ep *e = ep_of(f);

	e->starts++;
	log_act(e, A_TLS);
	if (e->on_started)
		e->on_started(e);
}

static void t_finished(struct ppp_fsm *f)
{
	struct ep *e = ep_of(f);

	e->finishes++;
	log_act(e, A_TLF);
	if (e->on_finished)
		e->on_finished(e);
}

/* LCP-like: Echo-Request answered in Opened only (RXR), 10/11 absorbed. */
static int t_recv_code(struct ppp_fsm *f, uint8_t code, uint8_t id,
		       const uint8_t *p, size_t len)
{
	struct ep *e = ep_of(f);

	e->recv_code_calls++;
	switch (code) {
	case PPP_ECHOREQ:
		if (f->state == PPP_FSM_OPENED)
			ppp_fsm_send(f, PPP_ECHOREP, id, p, len);
		return 0;
	case PPP_ECHOREP:
	case PPP_DISCREQ:
		return 0;
	default:
		return e->recv_code_ret;
	}
}

static bool t_code_rejected(struct ppp_fsm *f, uint8_t code)
{
	struct ep *e = ep_of(f);

	e->code_rejected_calls++;
	e->rejected_code = code;
	return e->catastrophic;
}

static void t_peer_terminated(struct ppp_fsm *f, const uint8_t *p, size_t len)
{
	struct ep *e = ep_of(f);

	e->terminated++;
	e->term_len = len < sizeof(e->term_data) ? len : sizeof(e->term_data);
	memcpy(e->term_data, p, e->term_len);
}

static void t_send(struct ppp_fsm *f, const uint8_t *pkt, size_t len)
{
	struct ep *e = ep_of(f);

	if (e->n < LOG_MAX) {
		struct ent *l = &e->log[e->n++];

		l->act = A_SEND;
		l->code = pkt[0];
		l->id = pkt[1];
		l->len = len;
		memcpy(l->pkt, pkt, len < PKT_COPY ? len : PKT_COPY);
	}
	if (e->on_send)
		e->on_send(e, pkt[0]);
	if (!e->peer)
		return;
	if (!e->sync) {
		q_push(e->peer, pkt, len);
		return;
	}
	/* Synchronous delivery, bounded: a reply may come back through us. */
	if (e->depth < 16) {
		e->depth++;
		ppp_fsm_input(&e->peer->f, pkt, len);
		e->depth--;
	}
}

static void t_timer(struct ppp_fsm *f, uint32_t ms)
{
	struct ep *e = ep_of(f);

	e->timer_on = ms != 0;
	if (ms)
		e->timer_arms++;
	else
		e->timer_stops++;
}

static const struct ppp_fsm_ops t_ops = {
	.reset = t_reset,
	.build_req = t_build_req,
	.recv_ack = t_recv_ack,
	.recv_nak = t_recv_nak,
	.recv_rej = t_recv_rej,
	.recv_req = t_recv_req,
	.up = t_up,
	.down = t_down,
	.started = t_started,
	.finished = t_finished,
	.recv_code = t_recv_code,
	.code_rejected = t_code_rejected,
	.peer_terminated = t_peer_terminated,
	.send = t_send,
	.timer = t_timer,
};

/* Only the two mandatory callbacks. */
static const struct ppp_fsm_ops min_ops = {
	.send = t_send,
	.timer = t_timer,
};

static struct ep *ep_new(const struct ppp_fsm_ops *ops)
{
	struct ep *e = calloc(1, sizeof(*e));

	if (!e)
		abort();
	ppp_fsm_init(&e->f, ops, e, 0xc021);
	e->f.max_configure = MAX_CONF;
	e->f.max_terminate = MAX_TERM;
	e->cfg_val = 20;
	e->min_val = 10;
	e->recv_code_ret = -EOPNOTSUPP;
	return e;
}

static void ep_clear_log(struct ep *e)
{
	e->n = 0;
	e->timer_arms = e->timer_stops = 0;
}

static int sends(const struct ep *e, uint8_t code)
{
	int i, n = 0;

	for (i = 0; i < e->n; i++)
		n += e->log[i].act == A_SEND && e->log[i].code == code;
	return n;
}

static const struct ent *last_send(const struct ep *e)
{
	int i;

	for (i = e->n - 1; i >= 0; i--)
		if (e->log[i].act == A_SEND)
			return &e->log[i];
	return NULL;
}

/* Feed a packet built from code, id and data (length field = 4 + len). */
static void inject(struct ep *e, uint8_t code, uint8_t id,
		   const uint8_t *data, size_t len)
{
	uint8_t pkt[PKT_COPY];

	pkt[0] = code;
	pkt[1] = id;
	ppp_put_be16(pkt + 2, (uint16_t)(len + 4));
	if (len)
		memcpy(pkt + 4, data, len);
	ppp_fsm_input(&e->f, pkt, len + 4);
}

static const uint8_t opt_good[] = { 1, 3, 20 };	/* >= min_val 10 */
static const uint8_t opt_low[] = { 1, 3, 5 };	/* naked to 10 */
static const uint8_t opt_unknown[] = { 3, 2 };	/* rejected */

/* ---- driving an automaton into each state by legal events --------------- */

static void to_state(struct ep *e, enum ppp_fsm_state s)
{
	int i;

	switch (s) {
	case PPP_FSM_INITIAL:
		break;
	case PPP_FSM_STARTING:
		ppp_fsm_open(&e->f);
		break;
	case PPP_FSM_CLOSED:
		ppp_fsm_lower_up(&e->f);
		break;
	case PPP_FSM_STOPPED:
		to_state(e, PPP_FSM_REQSENT);
		for (i = 0; i < 50 && e->f.state != PPP_FSM_STOPPED; i++)
			ppp_fsm_timeout(&e->f);
		break;
	case PPP_FSM_CLOSING:
		to_state(e, PPP_FSM_REQSENT);
		ppp_fsm_close(&e->f, NULL);
		break;
	case PPP_FSM_STOPPING:
		to_state(e, PPP_FSM_CLOSING);
		ppp_fsm_open(&e->f);
		break;
	case PPP_FSM_REQSENT:
		ppp_fsm_lower_up(&e->f);
		ppp_fsm_open(&e->f);
		break;
	case PPP_FSM_ACKRCVD:
		to_state(e, PPP_FSM_REQSENT);
		inject(e, PPP_CONFACK, e->f.req_id, e->last_req, e->last_req_len);
		break;
	case PPP_FSM_ACKSENT:
		to_state(e, PPP_FSM_REQSENT);
		if (e->f.ops->recv_req)
			inject(e, PPP_CONFREQ, 0x30, opt_good, sizeof(opt_good));
		else
			inject(e, PPP_CONFREQ, 0x30, NULL, 0);
		break;
	case PPP_FSM_OPENED:
		to_state(e, PPP_FSM_ACKSENT);
		inject(e, PPP_CONFACK, e->f.req_id, e->last_req, e->last_req_len);
		break;
	}
}

/* ---- the table ----------------------------------------------------------- */

enum ev {
	E_UP, E_DOWN, E_OPEN, E_CLOSE, E_TOP, E_TOM, E_RCRP, E_RCRM, E_RCA,
	E_RCN, E_RTR, E_RTA, E_RUC, E_RXJP, E_RXJM, E_RXR, E_COUNT
};

static const char *const ev_names[E_COUNT] = {
	"Up", "Down", "Open", "Close", "TO+", "TO-", "RCR+", "RCR-", "RCA",
	"RCN", "RTR", "RTA", "RUC", "RXJ+", "RXJ-", "RXR",
};

/* RFC 1661 section 4.1, verbatim: action/new-state, "-" illegal. */
static const char *const rfc_table[E_COUNT][10] = {
	/*        Initial  Starting     Closed       Stopped          Closing  Stopping Req-Sent     Ack-Rcvd     Ack-Sent     Opened */
	[E_UP]   = { "2",     "irc,scr/6", "-",         "-",             "-",     "-",     "-",         "-",         "-",         "-" },
	[E_DOWN] = { "-",     "-",         "0",         "tls/1",         "0",     "1",     "1",         "1",         "1",         "tld/1" },
	[E_OPEN] = { "tls/1", "1",         "irc,scr/6", "3r",            "5r",    "5r",    "6",         "7",         "8",         "9r" },
	[E_CLOSE] = { "0",    "tlf/0",     "2",         "2",             "4",     "4",     "irc,str/4", "irc,str/4", "irc,str/4", "tld,irc,str/4" },
	[E_TOP]  = { "-",     "-",         "-",         "-",             "str/4", "str/5", "scr/6",     "scr/6",     "scr/8",     "-" },
	[E_TOM]  = { "-",     "-",         "-",         "-",             "tlf/2", "tlf/3", "tlf/3p",    "tlf/3p",    "tlf/3p",    "-" },
	[E_RCRP] = { "-",     "-",         "sta/2",     "irc,scr,sca/8", "4",     "5",     "sca/8",     "sca,tlu/9", "sca/8",     "tld,scr,sca/8" },
	[E_RCRM] = { "-",     "-",         "sta/2",     "irc,scr,scn/6", "4",     "5",     "scn/6",     "scn/7",     "scn/6",     "tld,scr,scn/6" },
	[E_RCA]  = { "-",     "-",         "sta/2",     "sta/3",         "4",     "5",     "irc/7",     "scr/6x",    "irc,tlu/9", "tld,scr/6x" },
	[E_RCN]  = { "-",     "-",         "sta/2",     "sta/3",         "4",     "5",     "irc,scr/6", "scr/6x",    "irc,scr/8", "tld,scr/6x" },
	[E_RTR]  = { "-",     "-",         "sta/2",     "sta/3",         "sta/4", "sta/5", "sta/6",     "sta/6",     "sta/6",     "tld,zrc,sta/5" },
	[E_RTA]  = { "-",     "-",         "2",         "3",             "tlf/2", "tlf/3", "6",         "6",         "8",         "tld,scr/6" },
	[E_RUC]  = { "-",     "-",         "scj/2",     "scj/3",         "scj/4", "scj/5", "scj/6",     "scj/7",     "scj/8",     "scj/9" },
	[E_RXJP] = { "-",     "-",         "2",         "3",             "4",     "5",     "6",         "6",         "8",         "9" },
	[E_RXJM] = { "-",     "-",         "tlf/2",     "tlf/3",         "tlf/2", "tlf/3", "tlf/3",     "tlf/3",     "tlf/3",     "tld,irc,str/5" },
	[E_RXR]  = { "-",     "-",         "2",         "3",             "4",     "5",     "6",         "7",         "8",         "ser/9" },
};

/*
 * The [x] cells. In Ack-Rcvd and Opened our request has been answered, so
 * the only Ack/Nak/Rej that could arrive is a second answer to it (a
 * duplicate, or a late reply to a retransmission, which keeps its id). RFC
 * 1661 4.3 discards "out of sequence" replies; we class these as such,
 * rather than renegotiate an open link over a duplicate.
 */
static const struct {
	enum ppp_fsm_state state;
	enum ev ev;
	const char *cell;
} deviations[] = {
	{ PPP_FSM_ACKRCVD, E_RCA, "7" },
	{ PPP_FSM_ACKRCVD, E_RCN, "7" },
	{ PPP_FSM_OPENED, E_RCA, "9" },
	{ PPP_FSM_OPENED, E_RCN, "9" },
};

/* Variants of an event: each row is checked once per variant. */
struct variant {
	enum ev ev;
	const char *what;
	void (*fire)(struct ep *e);
};

static void fire_up(struct ep *e) { ppp_fsm_lower_up(&e->f); }
static void fire_down(struct ep *e) { ppp_fsm_lower_down(&e->f); }
static void fire_open(struct ep *e) { ppp_fsm_open(&e->f); }
static void fire_close(struct ep *e) { ppp_fsm_close(&e->f, "bye"); }
static void fire_to(struct ep *e) { ppp_fsm_timeout(&e->f); }

static void fire_rcr_good(struct ep *e)
{
	inject(e, PPP_CONFREQ, 0x33, opt_good, sizeof(opt_good));
}

static void fire_rcr_empty(struct ep *e)
{
	inject(e, PPP_CONFREQ, 0x33, NULL, 0);
}

static void fire_rcr_nak(struct ep *e)
{
	inject(e, PPP_CONFREQ, 0x33, opt_low, sizeof(opt_low));
}

static void fire_rcr_rej(struct ep *e)
{
	inject(e, PPP_CONFREQ, 0x33, opt_unknown, sizeof(opt_unknown));
}

static void fire_rca(struct ep *e)
{
	inject(e, PPP_CONFACK, e->f.req_id, e->last_req, e->last_req_len);
}

static void fire_rcn_nak(struct ep *e)
{
	static const uint8_t nak[] = { 1, 3, 30 };

	inject(e, PPP_CONFNAK, e->f.req_id, nak, sizeof(nak));
}

static void fire_rcn_rej(struct ep *e)
{
	inject(e, PPP_CONFREJ, e->f.req_id, e->last_req, e->last_req_len);
}

static void fire_rtr(struct ep *e)
{
	inject(e, PPP_TERMREQ, 0x44, (const uint8_t *)"why", 3);
}

static void fire_rta(struct ep *e)
{
	inject(e, PPP_TERMACK, 0x45, NULL, 0);
}

static const uint8_t unknown_pkt[] = { 0x20, 0x46, 0x00, 0x07, 1, 2, 3 };

static void fire_ruc(struct ep *e)
{
	ppp_fsm_input(&e->f, unknown_pkt, sizeof(unknown_pkt));
}

static void fire_rxj_ext(struct ep *e)
{
	inject(e, PPP_CODEREJ, 0x47, unknown_pkt, sizeof(unknown_pkt));
}

static void fire_rxj_confreq(struct ep *e)
{
	static const uint8_t rejected[] = { 1, 9, 0, 4 };

	inject(e, PPP_CODEREJ, 0x48, rejected, sizeof(rejected));
}

static void fire_rxj_ext_catastrophic(struct ep *e)
{
	e->catastrophic = true;
	inject(e, PPP_CODEREJ, 0x48, unknown_pkt, sizeof(unknown_pkt));
}

static void fire_protrej(struct ep *e)
{
	ppp_fsm_proto_rejected(&e->f);
}

static void fire_echo(struct ep *e)
{
	static const uint8_t magic[] = { 0, 0, 0, 0, 'h', 'i' };

	inject(e, PPP_ECHOREQ, 0x49, magic, sizeof(magic));
}

static const struct variant variants[] = {
	{ E_UP, "Up", fire_up },
	{ E_DOWN, "Down", fire_down },
	{ E_OPEN, "Open", fire_open },
	{ E_CLOSE, "Close", fire_close },
	{ E_TOP, "timeout, counter 5", fire_to },
	{ E_TOM, "timeout, counter 0", fire_to },
	{ E_RCRP, "Configure-Request, acceptable option", fire_rcr_good },
	{ E_RCRP, "Configure-Request, no options", fire_rcr_empty },
	{ E_RCRM, "Configure-Request, naked option", fire_rcr_nak },
	{ E_RCRM, "Configure-Request, rejected option", fire_rcr_rej },
	{ E_RCA, "Configure-Ack", fire_rca },
	{ E_RCN, "Configure-Nak", fire_rcn_nak },
	{ E_RCN, "Configure-Reject", fire_rcn_rej },
	{ E_RTR, "Terminate-Request", fire_rtr },
	{ E_RTA, "Terminate-Ack", fire_rta },
	{ E_RUC, "unknown code", fire_ruc },
	{ E_RXJP, "Code-Reject of an extended code", fire_rxj_ext },
	{ E_RXJM, "Code-Reject of Configure-Request", fire_rxj_confreq },
	{ E_RXJM, "Code-Reject the protocol calls catastrophic", fire_rxj_ext_catastrophic },
	{ E_RXJM, "ppp_fsm_proto_rejected", fire_protrej },
	{ E_RXR, "Echo-Request", fire_echo },
};

static const char *token(const struct ent *l)
{
	switch (l->act) {
	case A_TLU: return "tlu";
	case A_TLD: return "tld";
	case A_TLS: return "tls";
	case A_TLF: return "tlf";
	case A_SEND: break;
	}
	switch (l->code) {
	case PPP_CONFREQ: return "scr";
	case PPP_CONFACK: return "sca";
	case PPP_CONFNAK: case PPP_CONFREJ: return "scn";
	case PPP_TERMREQ: return "str";
	case PPP_TERMACK: return "sta";
	case PPP_CODEREJ: return "scj";
	case PPP_ECHOREP: return "ser";
	default: return "s??";
	}
}

struct cell {
	bool illegal;
	char acts[64];		/* observable actions: irc/zrc removed */
	int next;
	bool irc, zrc;
	int scr, str;
};

static void parse_cell(const char *s, int cur, struct cell *c)
{
	const char *slash = strchr(s, '/');
	const char *p = s, *end;

	memset(c, 0, sizeof(*c));
	if (!strcmp(s, "-")) {
		c->illegal = true;
		c->next = cur;
		return;
	}
	c->next = (slash ? slash[1] : s[0]) - '0';
	end = slash ? slash : s;
	while (p < end) {
		const char *comma = memchr(p, ',', (size_t)(end - p));
		size_t n = comma ? (size_t)(comma - p) : (size_t)(end - p);

		if (n == 3 && !strncmp(p, "irc", 3)) {
			c->irc = true;
		} else if (n == 3 && !strncmp(p, "zrc", 3)) {
			c->zrc = true;
		} else {
			if (c->acts[0])
				strcat(c->acts, ",");
			strncat(c->acts, p, n);
			c->scr += n == 3 && !strncmp(p, "scr", 3);
			c->str += n == 3 && !strncmp(p, "str", 3);
		}
		p += n + (comma ? 1 : 0);
	}
}

static int table_cells_checked;

static bool check_cell(enum ppp_fsm_state st, const struct variant *v,
		       const char *cellstr, bool passive)
{
	struct ep *e = ep_new(&t_ops);
	struct cell c;
	char got[128] = "";
	unsigned int want_count;
	int i, arms;
	bool ok = true;

	e->f.passive = passive;
	to_state(e, st);
	if (e->f.state != st) {
		printf("  setup failed: wanted %s, got %s\n",
		       ppp_fsm_state_name(st), ppp_fsm_state_name(e->f.state));
		free(e);
		return false;
	}
	e->f.restart_count = v->ev == E_TOM ? 0 : COUNT_MARK;
	ep_clear_log(e);
	parse_cell(cellstr, st, &c);

	v->fire(e);

	for (i = 0; i < e->n; i++) {
		if (got[0])
			strcat(got, ",");
		strcat(got, token(&e->log[i]));
	}
	if (strcmp(got, c.acts) || (int)e->f.state != c.next)
		ok = false;

	/* Counter: irc sets Max-Configure or Max-Terminate, zrc zeroes it,
	 * every scr/str decrements it (RFC 1661 4.4). */
	if (c.zrc)
		want_count = 0;
	else if (c.irc)
		want_count = (c.str ? MAX_TERM : MAX_CONF) - c.scr - c.str;
	else if (v->ev == E_TOM)
		want_count = 0;
	else
		want_count = COUNT_MARK - c.scr - c.str;
	if (e->f.restart_count != want_count)
		ok = false;

	/* Timer: scr, str and zrc (re)start it; it runs exactly in the
	 * states with TO events; illegal events never touch it. */
	arms = c.scr + c.str + (c.zrc ? 1 : 0);
	if (e->timer_arms != arms)
		ok = false;
	if (c.illegal ? e->timer_stops != 0
		      : e->timer_on != (c.next >= PPP_FSM_CLOSING &&
					c.next <= PPP_FSM_ACKSENT))
		ok = false;

	/* Packet details of each reply. */
	for (i = 0; i < e->n; i++) {
		const struct ent *l = &e->log[i];

		if (l->act != A_SEND)
			continue;
		if (ppp_get_be16(l->pkt + 2) != l->len)
			ok = false;
		switch (l->code) {
		case PPP_CONFREQ:
			if (l->id != e->f.req_id)
				ok = false;
			break;
		case PPP_CONFACK:
		case PPP_CONFNAK:
		case PPP_CONFREJ:
			if (l->id != 0x33)
				ok = false;
			break;
		case PPP_TERMREQ:
			if (l->len != 7 || memcmp(l->pkt + 4, "bye", 3))
				if (v->ev == E_CLOSE)
					ok = false;
			break;
		case PPP_CODEREJ:
			if (l->len != 4 + sizeof(unknown_pkt) ||
			    memcmp(l->pkt + 4, unknown_pkt, sizeof(unknown_pkt)))
				ok = false;
			break;
		case PPP_ECHOREP:
			if (l->id != 0x49)
				ok = false;
			break;
		}
	}
	table_cells_checked++;
	if (!ok)
		printf("  %s x %s (%s): want \"%s\" -> %s, count %u; "
		       "got \"%s\" -> %s, count %u, arms %d\n",
		       ppp_fsm_state_name(st), ev_names[v->ev], v->what,
		       cellstr, ppp_fsm_state_name(c.next), want_count, got,
		       ppp_fsm_state_name(e->f.state), e->f.restart_count,
		       e->timer_arms);
	free(e);
	return ok;
}

static const char *effective_cell(enum ppp_fsm_state st, enum ev ev)
{
	size_t i;

	for (i = 0; i < sizeof(deviations) / sizeof(deviations[0]); i++)
		if (deviations[i].state == st && deviations[i].ev == ev)
			return deviations[i].cell;
	return rfc_table[ev][st];
}

TEST(fsm_follows_every_cell_of_the_rfc1661_state_transition_table)
{
	size_t v;
	int st;

	table_cells_checked = 0;
	for (v = 0; v < sizeof(variants) / sizeof(variants[0]); v++)
		for (st = PPP_FSM_INITIAL; st <= PPP_FSM_OPENED; st++)
			CHECK(check_cell(st, &variants[v],
					 effective_cell(st, variants[v].ev),
					 false));
	printf("  %d cells checked (%d events x 10 states, with variants)\n",
	       table_cells_checked, E_COUNT);
	CHECK_EQ(table_cells_checked,
		 10 * (int)(sizeof(variants) / sizeof(variants[0])));
}

TEST(fsm_table_covers_every_event)
{
	bool seen[E_COUNT] = { false };
	size_t v;
	int i;

	for (v = 0; v < sizeof(variants) / sizeof(variants[0]); v++)
		seen[variants[v].ev] = true;
	for (i = 0; i < E_COUNT; i++)
		CHECK(seen[i]);
}

/* [p]: the passive option drops tlf on TO- in Req-Sent, Ack-Rcvd, Ack-Sent. */
TEST(fsm_passive_timeout_waits_in_stopped_without_tlf)
{
	static const struct variant tom = { E_TOM, "timeout, passive", fire_to };

	CHECK(check_cell(PPP_FSM_REQSENT, &tom, "3", true));
	CHECK(check_cell(PPP_FSM_ACKRCVD, &tom, "3", true));
	CHECK(check_cell(PPP_FSM_ACKSENT, &tom, "3", true));
	/* Closing and Stopping are not part of the option. */
	CHECK(check_cell(PPP_FSM_CLOSING, &tom, "tlf/2", true));
	CHECK(check_cell(PPP_FSM_STOPPING, &tom, "tlf/3", true));
}

TEST(fsm_passive_stopped_answers_a_late_peer)
{
	struct ep *e = ep_new(&t_ops);

	e->f.passive = true;
	to_state(e, PPP_FSM_STOPPED);
	CHECK_EQ(e->finishes, 0);
	ep_clear_log(e);
	fire_rcr_good(e);
	CHECK_EQ(e->f.state, PPP_FSM_ACKSENT);
	CHECK_EQ(sends(e, PPP_CONFREQ), 1);
	CHECK_EQ(sends(e, PPP_CONFACK), 1);
	free(e);
}

/* ---- counters ------------------------------------------------------------ */

TEST(fsm_init_sets_rfc1661_defaults)
{
	struct ppp_fsm f;

	ppp_fsm_init(&f, &t_ops, NULL, PPP_PROTO_IPCP);
	CHECK_EQ(f.state, PPP_FSM_INITIAL);
	CHECK_EQ(f.restart_ms, 3000);
	CHECK_EQ(f.max_configure, 10);
	CHECK_EQ(f.max_terminate, 2);
	CHECK_EQ(f.max_failure, 5);
	CHECK_EQ(f.proto, PPP_PROTO_IPCP);
	CHECK(!f.req_pending);
	CHECK(!f.passive);
}

TEST(fsm_max_configure_requests_then_tlf_and_stopped)
{
	struct ep *e = ep_new(&t_ops);
	int i;

	e->f.max_configure = 10;
	to_state(e, PPP_FSM_REQSENT);
	for (i = 0; i < 30 && e->f.state == PPP_FSM_REQSENT; i++)
		ppp_fsm_timeout(&e->f);
	CHECK_EQ(sends(e, PPP_CONFREQ), 10);
	CHECK_EQ(i, 10);		/* 9 TO+ and the TO- */
	CHECK_EQ(e->f.state, PPP_FSM_STOPPED);
	CHECK_EQ(e->finishes, 1);
	CHECK(!e->timer_on);
	/* Retransmissions keep the identifier. */
	for (i = 0; i < e->n; i++)
		if (e->log[i].act == A_SEND)
			CHECK_EQ(e->log[i].id, e->f.req_id);
	free(e);
}

TEST(fsm_max_terminate_requests_then_tlf_and_closed)
{
	struct ep *e = ep_new(&t_ops);
	int i;

	e->f.max_terminate = 2;
	to_state(e, PPP_FSM_OPENED);
	ep_clear_log(e);
	ppp_fsm_close(&e->f, "admin");
	CHECK_EQ(e->f.state, PPP_FSM_CLOSING);
	CHECK_EQ(e->downs, 1);
	for (i = 0; i < 10 && e->f.state == PPP_FSM_CLOSING; i++)
		ppp_fsm_timeout(&e->f);
	CHECK_EQ(sends(e, PPP_TERMREQ), 2);
	CHECK_EQ(e->f.state, PPP_FSM_CLOSED);
	CHECK_EQ(e->finishes, 1);
	CHECK(!e->timer_on);
	free(e);
}

TEST(fsm_terminate_request_carries_the_close_reason)
{
	struct ep *e = ep_new(&t_ops);
	const struct ent *l;

	to_state(e, PPP_FSM_OPENED);
	ppp_fsm_close(&e->f, "User request");
	l = last_send(e);
	CHECK(l && l->code == PPP_TERMREQ);
	CHECK(l && l->len == 4 + 12 && !memcmp(l->pkt + 4, "User request", 12));
	ppp_fsm_timeout(&e->f);		/* retransmission, same reason */
	l = last_send(e);
	CHECK(l && l->len == 4 + 12);
	free(e);

	e = ep_new(&t_ops);
	to_state(e, PPP_FSM_REQSENT);
	ppp_fsm_close(&e->f, NULL);
	l = last_send(e);
	CHECK(l && l->code == PPP_TERMREQ && l->len == 4);
	free(e);
}

TEST(fsm_max_failure_turns_naks_into_rejects)
{
	struct ep *e = ep_new(&t_ops);
	int i;

	to_state(e, PPP_FSM_REQSENT);
	ep_clear_log(e);
	for (i = 0; i < 8; i++) {
		const struct ent *l;

		inject(e, PPP_CONFREQ, (uint8_t)(0x60 + i), opt_low,
		       sizeof(opt_low));
		l = last_send(e);
		CHECK(l && l->id == 0x60 + i);
		/* Max-Failure (5) Naks, then Configure-Rejects. */
		CHECK(l && l->code == (i < 5 ? PPP_CONFNAK : PPP_CONFREJ));
		CHECK_EQ(e->no_nak_seen[i], i >= 5);
	}
	CHECK_EQ(e->f.state, PPP_FSM_REQSENT);
	/* An Ack sent starts the count again. */
	fire_rcr_good(e);
	CHECK_EQ(last_send(e)->code, PPP_CONFACK);
	CHECK_EQ(e->f.failure_count, 0);
	fire_rcr_nak(e);
	CHECK_EQ(last_send(e)->code, PPP_CONFNAK);
	CHECK_EQ(e->f.state, PPP_FSM_REQSENT);
	free(e);
}

TEST(fsm_rejects_do_not_count_towards_max_failure)
{
	struct ep *e = ep_new(&t_ops);
	int i;

	to_state(e, PPP_FSM_REQSENT);
	for (i = 0; i < 10; i++)
		fire_rcr_rej(e);
	CHECK_EQ(e->f.failure_count, 0);
	fire_rcr_nak(e);
	CHECK_EQ(last_send(e)->code, PPP_CONFNAK);
	free(e);
}

TEST(fsm_naks_received_past_max_failure_are_passed_as_last)
{
	struct ep *e = ep_new(&t_ops);
	int i;

	to_state(e, PPP_FSM_REQSENT);
	for (i = 0; i < 7; i++) {
		uint8_t nak[] = { 1, 3, (uint8_t)(40 + i) };
		uint8_t old_id = e->f.req_id;

		inject(e, PPP_CONFNAK, e->f.req_id, nak, sizeof(nak));
		/* Each valid Nak: irc, scr with a new identifier. */
		CHECK(e->f.req_id != old_id);
		CHECK_EQ(e->f.restart_count, MAX_CONF - 1);
	}
	CHECK_EQ(e->nak_calls, 7);
	for (i = 0; i < 7; i++)
		CHECK_EQ(e->last_seen[i], i >= 5);
	/* With last set the toy protocol stopped asking for option 1. */
	CHECK_EQ(e->last_req_len, 0);
	/* An Ack received ends the loop count. */
	fire_rca(e);
	CHECK_EQ(e->f.state, PPP_FSM_ACKRCVD);
	CHECK_EQ(e->f.nak_rcvd_count, 0);
	free(e);
}

TEST(fsm_configure_reject_received_does_not_count_as_nak)
{
	struct ep *e = ep_new(&t_ops);
	int i;

	e->cfg2 = true;
	to_state(e, PPP_FSM_REQSENT);
	for (i = 0; i < 8; i++)
		fire_rcn_rej(e);
	CHECK_EQ(e->f.nak_rcvd_count, 0);
	CHECK_EQ(e->naks_with_last, 0);
	free(e);
}

/* ---- identifiers --------------------------------------------------------- */

TEST(fsm_discards_ack_nak_rej_with_another_identifier)
{
	struct ep *e = ep_new(&t_ops);
	static const uint8_t nak[] = { 1, 3, 30 };
	uint8_t bad;

	to_state(e, PPP_FSM_REQSENT);
	bad = (uint8_t)(e->f.req_id + 1);
	ep_clear_log(e);
	inject(e, PPP_CONFACK, bad, e->last_req, e->last_req_len);
	inject(e, PPP_CONFNAK, bad, nak, sizeof(nak));
	inject(e, PPP_CONFREJ, bad, e->last_req, e->last_req_len);
	CHECK_EQ(e->f.state, PPP_FSM_REQSENT);
	CHECK_EQ(e->n, 0);
	CHECK_EQ(e->ack_calls, 0);
	CHECK_EQ(e->nak_calls, 0);
	CHECK_EQ(e->f.restart_count, MAX_CONF - 1);
	free(e);
}

TEST(fsm_late_ack_to_a_retransmitted_request_is_accepted)
{
	struct ep *e = ep_new(&t_ops);
	uint8_t first;

	to_state(e, PPP_FSM_REQSENT);
	first = e->f.req_id;
	ppp_fsm_timeout(&e->f);
	ppp_fsm_timeout(&e->f);
	CHECK_EQ(e->f.req_id, first);
	inject(e, PPP_CONFACK, first, e->last_req, e->last_req_len);
	CHECK_EQ(e->f.state, PPP_FSM_ACKRCVD);
	/* The second copy's Ack is a duplicate. */
	ep_clear_log(e);
	inject(e, PPP_CONFACK, first, e->last_req, e->last_req_len);
	CHECK_EQ(e->f.state, PPP_FSM_ACKRCVD);
	CHECK_EQ(e->n, 0);
	free(e);
}

TEST(fsm_new_request_after_a_reply_gets_a_new_identifier)
{
	struct ep *e = ep_new(&t_ops);
	uint8_t first;

	to_state(e, PPP_FSM_REQSENT);
	first = e->f.req_id;
	fire_rcn_nak(e);
	CHECK(e->f.req_id != first);
	/* An Ack for the old request is now out of sequence. */
	inject(e, PPP_CONFACK, first, e->last_req, e->last_req_len);
	CHECK_EQ(e->f.state, PPP_FSM_REQSENT);
	free(e);

	/* Ack-Rcvd timing out sends a new request, with a new id. */
	e = ep_new(&t_ops);
	to_state(e, PPP_FSM_ACKRCVD);
	first = e->f.req_id;
	ppp_fsm_timeout(&e->f);
	CHECK_EQ(e->f.state, PPP_FSM_REQSENT);
	CHECK(e->f.req_id != first);
	CHECK_EQ(last_send(e)->id, e->f.req_id);
	free(e);
}

/* Ack-Rcvd falls back to Req-Sent on RTA and RXJ+ without a new request:
 * the answered request must stay answered. */
TEST(fsm_discards_a_second_answer_after_falling_back_from_ack_rcvd)
{
	int i;

	for (i = 0; i < 2; i++) {
		struct ep *e = ep_new(&t_ops);

		to_state(e, PPP_FSM_ACKRCVD);
		if (i)
			fire_rxj_ext(e);
		else
			fire_rta(e);
		CHECK_EQ(e->f.state, PPP_FSM_REQSENT);
		ep_clear_log(e);
		fire_rca(e);
		fire_rcn_nak(e);
		CHECK_EQ(e->f.state, PPP_FSM_REQSENT);
		CHECK_EQ(e->n, 0);
		/* The timeout sends a new request, which can be answered. */
		ppp_fsm_timeout(&e->f);
		fire_rca(e);
		CHECK_EQ(e->f.state, PPP_FSM_ACKRCVD);
		free(e);
	}
}

TEST(fsm_discards_ack_whose_options_do_not_match)
{
	struct ep *e = ep_new(&t_ops);
	static const uint8_t other[] = { 1, 3, 99 };

	to_state(e, PPP_FSM_REQSENT);
	inject(e, PPP_CONFACK, e->f.req_id, other, sizeof(other));
	CHECK_EQ(e->f.state, PPP_FSM_REQSENT);
	CHECK(e->f.req_pending);
	fire_rca(e);
	CHECK_EQ(e->f.state, PPP_FSM_ACKRCVD);
	free(e);
}

TEST(fsm_discards_malformed_nak_and_reject)
{
	struct ep *e = ep_new(&t_ops);
	static const uint8_t bad[] = { 1, 7, 0 };	/* option overruns */

	to_state(e, PPP_FSM_ACKSENT);
	ep_clear_log(e);
	inject(e, PPP_CONFNAK, e->f.req_id, bad, sizeof(bad));
	inject(e, PPP_CONFREJ, e->f.req_id, bad, sizeof(bad));
	CHECK_EQ(e->f.state, PPP_FSM_ACKSENT);
	CHECK_EQ(e->n, 0);
	CHECK_EQ(e->f.nak_rcvd_count, 0);
	free(e);
}

TEST(fsm_drops_configure_request_the_protocol_cannot_parse)
{
	static const uint8_t bad[] = { 1, 1 };
	static const enum ppp_fsm_state same[] = {
		PPP_FSM_REQSENT, PPP_FSM_ACKRCVD, PPP_FSM_ACKSENT,
	};
	size_t i;

	/* No reply, no transition. */
	for (i = 0; i < sizeof(same) / sizeof(same[0]); i++) {
		struct ep *e = ep_new(&t_ops);

		to_state(e, same[i]);
		ep_clear_log(e);
		inject(e, PPP_CONFREQ, 3, bad, sizeof(bad));
		CHECK_EQ(e->f.state, same[i]);
		CHECK_EQ(e->n, 0);
		free(e);
	}
}

/*
 * In Stopped and Opened the new negotiation starts (irc,scr / tld,scr)
 * before the request is read, because the reset may clear what the protocol
 * recorded about the peer: the peer's options must survive it.
 */
TEST(fsm_restarts_negotiation_before_reading_the_peers_request)
{
	static const uint8_t bad[] = { 1, 1 };
	int i;

	for (i = 0; i < 2; i++) {
		struct ep *e = ep_new(&t_ops);
		int resets;

		to_state(e, i ? PPP_FSM_OPENED : PPP_FSM_STOPPED);
		resets = e->resets;
		ep_clear_log(e);
		fire_rcr_good(e);
		/* reset() ran before recv_req(): what the peer asked for is
		 * still recorded. And our request went before the Ack. */
		CHECK_EQ(e->resets, resets + 1);
		CHECK_EQ(e->peer_val, opt_good[2]);
		CHECK(!strcmp(token(&e->log[e->n - 2]), "scr"));
		CHECK(!strcmp(token(&e->log[e->n - 1]), "sca"));
		free(e);

		/* Unparseable: the negotiation has started, no reply. */
		e = ep_new(&t_ops);
		to_state(e, i ? PPP_FSM_OPENED : PPP_FSM_STOPPED);
		ep_clear_log(e);
		inject(e, PPP_CONFREQ, 3, bad, sizeof(bad));
		CHECK_EQ(e->f.state, PPP_FSM_REQSENT);
		CHECK_EQ(sends(e, PPP_CONFREQ), 1);
		CHECK_EQ(e->n, i ? 2 : 1);	/* (tld,) scr */
		CHECK(e->timer_on);
		free(e);
	}
}

TEST(fsm_replies_copy_the_request_identifier)
{
	struct ep *e = ep_new(&t_ops);

	to_state(e, PPP_FSM_REQSENT);
	inject(e, PPP_CONFREQ, 0xab, opt_good, sizeof(opt_good));
	CHECK_EQ(last_send(e)->id, 0xab);
	CHECK_EQ(last_send(e)->code, PPP_CONFACK);
	CHECK_MEM(last_send(e)->pkt + 4, opt_good, sizeof(opt_good));
	inject(e, PPP_TERMREQ, 0xcd, NULL, 0);
	CHECK_EQ(last_send(e)->code, PPP_TERMACK);
	CHECK_EQ(last_send(e)->id, 0xcd);
	free(e);
}

/* ---- lengths ------------------------------------------------------------- */

TEST(fsm_drops_packets_with_bad_length)
{
	struct ep *e = ep_new(&t_ops);
	uint8_t p[8] = { PPP_CONFREQ, 1, 0, 4, 0, 0, 0, 0 };
	uint8_t short3[3] = { PPP_CONFREQ, 1, 0 };	/* exact size for ASan */

	to_state(e, PPP_FSM_REQSENT);
	ep_clear_log(e);
	ppp_fsm_input(&e->f, short3, sizeof(short3));	/* shorter than a header */
	ppp_fsm_input(&e->f, p, 0);
	p[3] = 3;
	ppp_fsm_input(&e->f, p, sizeof(p));		/* Length < 4 */
	p[3] = 0;
	ppp_fsm_input(&e->f, p, sizeof(p));		/* Length 0 */
	p[3] = 9;
	ppp_fsm_input(&e->f, p, sizeof(p));		/* Length > frame */
	p[2] = 0xff;
	p[3] = 0xff;
	ppp_fsm_input(&e->f, p, sizeof(p));
	CHECK_EQ(e->n, 0);
	CHECK_EQ(e->req_calls, 0);
	CHECK_EQ(e->f.state, PPP_FSM_REQSENT);
	/* And a packet exactly as long as its Length is fine. */
	p[2] = 0;
	p[3] = 4;
	ppp_fsm_input(&e->f, p, 4);
	CHECK_EQ(e->f.state, PPP_FSM_ACKSENT);
	free(e);
}

TEST(fsm_ignores_padding_after_the_length_field)
{
	struct ep *e = ep_new(&t_ops);
	uint8_t p[] = { PPP_CONFREQ, 7, 0, 7, 1, 3, 20, 0xee, 0xee, 9, 9 };
	uint8_t u[] = { 0x21, 8, 0, 5, 0x77, 0xee, 0xee };
	const struct ent *l;

	to_state(e, PPP_FSM_REQSENT);
	ppp_fsm_input(&e->f, p, sizeof(p));
	l = last_send(e);
	CHECK(l && l->code == PPP_CONFACK && l->len == 7);
	CHECK(l && !memcmp(l->pkt + 4, p + 4, 3));
	/* Code-Reject quotes the packet up to its Length only. */
	ppp_fsm_input(&e->f, u, sizeof(u));
	l = last_send(e);
	CHECK(l && l->code == PPP_CODEREJ && l->len == 4 + 5);
	CHECK(l && !memcmp(l->pkt + 4, u, 5));
	free(e);
}

/* ---- Code-Reject and unknown codes ---------------------------------------- */

TEST(fsm_code_rejects_unknown_code_quoting_the_packet)
{
	struct ep *e = ep_new(&t_ops);
	const struct ent *l;
	uint8_t id1;

	to_state(e, PPP_FSM_OPENED);
	ep_clear_log(e);
	fire_ruc(e);
	l = last_send(e);
	CHECK(l && l->code == PPP_CODEREJ);
	CHECK(l && l->len == 4 + sizeof(unknown_pkt));
	CHECK(l && !memcmp(l->pkt + 4, unknown_pkt, sizeof(unknown_pkt)));
	CHECK_EQ(e->recv_code_calls, 1);
	id1 = l ? l->id : 0;
	fire_ruc(e);
	/* RFC 1661 5.6: a new identifier for each Code-Reject. */
	CHECK(last_send(e)->id != id1);
	CHECK_EQ(e->f.state, PPP_FSM_OPENED);
	free(e);
}

TEST(fsm_code_reject_is_truncated_to_the_default_mru)
{
	struct ep *e = ep_new(&t_ops);
	static uint8_t big[3000];
	const struct ent *l;
	size_t i;

	for (i = 0; i < sizeof(big); i++)
		big[i] = (uint8_t)i;
	big[0] = 0x30;
	big[1] = 1;
	ppp_put_be16(big + 2, sizeof(big));
	to_state(e, PPP_FSM_OPENED);
	ppp_fsm_input(&e->f, big, sizeof(big));
	l = last_send(e);
	CHECK(l && l->code == PPP_CODEREJ && l->len == PPP_MRU_DEFAULT);
	CHECK(l && ppp_get_be16(l->pkt + 2) == PPP_MRU_DEFAULT);
	CHECK(l && !memcmp(l->pkt + 4, big, PPP_MRU_DEFAULT - 4));
	free(e);
}

TEST(fsm_sends_no_code_reject_for_codes_the_protocol_handles)
{
	struct ep *e = ep_new(&t_ops);

	to_state(e, PPP_FSM_OPENED);
	ep_clear_log(e);
	e->recv_code_ret = 0;
	fire_ruc(e);
	e->recv_code_ret = -EINVAL;	/* handled, but malformed: dropped */
	fire_ruc(e);
	inject(e, PPP_DISCREQ, 1, (const uint8_t *)"\0\0\0\0", 4);
	inject(e, PPP_ECHOREP, 1, (const uint8_t *)"\0\0\0\0", 4);
	CHECK_EQ(e->n, 0);
	CHECK_EQ(e->recv_code_calls, 4);
	free(e);
}

TEST(fsm_without_recv_code_code_rejects_everything_beyond_7)
{
	struct ep *e = ep_new(&min_ops);
	uint8_t code;

	to_state(e, PPP_FSM_REQSENT);
	for (code = 8; code < 16; code++) {
		ep_clear_log(e);
		inject(e, code, code, NULL, 0);
		CHECK_EQ(sends(e, PPP_CODEREJ), 1);
	}
	ep_clear_log(e);
	inject(e, 0, 0, NULL, 0);
	CHECK_EQ(sends(e, PPP_CODEREJ), 1);
	free(e);
}

TEST(fsm_code_reject_of_basic_codes_is_catastrophic)
{
	uint8_t code;

	for (code = PPP_CONFREQ; code <= PPP_CODEREJ; code++) {
		struct ep *e = ep_new(&t_ops);
		uint8_t rej[] = { code, 1, 0, 4 };

		to_state(e, PPP_FSM_OPENED);
		e->catastrophic = false;	/* the protocol cannot overrule */
		inject(e, PPP_CODEREJ, 1, rej, sizeof(rej));
		CHECK_EQ(e->f.state, PPP_FSM_STOPPING);
		CHECK_EQ(e->downs, 1);
		CHECK_EQ(last_send(e)->code, PPP_TERMREQ);
		CHECK_EQ(e->rejected_code, code);
		free(e);
	}
}

/* The owner can tell a finish caused by RXJ- from a timeout. */
TEST(fsm_rejected_flag_marks_rxj_minus_until_restart)
{
	struct ep *e = ep_new(&t_ops);
	uint8_t rej[] = { PPP_CONFREQ, 1, 0, 4 };

	to_state(e, PPP_FSM_REQSENT);
	CHECK(!e->f.rejected);
	inject(e, PPP_CODEREJ, 1, rej, sizeof(rej));
	CHECK_EQ(e->f.state, PPP_FSM_STOPPED);
	CHECK(e->f.rejected);
	ppp_fsm_lower_down(&e->f);
	ppp_fsm_lower_up(&e->f);
	CHECK(!e->f.rejected);
	free(e);

	/* An extended code the protocol permits is no RXJ-. */
	e = ep_new(&min_ops);
	to_state(e, PPP_FSM_OPENED);
	rej[0] = PPP_ECHOREQ;
	inject(e, PPP_CODEREJ, 1, rej, sizeof(rej));
	CHECK(!e->f.rejected);
	free(e);
}

TEST(fsm_code_reject_of_extended_code_is_the_protocols_call)
{
	struct ep *e = ep_new(&t_ops);
	uint8_t rej[] = { PPP_ECHOREQ, 1, 0, 8, 0, 0, 0, 0 };

	to_state(e, PPP_FSM_OPENED);
	inject(e, PPP_CODEREJ, 1, rej, sizeof(rej));
	CHECK_EQ(e->f.state, PPP_FSM_OPENED);
	CHECK_EQ(e->code_rejected_calls, 1);
	CHECK_EQ(e->rejected_code, PPP_ECHOREQ);
	e->catastrophic = true;
	inject(e, PPP_CODEREJ, 2, rej, sizeof(rej));
	CHECK_EQ(e->f.state, PPP_FSM_STOPPING);
	free(e);

	/* Without a code_rejected callback, extended codes are permitted. */
	e = ep_new(&min_ops);
	to_state(e, PPP_FSM_OPENED);
	inject(e, PPP_CODEREJ, 1, rej, sizeof(rej));
	CHECK_EQ(e->f.state, PPP_FSM_OPENED);
	free(e);
}

TEST(fsm_ignores_empty_code_reject)
{
	struct ep *e = ep_new(&t_ops);

	to_state(e, PPP_FSM_OPENED);
	ep_clear_log(e);
	inject(e, PPP_CODEREJ, 1, NULL, 0);
	CHECK_EQ(e->f.state, PPP_FSM_OPENED);
	CHECK_EQ(e->n, 0);
	CHECK_EQ(e->code_rejected_calls, 0);
	free(e);
}

TEST(fsm_passes_echo_to_the_protocol_in_every_state_with_the_link_up)
{
	int st;

	for (st = PPP_FSM_INITIAL; st <= PPP_FSM_OPENED; st++) {
		struct ep *e = ep_new(&t_ops);

		to_state(e, st);
		fire_echo(e);
		CHECK_EQ(e->recv_code_calls, st >= PPP_FSM_CLOSED ? 1 : 0);
		free(e);
	}
}

/* ---- terminate ----------------------------------------------------------- */

TEST(fsm_terminate_request_in_opened_waits_a_restart_period)
{
	struct ep *e = ep_new(&t_ops);
	const struct ent *l;

	to_state(e, PPP_FSM_OPENED);
	ep_clear_log(e);
	inject(e, PPP_TERMREQ, 0x5a, (const uint8_t *)"Idle", 4);
	CHECK_EQ(e->terminated, 1);
	CHECK_EQ(e->term_len, 4);
	CHECK_MEM(e->term_data, "Idle", 4);
	CHECK_EQ(e->f.state, PPP_FSM_STOPPING);
	CHECK_EQ(e->downs, 1);
	l = last_send(e);
	CHECK(l && l->code == PPP_TERMACK && l->id == 0x5a && l->len == 4);
	CHECK(e->timer_on);
	CHECK_EQ(e->f.restart_count, 0);
	/* A retransmitted Terminate-Request is acked, not reported again. */
	inject(e, PPP_TERMREQ, 0x5a, (const uint8_t *)"Idle", 4);
	CHECK_EQ(e->terminated, 1);
	CHECK_EQ(sends(e, PPP_TERMACK), 2);
	ppp_fsm_timeout(&e->f);
	CHECK_EQ(e->f.state, PPP_FSM_STOPPED);
	CHECK_EQ(e->finishes, 1);
	CHECK(!e->timer_on);
	free(e);
}

TEST(fsm_stale_timeout_is_ignored)
{
	int st;

	for (st = PPP_FSM_INITIAL; st <= PPP_FSM_OPENED; st++) {
		struct ep *e = ep_new(&t_ops);

		if (st >= PPP_FSM_CLOSING && st <= PPP_FSM_ACKSENT) {
			free(e);
			continue;
		}
		to_state(e, st);
		ep_clear_log(e);
		ppp_fsm_timeout(&e->f);
		CHECK_EQ(e->f.state, st);
		CHECK_EQ(e->n, 0);
		free(e);
	}
}

/* ---- re-entrancy --------------------------------------------------------- */

static void close_self(struct ep *e)
{
	ppp_fsm_close(&e->f, "from up");
}

static void lower_down_self(struct ep *e)
{
	ppp_fsm_lower_down(&e->f);
}

static void lower_up_self(struct ep *e)
{
	ppp_fsm_lower_up(&e->f);
}

static void open_other(struct ep *e)
{
	ppp_fsm_lower_up(&e->other->f);
	ppp_fsm_open(&e->other->f);
}

static void close_other(struct ep *e)
{
	ppp_fsm_lower_down(&e->other->f);
}

TEST(fsm_up_callback_may_close_the_same_automaton)
{
	struct ep *e = ep_new(&t_ops);
	int i;

	/* Through Ack-Sent + RCA (irc,tlu/9). */
	to_state(e, PPP_FSM_ACKSENT);
	e->on_up = close_self;
	ep_clear_log(e);
	fire_rca(e);
	CHECK_EQ(e->f.state, PPP_FSM_CLOSING);
	CHECK_EQ(e->ups, 1);
	CHECK_EQ(e->downs, 1);
	CHECK(e->timer_on);
	CHECK_EQ(e->f.restart_count, MAX_TERM - 1);
	CHECK_EQ(e->n, 3);		/* tlu, tld, str */
	free(e);

	/* Through Ack-Rcvd + RCR+ (sca,tlu/9): the Ack goes out first. */
	e = ep_new(&t_ops);
	to_state(e, PPP_FSM_ACKRCVD);
	e->on_up = close_self;
	ep_clear_log(e);
	fire_rcr_good(e);
	CHECK_EQ(e->f.state, PPP_FSM_CLOSING);
	CHECK_EQ(e->n, 4);
	for (i = 0; i < 4 && e->n == 4; i++)
		CHECK(!strcmp(token(&e->log[i]),
			      (const char *[]){ "sca", "tlu", "tld", "str" }[i]));
	free(e);
}

TEST(fsm_down_callback_that_drops_the_lower_layer_ends_the_cell)
{
	struct ep *e = ep_new(&t_ops);

	to_state(e, PPP_FSM_OPENED);
	e->on_down = lower_down_self;
	ep_clear_log(e);
	fire_rcr_good(e);	/* tld,scr,sca/8, but tld brings Down */
	CHECK_EQ(e->f.state, PPP_FSM_STARTING);
	CHECK_EQ(e->n, 1);
	CHECK_EQ(e->downs, 1);
	CHECK(!e->timer_on);
	free(e);

	e = ep_new(&t_ops);
	to_state(e, PPP_FSM_OPENED);
	e->on_down = lower_down_self;
	ppp_fsm_close(&e->f, NULL);	/* tld,irc,str/4: Closing + Down = 0 */
	CHECK_EQ(e->f.state, PPP_FSM_INITIAL);
	CHECK_EQ(sends(e, PPP_TERMREQ), 0);
	CHECK(!e->timer_on);
	free(e);
}

TEST(fsm_finished_and_started_callbacks_may_cycle_the_lower_layer)
{
	struct ep *e = ep_new(&t_ops);
	int i;

	/* tlf -> the link hangs up -> Down in Stopped: tls/1. */
	to_state(e, PPP_FSM_REQSENT);
	e->on_finished = lower_down_self;
	for (i = 0; i < 20 && e->f.state == PPP_FSM_REQSENT; i++)
		ppp_fsm_timeout(&e->f);
	CHECK_EQ(e->f.state, PPP_FSM_STARTING);
	CHECK_EQ(e->finishes, 1);
	CHECK_EQ(e->starts, 1);
	free(e);

	/* tls -> the link comes straight up -> Up in Starting: irc,scr/6. */
	e = ep_new(&t_ops);
	e->on_started = lower_up_self;
	ppp_fsm_open(&e->f);
	CHECK_EQ(e->f.state, PPP_FSM_REQSENT);
	CHECK_EQ(sends(e, PPP_CONFREQ), 1);
	CHECK(e->timer_on);
	free(e);
}

/* A peer answering our Configure-Ack with a Terminate-Request before
 * send() returns (synchronous delivery). */
static void terminate_on_ack(struct ep *e, uint8_t code)
{
	if (code != PPP_CONFACK)
		return;
	e->on_send = NULL;
	inject(e, PPP_TERMREQ, 0x77, NULL, 0);
}

TEST(fsm_keeps_layer_up_and_down_balanced_when_send_reenters)
{
	struct ep *e = ep_new(&t_ops);

	to_state(e, PPP_FSM_ACKRCVD);
	e->on_send = terminate_on_ack;
	fire_rcr_good(e);	/* sca,tlu/9 - but RTR arrives inside sca */
	CHECK_EQ(e->f.state, PPP_FSM_REQSENT);
	CHECK_EQ(e->ups, 0);
	CHECK_EQ(e->downs, 0);
	CHECK_EQ(sends(e, PPP_TERMACK), 1);
	free(e);
}

TEST(fsm_up_and_down_callbacks_may_drive_another_automaton)
{
	struct ep *lcp = ep_new(&t_ops), *ncp = ep_new(&t_ops);

	lcp->other = ncp;
	lcp->on_up = open_other;
	lcp->on_down = close_other;
	to_state(lcp, PPP_FSM_OPENED);
	CHECK_EQ(ncp->f.state, PPP_FSM_REQSENT);
	CHECK_EQ(sends(ncp, PPP_CONFREQ), 1);
	ppp_fsm_lower_down(&lcp->f);
	CHECK_EQ(lcp->f.state, PPP_FSM_STARTING);
	CHECK_EQ(ncp->f.state, PPP_FSM_STARTING);
	CHECK(!ncp->timer_on);
	free(lcp);
	free(ncp);
}

/* ---- two automata back to back --------------------------------------- */

static void wire(struct ep *a, struct ep *b, bool sync)
{
	a->peer = b;
	b->peer = a;
	a->sync = b->sync = sync;
	q_reset();
}

/* Pump packets, and fire the timer of whoever waits, until quiet. */
static void run(struct ep *a, struct ep *b, int drop_one_in, int rounds)
{
	int i;

	for (i = 0; i < rounds; i++) {
		q_pump(drop_one_in);
		if (a->f.state == PPP_FSM_OPENED && b->f.state == PPP_FSM_OPENED)
			break;
		if (!a->timer_on && !b->timer_on)
			break;
		/* One timer per round, as real timers rarely fire together. */
		if (a->timer_on && (!b->timer_on || i % 2))
			ppp_fsm_timeout(&a->f);
		else
			ppp_fsm_timeout(&b->f);
	}
}

static void negotiation_pair(struct ep **pa, struct ep **pb)
{
	struct ep *a = ep_new(&t_ops), *b = ep_new(&t_ops);

	/* A asks for 5, B wants at least 30: one Nak round. B asks for
	 * option 2, which A rejects: one Reject round. */
	a->cfg_val = 5;
	a->min_val = 10;
	b->cfg_val = 20;
	b->cfg2 = true;
	b->min_val = 30;
	*pa = a;
	*pb = b;
}

TEST(fsm_two_automata_negotiate_to_opened)
{
	struct ep *a, *b;

	negotiation_pair(&a, &b);
	wire(a, b, false);
	ppp_fsm_open(&a->f);
	ppp_fsm_open(&b->f);
	ppp_fsm_lower_up(&a->f);
	ppp_fsm_lower_up(&b->f);
	run(a, b, 0, 20);
	CHECK_EQ(a->f.state, PPP_FSM_OPENED);
	CHECK_EQ(b->f.state, PPP_FSM_OPENED);
	CHECK_EQ(a->ups, 1);
	CHECK_EQ(b->ups, 1);
	CHECK(!a->timer_on);
	CHECK(!b->timer_on);
	/* What was agreed: A's option 1 raised to 30, B's option 2 dropped. */
	CHECK_EQ(a->want_val, 30);
	CHECK(!b->want2);
	CHECK_EQ(sends(a, PPP_CONFNAK), 0);
	CHECK_EQ(sends(b, PPP_CONFNAK), 1);
	CHECK_EQ(sends(a, PPP_CONFREJ), 1);
	free(a);
	free(b);
}

TEST(fsm_two_automata_negotiate_despite_lost_packets)
{
	unsigned int seed;

	for (seed = 1; seed <= 50; seed++) {
		struct ep *a, *b;

		negotiation_pair(&a, &b);
		a->f.max_configure = b->f.max_configure = 1000;
		wire(a, b, false);
		q_rand = seed;
		ppp_fsm_lower_up(&a->f);
		ppp_fsm_lower_up(&b->f);
		ppp_fsm_open(&a->f);
		ppp_fsm_open(&b->f);
		run(a, b, 3, 500);	/* a third of the packets lost */
		CHECK_EQ(a->f.state, PPP_FSM_OPENED);
		CHECK_EQ(b->f.state, PPP_FSM_OPENED);
		CHECK_EQ(a->ups - a->downs, 1);
		CHECK_EQ(b->ups - b->downs, 1);
		free(a);
		free(b);
	}
}

TEST(fsm_two_automata_negotiate_with_synchronous_delivery)
{
	struct ep *a, *b;

	negotiation_pair(&a, &b);
	wire(a, b, true);
	ppp_fsm_lower_up(&a->f);
	ppp_fsm_lower_up(&b->f);
	ppp_fsm_open(&a->f);
	ppp_fsm_open(&b->f);
	run(a, b, 0, 20);
	CHECK_EQ(a->f.state, PPP_FSM_OPENED);
	CHECK_EQ(b->f.state, PPP_FSM_OPENED);
	CHECK_EQ(a->ups - a->downs, 1);
	CHECK_EQ(b->ups - b->downs, 1);
	free(a);
	free(b);
}

TEST(fsm_minimal_protocols_without_options_negotiate)
{
	struct ep *a = ep_new(&min_ops), *b = ep_new(&min_ops);

	wire(a, b, false);
	ppp_fsm_lower_up(&a->f);
	ppp_fsm_open(&a->f);
	ppp_fsm_lower_up(&b->f);
	ppp_fsm_open(&b->f);
	run(a, b, 0, 20);
	CHECK_EQ(a->f.state, PPP_FSM_OPENED);
	CHECK_EQ(b->f.state, PPP_FSM_OPENED);
	/* And one without recv_req rejects every option it is offered. */
	ep_clear_log(a);
	a->peer = NULL;
	inject(a, PPP_CONFREQ, 9, opt_good, sizeof(opt_good));
	CHECK_EQ(last_send(a)->code, PPP_CONFREJ);
	CHECK_MEM(last_send(a)->pkt + 4, opt_good, sizeof(opt_good));
	CHECK_EQ(a->f.state, PPP_FSM_REQSENT);
	free(a);
	free(b);
}

TEST(fsm_close_from_opened_ends_closed_on_the_closing_side)
{
	struct ep *a, *b;

	negotiation_pair(&a, &b);
	wire(a, b, false);
	ppp_fsm_lower_up(&a->f);
	ppp_fsm_lower_up(&b->f);
	ppp_fsm_open(&a->f);
	ppp_fsm_open(&b->f);
	run(a, b, 0, 20);
	CHECK_EQ(a->f.state, PPP_FSM_OPENED);

	ppp_fsm_close(&a->f, "admin");
	q_pump(0);
	/* A: tld,irc,str/4 then RTA tlf/2. B: RTR tld,zrc,sta/5. */
	CHECK_EQ(a->f.state, PPP_FSM_CLOSED);
	CHECK_EQ(a->finishes, 1);
	CHECK_EQ(b->f.state, PPP_FSM_STOPPING);
	CHECK_EQ(b->terminated, 1);
	CHECK_MEM(b->term_data, "admin", 5);
	/* B, not closed itself, rests in Stopped after one Restart period. */
	ppp_fsm_timeout(&b->f);
	CHECK_EQ(b->f.state, PPP_FSM_STOPPED);
	CHECK_EQ(b->finishes, 1);
	CHECK_EQ(a->downs, 1);
	CHECK_EQ(b->downs, 1);
	CHECK(!a->timer_on);
	CHECK(!b->timer_on);
	free(a);
	free(b);
}

TEST(fsm_close_on_both_sides_ends_closed_on_both)
{
	struct ep *a, *b;

	negotiation_pair(&a, &b);
	wire(a, b, false);
	ppp_fsm_lower_up(&a->f);
	ppp_fsm_lower_up(&b->f);
	ppp_fsm_open(&a->f);
	ppp_fsm_open(&b->f);
	run(a, b, 0, 20);
	CHECK_EQ(b->f.state, PPP_FSM_OPENED);

	ppp_fsm_close(&a->f, NULL);
	ppp_fsm_close(&b->f, NULL);
	q_pump(0);
	CHECK_EQ(a->f.state, PPP_FSM_CLOSED);
	CHECK_EQ(b->f.state, PPP_FSM_CLOSED);
	CHECK_EQ(a->finishes, 1);
	CHECK_EQ(b->finishes, 1);
	CHECK(!a->timer_on);
	CHECK(!b->timer_on);
	/* And either can open again from there. */
	ppp_fsm_open(&a->f);
	ppp_fsm_open(&b->f);
	run(a, b, 0, 20);
	CHECK_EQ(a->f.state, PPP_FSM_OPENED);
	CHECK_EQ(b->f.state, PPP_FSM_OPENED);
	CHECK_EQ(a->resets, 2);
	free(a);
	free(b);
}

TEST(fsm_renegotiation_from_opened_restarts_from_the_configuration)
{
	struct ep *a, *b;

	negotiation_pair(&a, &b);
	wire(a, b, false);
	ppp_fsm_lower_up(&a->f);
	ppp_fsm_lower_up(&b->f);
	ppp_fsm_open(&a->f);
	ppp_fsm_open(&b->f);
	run(a, b, 0, 20);
	CHECK_EQ(a->resets, 1);
	/* B renegotiates (as if its Open came with a Down/Up). */
	ppp_fsm_lower_down(&b->f);
	ppp_fsm_lower_up(&b->f);
	run(a, b, 0, 20);
	CHECK_EQ(a->f.state, PPP_FSM_OPENED);
	CHECK_EQ(b->f.state, PPP_FSM_OPENED);
	CHECK_EQ(a->resets, 2);
	CHECK_EQ(a->ups, 2);
	CHECK_EQ(a->downs, 1);
	free(a);
	free(b);
}

/* ---- helpers ------------------------------------------------------------- */

TEST(fsm_send_writes_the_header_and_refuses_oversized_data)
{
	struct ep *e = ep_new(&t_ops);
	static uint8_t data[PPP_MRU_MAX];
	const struct ent *l;

	ppp_fsm_send(&e->f, PPP_ECHOREQ, 0x12, (const uint8_t *)"abcd", 4);
	l = last_send(e);
	CHECK(l && l->len == 8);
	CHECK(l && !memcmp(l->pkt, "\x09\x12\x00\x08" "abcd", 8));
	ppp_fsm_send(&e->f, PPP_DISCREQ, 1, NULL, 0);
	CHECK_EQ(last_send(e)->len, 4);
	ppp_fsm_send(&e->f, PPP_ECHOREP, 1, data, PPP_MRU_MAX - 4);
	CHECK_EQ(last_send(e)->len, PPP_MRU_MAX);
	ep_clear_log(e);
	ppp_fsm_send(&e->f, PPP_ECHOREP, 1, data, PPP_MRU_MAX - 3);
	CHECK_EQ(e->n, 0);
	free(e);
}

TEST(fsm_names_states_and_codes)
{
	CHECK(!strcmp(ppp_fsm_state_name(PPP_FSM_INITIAL), "Initial"));
	CHECK(!strcmp(ppp_fsm_state_name(PPP_FSM_REQSENT), "Req-Sent"));
	CHECK(!strcmp(ppp_fsm_state_name(PPP_FSM_OPENED), "Opened"));
	CHECK(!strcmp(ppp_fsm_state_name((enum ppp_fsm_state)42), "Unknown"));
	CHECK(!strcmp(ppp_code_name(PPP_CONFREQ), "Configure-Request"));
	CHECK(!strcmp(ppp_code_name(PPP_CODEREJ), "Code-Reject"));
	CHECK(!strcmp(ppp_code_name(PPP_DISCREQ), "Discard-Request"));
	CHECK(!strcmp(ppp_code_name(14), "Reset-Request"));
	CHECK(ppp_code_name(16) == NULL);
	CHECK(ppp_code_name(255) == NULL);
}

int main(void)
{
	RUN(fsm_follows_every_cell_of_the_rfc1661_state_transition_table);
	RUN(fsm_table_covers_every_event);
	RUN(fsm_passive_timeout_waits_in_stopped_without_tlf);
	RUN(fsm_passive_stopped_answers_a_late_peer);
	RUN(fsm_init_sets_rfc1661_defaults);
	RUN(fsm_max_configure_requests_then_tlf_and_stopped);
	RUN(fsm_max_terminate_requests_then_tlf_and_closed);
	RUN(fsm_terminate_request_carries_the_close_reason);
	RUN(fsm_max_failure_turns_naks_into_rejects);
	RUN(fsm_rejects_do_not_count_towards_max_failure);
	RUN(fsm_naks_received_past_max_failure_are_passed_as_last);
	RUN(fsm_configure_reject_received_does_not_count_as_nak);
	RUN(fsm_discards_ack_nak_rej_with_another_identifier);
	RUN(fsm_late_ack_to_a_retransmitted_request_is_accepted);
	RUN(fsm_new_request_after_a_reply_gets_a_new_identifier);
	RUN(fsm_discards_a_second_answer_after_falling_back_from_ack_rcvd);
	RUN(fsm_discards_ack_whose_options_do_not_match);
	RUN(fsm_discards_malformed_nak_and_reject);
	RUN(fsm_drops_configure_request_the_protocol_cannot_parse);
	RUN(fsm_restarts_negotiation_before_reading_the_peers_request);
	RUN(fsm_replies_copy_the_request_identifier);
	RUN(fsm_drops_packets_with_bad_length);
	RUN(fsm_ignores_padding_after_the_length_field);
	RUN(fsm_code_rejects_unknown_code_quoting_the_packet);
	RUN(fsm_code_reject_is_truncated_to_the_default_mru);
	RUN(fsm_sends_no_code_reject_for_codes_the_protocol_handles);
	RUN(fsm_without_recv_code_code_rejects_everything_beyond_7);
	RUN(fsm_code_reject_of_basic_codes_is_catastrophic);
	RUN(fsm_code_reject_of_extended_code_is_the_protocols_call);
	RUN(fsm_rejected_flag_marks_rxj_minus_until_restart);
	RUN(fsm_ignores_empty_code_reject);
	RUN(fsm_passes_echo_to_the_protocol_in_every_state_with_the_link_up);
	RUN(fsm_terminate_request_in_opened_waits_a_restart_period);
	RUN(fsm_stale_timeout_is_ignored);
	RUN(fsm_up_callback_may_close_the_same_automaton);
	RUN(fsm_down_callback_that_drops_the_lower_layer_ends_the_cell);
	RUN(fsm_finished_and_started_callbacks_may_cycle_the_lower_layer);
	RUN(fsm_keeps_layer_up_and_down_balanced_when_send_reenters);
	RUN(fsm_up_and_down_callbacks_may_drive_another_automaton);
	RUN(fsm_two_automata_negotiate_to_opened);
	RUN(fsm_two_automata_negotiate_despite_lost_packets);
	RUN(fsm_two_automata_negotiate_with_synchronous_delivery);
	RUN(fsm_minimal_protocols_without_options_negotiate);
	RUN(fsm_close_from_opened_ends_closed_on_the_closing_side);
	RUN(fsm_close_on_both_sides_ends_closed_on_both);
	RUN(fsm_renegotiation_from_opened_restarts_from_the_configuration);
	RUN(fsm_send_writes_the_header_and_refuses_oversized_data);
	RUN(fsm_names_states_and_codes);
	return test_summary();
}
