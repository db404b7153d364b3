// SPDX-License-Identifier: GPL-2.0
/*
 * CCP (RFC 1962) on the RFC 1661 automaton, for the bundle: the option
 * negotiation is libppp's (ccp.h); this file turns an Opened CCP into
 * compressors in the data plane, one per direction, and runs the Reset
 * exchange that puts a decompressor back in step with its compressor.
 *
 * What runs is what the options allow and the data plane can do (its
 * ccp_methods): when nothing is left, CCP is Protocol-Rejected, as it is
 * with noccp. MPPE (require-mppe*) needs MS-CHAP's keys, excludes every
 * other method, and while it is not on in a direction no IPv4/IPv6 packet
 * passes that way; if it cannot be agreed the link ends, as with pppd.
 *
 * Reset (RFC 1962 2.1): a decompressor that lost step tells us (the data
 * plane calls nl_bundle_dp_ccp_error once, then discards until reset); we
 * send Reset-Request and repeat it each restart interval until the
 * Reset-Ack with its identifier comes, then restart the decompressor. The
 * peer's Reset-Request restarts our compressor and is answered with a
 * Reset-Ack carrying its identifier. MPPE differs (RFC 3078 8): the
 * receiver's Reset-Request is sent once per loss and never acked; the
 * sender's next packet carries FLUSHED.
 */
#include <json-c/json.h>
#include <stdio.h>
#include <string.h>

#include "libppp/ccp.h"
#include "libppp/ppp.h"

#include "bundle.h"
#include "config.h"
#include "dump.h"
#include "link.h"
#include "log.h"
#include "proto/lcp.h"

enum {
	CCP_CODE_RESETREQ = 14,
	CCP_CODE_RESETACK = 15,
};

struct ccp {
	struct nl_cp cp;	/* first: the shared glue */
	struct ppp_ccp_neg n;
	bool off;		/* nothing to run: Protocol-Reject the peer's CCP */
	bool required;		/* MPPE required */
	unsigned int tx, rx;	/* the method in force each way (PPP_CCP_*), 0 none */
	/* Our outstanding Reset-Request (not MPPE). */
	bool reset_pending;
	uint8_t reset_id;
	unsigned int reset_tries;
	struct nl_timer reset_timer;
	uint64_t reset_req_sent, reset_req_rcvd, reset_ack_sent, reset_ack_rcvd;
};

static struct ccp *ccp_of(struct ppp_fsm *f)
{
	return (struct ccp *)nl_cp_of(f);
}

static struct nl_bundle *bundle_of(struct ccp *s)
{
	return s->cp.pi->bundle;
}

static void ccp_reset(struct ppp_fsm *f)
{
	ppp_ccp_reset(&ccp_of(f)->n);
}

static size_t ccp_build_req(struct ppp_fsm *f, uint8_t *b, size_t cap)
{
	return ppp_ccp_build_req(&ccp_of(f)->n, b, cap);
}

static int ccp_recv_ack(struct ppp_fsm *f, const uint8_t *p, size_t len)
{
	return ppp_ccp_recv_ack(&ccp_of(f)->n, p, len);
}

static int ccp_recv_nak(struct ppp_fsm *f, const uint8_t *p, size_t len, bool last)
{
	/* After max-failure Naks, what the peer keeps suggesting is dropped. */
	return last ? ppp_ccp_recv_rej(&ccp_of(f)->n, p, len) :
		      ppp_ccp_recv_nak(&ccp_of(f)->n, p, len);
}

static int ccp_recv_rej(struct ppp_fsm *f, const uint8_t *p, size_t len)
{
	return ppp_ccp_recv_rej(&ccp_of(f)->n, p, len);
}

static int ccp_recv_req(struct ppp_fsm *f, const uint8_t *p, size_t len, uint8_t *out,
			size_t cap, size_t *outlen, bool no_nak)
{
	return ppp_ccp_recv_req(&ccp_of(f)->n, p, len, out, cap, outlen, no_nak);
}

/* "mppe-128 stateless", "deflate 15", "deflate(24) 12", "bsdcomp 15", "predictor1". */
static const char *method_desc(const struct ppp_ccp_opts *o, char *buf, size_t cap)
{
	switch (ppp_ccp_method(o)) {
	case PPP_CCP_MPPE:
		snprintf(buf, cap, "mppe-%u %s", ppp_mppe_key_bits(o->mppe),
			 o->mppe & PPP_MPPE_OPT_H ? "stateless" : "stateful");
		break;
	case PPP_CCP_DEFLATE:
		snprintf(buf, cap, "deflate %u", o->deflate_window);
		break;
	case PPP_CCP_DEFLATE_DRAFT:
		snprintf(buf, cap, "deflate(24) %u", o->deflate_window);
		break;
	case PPP_CCP_BSD:
		snprintf(buf, cap, "bsdcomp %u", o->bsd_bits);
		break;
	case PPP_CCP_PRED1:
		snprintf(buf, cap, "predictor1");
		break;
	default:
		snprintf(buf, cap, "none");
	}
	return buf;
}

/* The data plane's settings for one direction; the key is wiped by the caller. */
static void dir_of(struct ccp *s, const struct ppp_ccp_opts *o, bool tx, struct nl_ccp_dir *d)
{
	struct nl_link *l = nl_bundle_first_link(bundle_of(s));

	memset(d, 0, sizeof(*d));
	d->method = ppp_ccp_method(o);
	d->required = s->required;
	d->deflate_window = o->deflate_window;
	d->bsd_bits = o->bsd_bits;
	if (d->method == PPP_CCP_MPPE) {
		d->mppe_bits = (uint16_t)ppp_mppe_key_bits(o->mppe);
		d->mppe_stateful = !(o->mppe & PPP_MPPE_OPT_H);
		if (l)
			memcpy(d->mppe_key, tx ? l->mppe_send : l->mppe_recv, sizeof(d->mppe_key));
	}
}

/* Program one direction; false if the data plane refused. */
static bool set_dir(struct ccp *s, bool tx, const struct ppp_ccp_opts *o)
{
	struct nl_dataplane *dp = &bundle_of(s)->dp;
	struct nl_ccp_dir d;
	int err = -EOPNOTSUPP;

	dir_of(s, o, tx, &d);
	if (dp->ops && dp->ops->set_ccp)
		err = dp->ops->set_ccp(dp, tx, &d);
	explicit_bzero(d.mppe_key, sizeof(d.mppe_key));
	if (err < 0) {
		char m[32];

		nl_err("CCP: the %s data plane cannot %s with %s: %s", dp->ops ? dp->ops->name : "",
		       tx ? "compress" : "decompress", method_desc(o, m, sizeof(m)),
		       strerror(-err));
		return false;
	}
	if (tx)
		s->tx = d.method;
	else
		s->rx = d.method;
	return true;
}

/* Stop both directions (data still blocked when MPPE is required). */
static void clear_dirs(struct ccp *s)
{
	static const struct ppp_ccp_opts none;
	struct nl_dataplane *dp = &bundle_of(s)->dp;
	struct nl_ccp_dir d;

	nl_timer_cancel(bundle_of(s)->loop, &s->reset_timer);
	s->reset_pending = false;
	if (!s->tx && !s->rx && !s->required)
		return;
	if (dp->ops && dp->ops->set_ccp) {
		dir_of(s, &none, true, &d);
		dp->ops->set_ccp(dp, true, &d);
		dp->ops->set_ccp(dp, false, &d);
	}
	s->tx = s->rx = 0;
}

static void mppe_failed(struct ccp *s, const char *why)
{
	nl_err("%s", why);
	nl_bundle_close(bundle_of(s), why, NL_EXIT_NEGOTIATION_FAILED);
}

static void ccp_up(struct ppp_fsm *f)
{
	struct ccp *s = ccp_of(f);
	const struct ppp_ccp_neg *n = &s->n;
	char t[32], r[32];

	if (s->required && (ppp_ccp_method(&n->his) != PPP_CCP_MPPE ||
			    ppp_ccp_method(&n->got) != PPP_CCP_MPPE)) {
		mppe_failed(s, "MPPE required but peer negotiation failed");
		return;
	}
	if (!set_dir(s, true, &n->his) || !set_dir(s, false, &n->got)) {
		clear_dirs(s);
		if (s->required)
			mppe_failed(s, "MPPE required but the data plane cannot run it");
		else
			ppp_fsm_close(f, "Compression not available");
		return;
	}
	method_desc(&n->his, t, sizeof(t));
	method_desc(&n->got, r, sizeof(r));
	if (!s->tx && !s->rx)
		nl_info("CCP up, no compression either way");
	else if (!strcmp(t, r))
		nl_notice("%s compression enabled", t);
	else
		nl_notice("Compression: transmit %s, receive %s", t, r);
}

static void ccp_down(struct ppp_fsm *f)
{
	clear_dirs(ccp_of(f));
}

static void ccp_finished(struct ppp_fsm *f)
{
	struct ccp *s = ccp_of(f);

	if (s->required && bundle_of(s)->network)
		mppe_failed(s, "MPPE required but CCP is down");
}

static void send_reset_req(struct ccp *s)
{
	struct ppp_fsm *f = &s->cp.fsm;

	s->reset_id = f->id++;
	ppp_fsm_send(f, CCP_CODE_RESETREQ, s->reset_id, NULL, 0);
	s->reset_req_sent++;
}

static void reset_timeout(void *ctx)
{
	struct ccp *s = ctx;

	if (!s->reset_pending || s->cp.fsm.state != PPP_FSM_OPENED)
		return;
	if (++s->reset_tries > s->cp.fsm.max_configure) {
		/* The decompressor stays in discard; the next error asks again. */
		nl_warn("CCP: no Reset-Ack after %u Reset-Requests", s->reset_tries - 1);
		s->reset_pending = false;
		return;
	}
	send_reset_req(s);
	nl_timer_arm(bundle_of(s)->loop, &s->reset_timer, s->cp.fsm.restart_ms);
}

static int ccp_recv_code(struct ppp_fsm *f, uint8_t code, uint8_t id, const uint8_t *p,
			 size_t len)
{
	struct ccp *s = ccp_of(f);
	struct nl_dataplane *dp = &bundle_of(s)->dp;

	switch (code) {
	case CCP_CODE_RESETREQ:
		s->reset_req_rcvd++;
		if (f->state != PPP_FSM_OPENED || !s->tx)
			return 0;
		if (dp->ops->ccp_reset)
			dp->ops->ccp_reset(dp, true);
		/* RFC 3078 8: MPPE resynchronises without a Reset-Ack. */
		if (s->tx != PPP_CCP_MPPE) {
			ppp_fsm_send(f, CCP_CODE_RESETACK, id, p, len);
			s->reset_ack_sent++;
		}
		return 0;
	case CCP_CODE_RESETACK:
		s->reset_ack_rcvd++;
		if (f->state != PPP_FSM_OPENED || !s->reset_pending || id != s->reset_id)
			return 0;
		s->reset_pending = false;
		nl_timer_cancel(bundle_of(s)->loop, &s->reset_timer);
		if (dp->ops->ccp_reset)
			dp->ops->ccp_reset(dp, false);
		return 0;
	}
	return -EOPNOTSUPP;
}

void nl_ccp_decomp_error(struct nl_proto_inst *pi)
{
	struct ccp *s = pi->state;

	if (!s || s->off || s->cp.fsm.state != PPP_FSM_OPENED || !s->rx)
		return;
	if (s->rx == PPP_CCP_MPPE) {
		struct nl_dataplane *dp = &bundle_of(s)->dp;

		/* No Reset-Ack will come (RFC 3078 8): the decompressor finds
		 * its way back by itself, and may report the next loss now. */
		send_reset_req(s);
		if (dp->ops->ccp_reset)
			dp->ops->ccp_reset(dp, false);
		return;
	}
	if (s->reset_pending)
		return;
	s->reset_pending = true;
	s->reset_tries = 0;
	send_reset_req(s);
	nl_timer_arm(bundle_of(s)->loop, &s->reset_timer, s->cp.fsm.restart_ms);
}

static const struct ppp_fsm_ops fsm_ops = {
	.reset = ccp_reset,
	.build_req = ccp_build_req,
	.recv_ack = ccp_recv_ack,
	.recv_nak = ccp_recv_nak,
	.recv_rej = ccp_recv_rej,
	.recv_req = ccp_recv_req,
	.up = ccp_up,
	.down = ccp_down,
	.finished = ccp_finished,
	.recv_code = ccp_recv_code,
	.send = nl_cp_send,
	.timer = nl_cp_timer,
};

static bool ccp_enabled(const struct nl_config *c)
{
	return !c->noccp || c->mppe_keys;
}

static void ccp_init(struct nl_proto_inst *pi)
{
	struct ccp *s = pi->state;
	const struct nl_config *c = pi->bundle->cfg;

	/* pppd's CCP timers are IPCP's defaults. */
	nl_cp_init(pi, &fsm_ops, c->ipcp.restart, c->ipcp.max_configure, c->ipcp.max_terminate,
		   c->ipcp.max_failure);
	nl_timer_init(&s->reset_timer, reset_timeout, s);
}

static void ccp_fini(struct nl_proto_inst *pi)
{
	struct ccp *s = pi->state;

	nl_timer_cancel(pi->bundle->loop, &s->reset_timer);
	nl_cp_fini(pi);
}

/* The network phase: what the options allow and the data plane can run. */
static void ccp_lower_up(struct nl_proto_inst *pi)
{
	struct ccp *s = pi->state;
	struct ppp_ccp_neg *n = &s->n;
	const struct nl_config *c = pi->bundle->cfg;
	const struct nl_dataplane *dp = &pi->bundle->dp;
	struct nl_link *l = nl_bundle_first_link(pi->bundle);
	unsigned int can = dp->ops ? dp->ops->ccp_methods : 0;

	memset(n, 0, sizeof(*n));
	s->off = false;
	s->tx = s->rx = 0;
	s->required = c->mppe_keys != 0;
	if (s->required) {
		if (!(can & PPP_CCP_MPPE)) {
			mppe_failed(s, "MPPE required but the data plane cannot run it");
			return;
		}
		if (!l || !l->mppe_keys) {
			mppe_failed(s, "MPPE required, but MS-CHAP[v2] auth not performed.");
			return;
		}
		n->allow = PPP_CCP_MPPE;
		n->mppe_keys = c->mppe_keys;
		/* RFC 3079's 40-bit keys from MS-CHAPv1 come from the LM hash,
		 * which nobody sends any more (pppd neither). */
		if (l->mppe_v1 && (n->mppe_keys & PPP_MPPE_OPT_L)) {
			nl_info("Disabling 40-bit MPPE; MS-CHAP LM not supported");
			n->mppe_keys &= ~(uint32_t)PPP_MPPE_OPT_L;
			if (!n->mppe_keys) {
				mppe_failed(s, "MPPE required, but both 40-bit and 128-bit disabled.");
				return;
			}
		}
		n->mppe_stateful = c->mppe_stateful;
		n->mppe_required = true;
		/* Nothing passes in the clear before MPPE is on. */
		clear_dirs(s);
	} else {
		n->allow = c->noccp ? 0 : c->ccp_methods & can & ~(unsigned int)PPP_CCP_MPPE;
		n->deflate_rx = c->deflate_rx;
		n->deflate_tx = c->deflate_tx;
		n->bsd_rx = c->bsd_rx;
		n->bsd_tx = c->bsd_tx;
		if (!(n->deflate_rx | n->deflate_tx))
			n->allow &= ~(unsigned int)(PPP_CCP_DEFLATE | PPP_CCP_DEFLATE_DRAFT);
		if (!(n->bsd_rx | n->bsd_tx))
			n->allow &= ~(unsigned int)PPP_CCP_BSD;
	}
	if (!n->allow) {
		s->off = true;
		return;
	}
	nl_cp_open_up(pi);
}

static void ccp_lower_down(struct nl_proto_inst *pi)
{
	struct ccp *s = pi->state;

	nl_cp_down_close(pi);
	clear_dirs(s);
	s->required = false;
}

/*
 * SIGUSR2, as pppd: start CCP over, e.g. after a fatal decompression error
 * closed it. A fresh Configure-Request makes an opened peer renegotiate too.
 */
void nl_ccp_renegotiate(struct nl_proto_inst *pi)
{
	struct ccp *s = pi->state;

	if (!s || !pi->bundle->network)
		return;
	nl_notice("Renegotiating compression");
	nl_timer_cancel(pi->bundle->loop, &s->reset_timer);
	s->reset_pending = false;
	ccp_lower_down(pi);
	ccp_lower_up(pi);
}

static void ccp_input(struct nl_proto_inst *pi, const uint8_t *p, size_t len)
{
	struct ccp *s = pi->state;
	struct nl_link *l = nl_bundle_first_link(pi->bundle);

	if (s->off) {
		if (l)
			nl_lcp_protocol_reject(nl_link_proto(l, &nl_proto_lcp), PPP_PROTO_CCP,
					       p, len);
		return;
	}
	nl_cp_input(pi, p, len);
}

static void ccp_rejected(struct nl_proto_inst *pi)
{
	struct ccp *s = pi->state;

	if (s->required) {
		mppe_failed(s, "MPPE required but peer refused CCP");
		return;
	}
	nl_cp_rejected(pi);
}

static void put_dir(struct json_object *o, const char *key, const struct ppp_ccp_opts *opts,
		    bool on)
{
	char m[32];

	json_object_object_add(o, key, json_object_new_string(
				       on ? method_desc(opts, m, sizeof(m)) : "none"));
}

static void put_u64(struct json_object *o, const char *key, uint64_t v)
{
	json_object_object_add(o, key, json_object_new_int64((int64_t)v));
}

static struct json_object *ccp_status(const struct nl_proto_inst *pi)
{
	const struct ccp *s = pi->state;
	struct json_object *o = nl_cp_status(pi);
	struct nl_dp_stats st;

	json_object_object_add(o, "mppe_required", json_object_new_boolean(s->required));
	put_dir(o, "transmit", &s->n.his, s->tx);
	put_dir(o, "receive", &s->n.got, s->rx);
	nl_bundle_stats(pi->bundle, NULL, &st);
	put_u64(o, "tx_bytes_in", st.comp_tx_in);
	put_u64(o, "tx_bytes_out", st.comp_tx_out);
	put_u64(o, "tx_incompressible", st.comp_tx_incompressible);
	put_u64(o, "rx_bytes_in", st.comp_rx_in);
	put_u64(o, "rx_bytes_out", st.comp_rx_out);
	put_u64(o, "rx_errors", st.comp_rx_errors);
	put_u64(o, "mppe_discards", st.mppe_discards);
	put_u64(o, "required_drops", st.comp_required_drops);
	put_u64(o, "compressor_resets", st.comp_tx_resets);
	put_u64(o, "decompressor_resets", st.comp_rx_resets);
	put_u64(o, "reset_requests_sent", s->reset_req_sent);
	put_u64(o, "reset_requests_received", s->reset_req_rcvd);
	put_u64(o, "reset_acks_sent", s->reset_ack_sent);
	put_u64(o, "reset_acks_received", s->reset_ack_rcvd);
	return o;
}

const struct nl_proto nl_proto_ccp = {
	.number = PPP_PROTO_CCP,
	.name = "ccp",
	.layer = NL_LAYER_NETWORK,
	.state_size = sizeof(struct ccp),
	.enabled = ccp_enabled,
	.init = ccp_init,
	.fini = ccp_fini,
	.input = ccp_input,
	.lower_up = ccp_lower_up,
	.lower_down = ccp_lower_down,
	.close = nl_cp_close,
	.rejected = ccp_rejected,
	.status = ccp_status,
	.describe = nl_describe_packet,
};
