// SPDX-License-Identifier: GPL-2.0
/*
 * The option negotiation automaton of RFC 1661 section 4.
 *
 * Each event is one function with a switch over the state; every case is a
 * cell of the table in section 4.1, with the RFC's action list as a comment
 * when it is not obvious from the code. The "-" cells (illegal events) fall
 * through to a default that does nothing: the RFC asks for no transition
 * and no reset (4.4), and the automaton has nobody to log to.
 *
 * Order of actions. The RFC lets the actions of a cell run in any order;
 * this file always runs them as:
 *
 *   1. the new state is entered (stopping the Restart timer when the new
 *      state does not run it), so that every callback sees it;
 *   2. This-Layer-Down, if the cell has it, and if the owner moved the
 *      automaton from inside that callback (closed it, took the lower layer
 *      down), the rest of the cell is dropped: the nested event has already
 *      done what the current state calls for;
 *   3. the restart counter and timer, then the packets, request first;
 *   4. This-Layer-Up/Started/Finished last, so the owner may start or stop
 *      other automata, or this one, from inside them.
 *
 * One exception: Ack-Rcvd + RCR+ (sca,tlu/9) sends the Configure-Ack first
 * and enters Opened after, and only if it is still in Ack-Rcvd, so that an
 * owner whose send() delivers synchronously cannot see This-Layer-Down
 * before This-Layer-Up. Counters and the timer are always updated before a
 * packet leaves, for the same reason.
 *
 * Identifiers. A Configure-Request keeps its identifier across
 * retransmissions, so a late reply to the first copy still counts, and gets
 * a new one once a reply has been accepted (RFC 1661 5.5). Exactly one
 * Ack, Nak or Reject is accepted per request: a second reply to a request
 * already answered is "out of sequence" (4.3, RCA) and silently discarded.
 * That is why the four cells marked [x] in the table (RCA and RCN in
 * Ack-Rcvd and Opened, a "crossed connection") are never reached: in those
 * states no request is outstanding, and the only packets that could fire
 * them are duplicates, which would otherwise tear down an open link.
 *
 * A Configure-Request the protocol cannot parse (recv_req() < 0) gets no
 * reply and no transition, except in Stopped and Opened: there the cell's
 * first actions (irc,scr or tld,scr) must run before the request is read
 * (see rcr()), so the automaton is left in Req-Sent, negotiating afresh.
 *
 * Every packet codes 1-7 produce is at most PPP_MRU_DEFAULT bytes: RFC 1661
 * section 5 sends them "as if no Configuration Options were negotiated", so
 * that is the one size the peer is sure to accept.
 */
#include "libppp/fsm.h"
#include "libppp/ppp.h"

enum {
	FSM_PKT_MAX = PPP_MRU_DEFAULT,
	FSM_DATA_MAX = FSM_PKT_MAX - PPP_CP_HDRLEN,
	FSM_DEF_RESTART_MS = 3000,
	FSM_DEF_MAX_CONFIGURE = 10,
	FSM_DEF_MAX_TERMINATE = 2,
	FSM_DEF_MAX_FAILURE = 5,
};

/* The states with TO events in the table: the Restart timer runs in them. */
static bool timer_runs(enum ppp_fsm_state s)
{
	return s >= PPP_FSM_CLOSING && s <= PPP_FSM_ACKSENT;
}

static void set_state(struct ppp_fsm *f, enum ppp_fsm_state s)
{
	enum ppp_fsm_state old = f->state;

	f->state = s;
	if (s < PPP_FSM_REQSENT) {
		/* Out of negotiation: the next one starts with clean counts. */
		f->req_pending = false;
		f->failure_count = 0;
		f->nak_rcvd_count = 0;
	}
	if (timer_runs(old) && !timer_runs(s))
		f->ops->timer(f, 0);
}

/* Fill in the header of @buf, which holds @len data bytes after it, and send. */
static void xmit(struct ppp_fsm *f, uint8_t *buf, uint8_t code, uint8_t id,
		 size_t len)
{
	buf[0] = code;
	buf[1] = id;
	ppp_put_be16(buf + 2, (uint16_t)(len + PPP_CP_HDRLEN));
	f->ops->send(f, buf, len + PPP_CP_HDRLEN);
}

/* This-Layer-Down; false if the owner moved the automaton meanwhile. */
static bool tld(struct ppp_fsm *f)
{
	enum ppp_fsm_state s = f->state;

	if (f->ops->down)
		f->ops->down(f);
	return f->state == s;
}

static void tlu(struct ppp_fsm *f)
{
	if (f->ops->up)
		f->ops->up(f);
}

static void tls(struct ppp_fsm *f)
{
	if (f->ops->started)
		f->ops->started(f);
}

static void tlf(struct ppp_fsm *f)
{
	if (f->ops->finished)
		f->ops->finished(f);
}

/* irc: the value depends on what the counter will time next. */
static void irc_configure(struct ppp_fsm *f)
{
	f->restart_count = f->max_configure;
}

static void irc_terminate(struct ppp_fsm *f)
{
	f->restart_count = f->max_terminate;
}

/* zrc: wait one Restart period so the peer can see our Terminate-Ack. */
static void zrc(struct ppp_fsm *f)
{
	f->restart_count = 0;
	f->ops->timer(f, f->restart_ms);
}

/*
 * scr. @fresh starts a new negotiation (from a state where none was under
 * way), so the protocol goes back to its configured request.
 */
static void scr(struct ppp_fsm *f, bool fresh)
{
	uint8_t buf[FSM_PKT_MAX];
	size_t len = 0;

	if (fresh && f->ops->reset)
		f->ops->reset(f);
	if (f->ops->build_req) {
		len = f->ops->build_req(f, buf + PPP_CP_HDRLEN, FSM_DATA_MAX);
		if (len > FSM_DATA_MAX)
			len = 0;	/* a broken builder: send no options */
	}
	if (!f->req_pending) {
		f->req_id = f->id++;
		f->req_pending = true;
	}
	if (f->restart_count)
		f->restart_count--;
	f->ops->timer(f, f->restart_ms);
	xmit(f, buf, PPP_CONFREQ, f->req_id, len);
}

/* str: the data is the reason given to ppp_fsm_close(), if any. */
static void str(struct ppp_fsm *f)
{
	uint8_t buf[FSM_PKT_MAX];
	const char *r = f->term_reason;
	size_t len = 0;

	while (r && r[len] && len < FSM_DATA_MAX) {
		buf[PPP_CP_HDRLEN + len] = (uint8_t)r[len];
		len++;
	}
	if (f->restart_count)
		f->restart_count--;
	f->ops->timer(f, f->restart_ms);
	xmit(f, buf, PPP_TERMREQ, f->id++, len);
}

static void sta(struct ppp_fsm *f, uint8_t id)
{
	uint8_t buf[PPP_CP_HDRLEN];

	xmit(f, buf, PPP_TERMACK, id, 0);
}

/* scj: the rejected packet without padding, cut to fit our largest packet. */
static void scj(struct ppp_fsm *f, const uint8_t *pkt, size_t len)
{
	uint8_t buf[FSM_PKT_MAX];

	if (len > FSM_DATA_MAX)
		len = FSM_DATA_MAX;
	memcpy(buf + PPP_CP_HDRLEN, pkt, len);
	xmit(f, buf, PPP_CODEREJ, f->id++, len);
}

void ppp_fsm_init(struct ppp_fsm *f, const struct ppp_fsm_ops *ops,
		  void *priv, uint16_t proto)
{
	memset(f, 0, sizeof(*f));
	f->ops = ops;
	f->priv = priv;
	f->proto = proto;
	f->state = PPP_FSM_INITIAL;
	f->id = 1;
	f->restart_ms = FSM_DEF_RESTART_MS;
	f->max_configure = FSM_DEF_MAX_CONFIGURE;
	f->max_terminate = FSM_DEF_MAX_TERMINATE;
	f->max_failure = FSM_DEF_MAX_FAILURE;
}

void ppp_fsm_lower_up(struct ppp_fsm *f)
{
	f->rejected = false;
	switch (f->state) {
	case PPP_FSM_INITIAL:
		set_state(f, PPP_FSM_CLOSED);
		break;
	case PPP_FSM_STARTING:		/* irc,scr/6 */
		set_state(f, PPP_FSM_REQSENT);
		irc_configure(f);
		scr(f, true);
		break;
	default:
		break;
	}
}

void ppp_fsm_lower_down(struct ppp_fsm *f)
{
	switch (f->state) {
	case PPP_FSM_CLOSED:
	case PPP_FSM_CLOSING:
		set_state(f, PPP_FSM_INITIAL);
		break;
	case PPP_FSM_STOPPED:		/* tls/1 */
		set_state(f, PPP_FSM_STARTING);
		tls(f);
		break;
	case PPP_FSM_STOPPING:
	case PPP_FSM_REQSENT:
	case PPP_FSM_ACKRCVD:
	case PPP_FSM_ACKSENT:
		set_state(f, PPP_FSM_STARTING);
		break;
	case PPP_FSM_OPENED:		/* tld/1 */
		set_state(f, PPP_FSM_STARTING);
		tld(f);
		break;
	default:
		break;
	}
}

/*
 * The [r] restart option (a Down and an Up on Open in Stopped, Closing,
 * Stopping and Opened) is not implemented: an owner that wants a fresh
 * negotiation feeds those two events itself.
 */
void ppp_fsm_open(struct ppp_fsm *f)
{
	f->rejected = false;
	switch (f->state) {
	case PPP_FSM_INITIAL:		/* tls/1 */
		set_state(f, PPP_FSM_STARTING);
		tls(f);
		break;
	case PPP_FSM_CLOSED:		/* irc,scr/6 */
		set_state(f, PPP_FSM_REQSENT);
		irc_configure(f);
		scr(f, true);
		break;
	case PPP_FSM_CLOSING:
		set_state(f, PPP_FSM_STOPPING);
		break;
	default:
		break;
	}
}

void ppp_fsm_close(struct ppp_fsm *f, const char *reason)
{
	f->term_reason = reason;
	switch (f->state) {
	case PPP_FSM_STARTING:		/* tlf/0 */
		set_state(f, PPP_FSM_INITIAL);
		tlf(f);
		break;
	case PPP_FSM_STOPPED:
		set_state(f, PPP_FSM_CLOSED);
		break;
	case PPP_FSM_STOPPING:
		set_state(f, PPP_FSM_CLOSING);
		break;
	case PPP_FSM_REQSENT:
	case PPP_FSM_ACKRCVD:
	case PPP_FSM_ACKSENT:		/* irc,str/4 */
		set_state(f, PPP_FSM_CLOSING);
		irc_terminate(f);
		str(f);
		break;
	case PPP_FSM_OPENED:		/* tld,irc,str/4 */
		set_state(f, PPP_FSM_CLOSING);
		if (!tld(f))
			return;
		irc_terminate(f);
		str(f);
		break;
	default:
		break;
	}
}

void ppp_fsm_timeout(struct ppp_fsm *f)
{
	/* A timer that fired as it was being stopped: nothing runs it now. */
	if (!timer_runs(f->state))
		return;

	if (f->restart_count > 0) {	/* TO+ */
		switch (f->state) {
		case PPP_FSM_CLOSING:
		case PPP_FSM_STOPPING:
			str(f);
			break;
		case PPP_FSM_ACKRCVD:	/* scr/6 */
			set_state(f, PPP_FSM_REQSENT);
			scr(f, false);
			break;
		default:		/* Req-Sent scr/6, Ack-Sent scr/8 */
			scr(f, false);
			break;
		}
		return;
	}

	switch (f->state) {		/* TO- */
	case PPP_FSM_CLOSING:
		set_state(f, PPP_FSM_CLOSED);
		tlf(f);
		break;
	case PPP_FSM_STOPPING:
		set_state(f, PPP_FSM_STOPPED);
		tlf(f);
		break;
	default:			/* tlf/3p */
		set_state(f, PPP_FSM_STOPPED);
		if (!f->passive)
			tlf(f);
		break;
	}
}

/* RXJ-: from a Code-Reject of a basic code, or ppp_fsm_proto_rejected(). */
static void rxj_bad(struct ppp_fsm *f)
{
	f->rejected = true;
	switch (f->state) {
	case PPP_FSM_CLOSED:
	case PPP_FSM_CLOSING:		/* tlf/2 */
		set_state(f, PPP_FSM_CLOSED);
		tlf(f);
		break;
	case PPP_FSM_STOPPED:
	case PPP_FSM_STOPPING:
	case PPP_FSM_REQSENT:
	case PPP_FSM_ACKRCVD:
	case PPP_FSM_ACKSENT:		/* tlf/3 */
		set_state(f, PPP_FSM_STOPPED);
		tlf(f);
		break;
	case PPP_FSM_OPENED:		/* tld,irc,str/5 */
		set_state(f, PPP_FSM_STOPPING);
		if (!tld(f))
			return;
		irc_terminate(f);
		str(f);
		break;
	default:
		break;
	}
}

void ppp_fsm_proto_rejected(struct ppp_fsm *f)
{
	rxj_bad(f);
}

/* What a protocol without a recv_req callback does: it has no options. */
static int default_recv_req(const uint8_t *p, size_t len, uint8_t *out,
			    size_t cap, size_t *outlen)
{
	if (!len) {
		*outlen = 0;
		return PPP_CONFACK;
	}
	if (len > cap)
		return -EINVAL;
	memcpy(out, p, len);
	*outlen = len;
	return PPP_CONFREJ;
}

/*
 * RCR+/RCR-. In Stopped and Opened the cells start with the same actions
 * whichever the verdict (irc,scr and tld,scr), and they run before the
 * request is read: a new negotiation resets the protocol (ppp_fsm_ops.reset),
 * which may clear what it recorded about the peer, so the peer's request
 * must be taken in after it. What is left, sca/8 or scn/6, is the Req-Sent
 * cell, so from there every case is a Req-Sent, Ack-Rcvd or Ack-Sent one.
 */
static void rcr(struct ppp_fsm *f, uint8_t id, const uint8_t *p, size_t len)
{
	uint8_t buf[FSM_PKT_MAX];
	uint8_t *out = buf + PPP_CP_HDRLEN;
	size_t olen = 0;
	bool good;
	int code;

	switch (f->state) {
	case PPP_FSM_CLOSED:		/* sta/2 */
		sta(f, id);
		return;
	case PPP_FSM_STOPPED:		/* irc,scr, then as Req-Sent */
		set_state(f, PPP_FSM_REQSENT);
		irc_configure(f);
		scr(f, true);
		break;
	case PPP_FSM_OPENED:		/* tld,scr, then as Req-Sent */
		set_state(f, PPP_FSM_REQSENT);
		if (!tld(f))
			return;
		scr(f, true);
		break;
	default:
		break;
	}
	/* Closing, Stopping: no action. And a callback above may have moved
	 * us (a synchronous send()); then that event has taken over. */
	if (f->state != PPP_FSM_REQSENT && f->state != PPP_FSM_ACKRCVD &&
	    f->state != PPP_FSM_ACKSENT)
		return;

	/* Max-Failure: after that many Naks, what would be naked is rejected. */
	if (f->ops->recv_req)
		code = f->ops->recv_req(f, p, len, out, FSM_DATA_MAX, &olen,
					f->failure_count >= f->max_failure);
	else
		code = default_recv_req(p, len, out, FSM_DATA_MAX, &olen);
	if ((code != PPP_CONFACK && code != PPP_CONFNAK && code != PPP_CONFREJ) ||
	    olen > FSM_DATA_MAX)
		return;		/* unparseable: no reply */
	good = code == PPP_CONFACK;
	if (good)
		f->failure_count = 0;
	else if (code == PPP_CONFNAK)
		f->failure_count++;

	if (f->state == PPP_FSM_ACKRCVD) {	/* sca,tlu/9 or scn/7 */
		/* The Ack goes out before anything This-Layer-Up starts, and
		 * Opened is entered only if what it provoked left us here. */
		xmit(f, buf, (uint8_t)code, id, olen);
		if (good && f->state == PPP_FSM_ACKRCVD) {
			set_state(f, PPP_FSM_OPENED);
			tlu(f);
		}
		return;
	}
	set_state(f, good ? PPP_FSM_ACKSENT : PPP_FSM_REQSENT);	/* sca/8, scn/6 */
	xmit(f, buf, (uint8_t)code, id, olen);
}

/*
 * Gate for Configure-Ack/Nak/Reject. Returns true if the packet is an answer
 * to our outstanding request and the automaton should act on it; Closed and
 * Stopped answer with a Terminate-Ack to resynchronise the peer.
 */
static bool reply_expected(struct ppp_fsm *f, uint8_t id)
{
	switch (f->state) {
	case PPP_FSM_CLOSED:
	case PPP_FSM_STOPPED:		/* sta/2, sta/3 */
		sta(f, id);
		return false;
	case PPP_FSM_CLOSING:
	case PPP_FSM_STOPPING:
		return false;
	default:
		return f->req_pending && id == f->req_id;
	}
}

static void rca(struct ppp_fsm *f, uint8_t id, const uint8_t *p, size_t len)
{
	if (!reply_expected(f, id))
		return;
	if (f->ops->recv_ack && f->ops->recv_ack(f, p, len))
		return;
	f->req_pending = false;
	f->nak_rcvd_count = 0;

	switch (f->state) {
	case PPP_FSM_REQSENT:		/* irc/7 */
		set_state(f, PPP_FSM_ACKRCVD);
		irc_configure(f);
		break;
	case PPP_FSM_ACKSENT:		/* irc,tlu/9 */
		set_state(f, PPP_FSM_OPENED);
		irc_configure(f);
		tlu(f);
		break;
	default:	/* Ack-Rcvd, Opened: no request is ever pending there */
		break;
	}
}

static void rcn(struct ppp_fsm *f, uint8_t code, uint8_t id,
		const uint8_t *p, size_t len)
{
	int err = 0;

	if (!reply_expected(f, id))
		return;
	if (code == PPP_CONFNAK) {
		/* Naks that keep coming: the peer's loop, our Max-Failure. */
		bool last = f->nak_rcvd_count >= f->max_failure;

		if (f->ops->recv_nak)
			err = f->ops->recv_nak(f, p, len, last);
		if (err)
			return;
		f->nak_rcvd_count++;
	} else {
		if (f->ops->recv_rej)
			err = f->ops->recv_rej(f, p, len);
		if (err)
			return;
	}
	f->req_pending = false;

	switch (f->state) {
	case PPP_FSM_REQSENT:		/* irc,scr/6 */
	case PPP_FSM_ACKSENT:		/* irc,scr/8 */
		irc_configure(f);
		scr(f, false);
		break;
	default:
		break;
	}
}

static void rtr(struct ppp_fsm *f, uint8_t id, const uint8_t *p, size_t len)
{
	/* Only where it ends something: a retransmitted one is not news. */
	if (f->state >= PPP_FSM_REQSENT && f->ops->peer_terminated)
		f->ops->peer_terminated(f, p, len);

	switch (f->state) {
	case PPP_FSM_CLOSED:
	case PPP_FSM_STOPPED:
	case PPP_FSM_CLOSING:
	case PPP_FSM_STOPPING:
		sta(f, id);
		break;
	case PPP_FSM_REQSENT:
	case PPP_FSM_ACKRCVD:
	case PPP_FSM_ACKSENT:		/* sta/6 */
		set_state(f, PPP_FSM_REQSENT);
		sta(f, id);
		break;
	case PPP_FSM_OPENED:		/* tld,zrc,sta/5 */
		set_state(f, PPP_FSM_STOPPING);
		if (!tld(f))
			return;
		zrc(f);
		sta(f, id);
		break;
	default:
		break;
	}
}

static void rta(struct ppp_fsm *f)
{
	switch (f->state) {
	case PPP_FSM_CLOSING:		/* tlf/2 */
		set_state(f, PPP_FSM_CLOSED);
		tlf(f);
		break;
	case PPP_FSM_STOPPING:		/* tlf/3 */
		set_state(f, PPP_FSM_STOPPED);
		tlf(f);
		break;
	case PPP_FSM_ACKRCVD:
		set_state(f, PPP_FSM_REQSENT);
		break;
	case PPP_FSM_OPENED:		/* tld,scr/6 */
		set_state(f, PPP_FSM_REQSENT);
		if (!tld(f))
			return;
		scr(f, true);
		break;
	default:
		break;
	}
}

/*
 * Code-Reject. Rejecting one of the codes every automaton needs (1-7) is
 * RXJ- (RFC 1661 4.3 and 5.6); for other codes the protocol decides.
 * RXJ+ only moves Ack-Rcvd back to Req-Sent.
 */
static void rxj(struct ppp_fsm *f, const uint8_t *p, size_t len)
{
	bool bad;

	if (!len)
		return;		/* no Rejected-Packet: invalid */
	bad = p[0] >= PPP_CONFREQ && p[0] <= PPP_CODEREJ;
	if (f->ops->code_rejected && f->ops->code_rejected(f, p[0]))
		bad = true;
	if (bad)
		rxj_bad(f);
	else if (f->state == PPP_FSM_ACKRCVD)
		set_state(f, PPP_FSM_REQSENT);
}

void ppp_fsm_input(struct ppp_fsm *f, const uint8_t *pkt, size_t len)
{
	const uint8_t *data = pkt + PPP_CP_HDRLEN;
	size_t plen, dlen;
	uint8_t code, id;
	int err;

	if (len < PPP_CP_HDRLEN)
		return;
	plen = ppp_get_be16(pkt + 2);
	if (plen < PPP_CP_HDRLEN || plen > len)
		return;
	/* With the lower layer down every receive event is illegal. */
	if (f->state == PPP_FSM_INITIAL || f->state == PPP_FSM_STARTING)
		return;
	code = pkt[0];
	id = pkt[1];
	dlen = plen - PPP_CP_HDRLEN;	/* what follows is padding */

	switch (code) {
	case PPP_CONFREQ:
		rcr(f, id, data, dlen);
		break;
	case PPP_CONFACK:
		rca(f, id, data, dlen);
		break;
	case PPP_CONFNAK:
	case PPP_CONFREJ:
		rcn(f, code, id, data, dlen);
		break;
	case PPP_TERMREQ:
		rtr(f, id, data, dlen);
		break;
	case PPP_TERMACK:
		rta(f);
		break;
	case PPP_CODEREJ:
		rxj(f, data, dlen);
		break;
	default:
		/* The protocol's own codes (Echo: RXR, Protocol-Reject: RXJ
		 * of another automaton...); anything it does not know is RUC. */
		err = -EOPNOTSUPP;
		if (f->ops->recv_code)
			err = f->ops->recv_code(f, code, id, data, dlen);
		if (err == -EOPNOTSUPP)
			scj(f, pkt, plen);
		break;
	}
}

void ppp_fsm_send(struct ppp_fsm *f, uint8_t code, uint8_t id,
		  const uint8_t *data, size_t len)
{
	/* Big enough for an Echo-Reply to an Echo-Request of any MRU. */
	uint8_t buf[PPP_MRU_MAX];

	if (len > sizeof(buf) - PPP_CP_HDRLEN)
		return;
	if (len)
		memcpy(buf + PPP_CP_HDRLEN, data, len);
	xmit(f, buf, code, id, len);
}

const char *ppp_fsm_state_name(enum ppp_fsm_state s)
{
	static const char *const names[] = {
		[PPP_FSM_INITIAL] = "Initial",
		[PPP_FSM_STARTING] = "Starting",
		[PPP_FSM_CLOSED] = "Closed",
		[PPP_FSM_STOPPED] = "Stopped",
		[PPP_FSM_CLOSING] = "Closing",
		[PPP_FSM_STOPPING] = "Stopping",
		[PPP_FSM_REQSENT] = "Req-Sent",
		[PPP_FSM_ACKRCVD] = "Ack-Rcvd",
		[PPP_FSM_ACKSENT] = "Ack-Sent",
		[PPP_FSM_OPENED] = "Opened",
	};

	if ((unsigned int)s >= sizeof(names) / sizeof(names[0]))
		return "Unknown";
	return names[s];
}

const char *ppp_code_name(uint8_t code)
{
	static const char *const names[] = {
		[0] = "Vendor-Specific",	/* RFC 2153 */
		[PPP_CONFREQ] = "Configure-Request",
		[PPP_CONFACK] = "Configure-Ack",
		[PPP_CONFNAK] = "Configure-Nak",
		[PPP_CONFREJ] = "Configure-Reject",
		[PPP_TERMREQ] = "Terminate-Request",
		[PPP_TERMACK] = "Terminate-Ack",
		[PPP_CODEREJ] = "Code-Reject",
		[PPP_PROTREJ] = "Protocol-Reject",
		[PPP_ECHOREQ] = "Echo-Request",
		[PPP_ECHOREP] = "Echo-Reply",
		[PPP_DISCREQ] = "Discard-Request",
		[12] = "Identification",	/* RFC 1570 */
		[13] = "Time-Remaining",	/* RFC 1570 */
		[14] = "Reset-Request",		/* RFC 1962, CCP */
		[15] = "Reset-Ack",		/* RFC 1962, CCP */
	};

	if (code >= sizeof(names) / sizeof(names[0]))
		return NULL;
	return names[code];
}
