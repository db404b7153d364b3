// SPDX-License-Identifier: GPL-2.0
/*
 * The glue every automaton-driven protocol shares (LCP, IPCP, IPv6CP):
 * restart timer, transmit through the link or bundle, the standard hooks.
 */
#include <json-c/json.h>

#include "libppp/ppp.h"

#include "bundle.h"
#include "link.h"
#include "log.h"
#include "proto/proto.h"

static const char *const state_names[] = {
	[PPP_FSM_INITIAL] = "initial",	 [PPP_FSM_STARTING] = "starting",
	[PPP_FSM_CLOSED] = "closed",	 [PPP_FSM_STOPPED] = "stopped",
	[PPP_FSM_CLOSING] = "closing",	 [PPP_FSM_STOPPING] = "stopping",
	[PPP_FSM_REQSENT] = "req-sent",	 [PPP_FSM_ACKRCVD] = "ack-rcvd",
	[PPP_FSM_ACKSENT] = "ack-sent",	 [PPP_FSM_OPENED] = "opened",
};

const char *nl_fsm_state_name(enum ppp_fsm_state s)
{
	return (unsigned int)s < sizeof(state_names) / sizeof(state_names[0]) ?
	       state_names[s] : "?";
}

static struct nl_cp *cp(const struct nl_proto_inst *pi)
{
	return pi->state;
}

static struct nl_loop *cp_loop(struct nl_cp *c)
{
	return c->pi->link ? c->pi->link->loop : c->pi->bundle->loop;
}

static void cp_timeout(void *ctx)
{
	ppp_fsm_timeout(&((struct nl_cp *)ctx)->fsm);
}

static void deadline_fn(void *ctx)
{
	struct nl_cp *c = ctx;
	struct nl_proto_inst *pi = c->pi;
	const char *name = ppp_proto_name(pi->proto->number);

	nl_err("%s: no agreement with the peer within %llu seconds: giving up",
	       name ? name : pi->proto->name, (unsigned long long)c->deadline_ms / 1000);
	if (pi->link)
		nl_link_close(pi->link, "Negotiation failed", NL_EXIT_NEGOTIATION_FAILED);
	else
		ppp_fsm_close(&c->fsm, "Negotiation failed");
}

/* Run the deadline while a negotiation lasts (see struct nl_cp). */
static void deadline_update(struct nl_cp *c)
{
	enum ppp_fsm_state s = c->fsm.state;

	if (s < PPP_FSM_REQSENT || s > PPP_FSM_ACKSENT)
		nl_timer_cancel(cp_loop(c), &c->deadline);
	else if (!c->deadline.armed)
		nl_timer_arm(cp_loop(c), &c->deadline, c->deadline_ms);
}

void nl_cp_init(struct nl_proto_inst *pi, const struct ppp_fsm_ops *ops,
		unsigned int restart_s, unsigned int max_configure,
		unsigned int max_terminate, unsigned int max_failure)
{
	struct nl_cp *c = cp(pi);

	c->pi = pi;
	ppp_fsm_init(&c->fsm, ops, c, pi->proto->number);
	c->fsm.restart_ms = restart_s * 1000;
	c->fsm.max_configure = max_configure;
	c->fsm.max_terminate = max_terminate;
	c->fsm.max_failure = max_failure;
	nl_timer_init(&c->timer, cp_timeout, c);
	c->deadline_ms = (uint64_t)NL_CP_DEADLINE_ROUNDS * restart_s * max_configure * 1000;
	nl_timer_init(&c->deadline, deadline_fn, c);
}

void nl_cp_fini(struct nl_proto_inst *pi)
{
	struct nl_cp *c = cp(pi);

	nl_timer_cancel(cp_loop(c), &c->timer);
	nl_timer_cancel(cp_loop(c), &c->deadline);
}

void nl_cp_send(struct ppp_fsm *f, const uint8_t *pkt, size_t len)
{
	struct nl_proto_inst *pi = nl_cp_of(f)->pi;

	if (pi->link)
		nl_link_send(pi->link, pi->proto->number, pkt, len);
	else
		nl_bundle_send(pi->bundle, pi->proto->number, pkt, len);
}

void nl_cp_timer(struct ppp_fsm *f, uint32_t ms)
{
	struct nl_cp *c = nl_cp_of(f);

	if (ms)
		nl_timer_arm(cp_loop(c), &c->timer, ms);
	else
		nl_timer_cancel(cp_loop(c), &c->timer);
	/* The automaton calls this on every move in or out of the states
	 * that run the Restart timer: the place to follow a negotiation. */
	deadline_update(c);
}

/* --- renegotiation budget (see struct nl_cp) ------------------------------- */

static bool reneg_allowed(const struct nl_cp *c, uint64_t now)
{
	return now + (uint64_t)(NL_CP_RENEG_BURST - 1) * NL_CP_RENEG_MS >= c->reneg_tat;
}

static void reneg_charge(struct nl_cp *c, uint64_t now)
{
	c->reneg_tat = (c->reneg_tat > now ? c->reneg_tat : now) + NL_CP_RENEG_MS;
}

/*
 * Codes that can take an Opened automaton down and up again when the peer
 * sends them. An LCP Terminate-Request ends the link (persist's holdoff
 * paces what follows): it always passes.
 */
static bool code_renegotiates(const struct nl_cp *c, uint8_t code)
{
	if (code == PPP_TERMREQ)
		return c->pi->proto->number != PPP_PROTO_LCP;
	return (code >= PPP_CONFREQ && code <= PPP_CONFREJ) || code == PPP_CODEREJ;
}

static struct nl_ratelimit *cp_rl(struct nl_cp *c)
{
	struct nl_link *l = c->pi->link ? c->pi->link : c->pi->bundle->links;

	return l ? &l->log_rl : NULL;
}

/*
 * Before the automaton sees what may take it out of Opened: false (the
 * packet is to be ignored) when the budget is spent.
 */
static bool reneg_admit(struct nl_cp *c, const char *what)
{
	struct nl_ratelimit *rl;
	const char *name;

	if (c->fsm.state != PPP_FSM_OPENED || reneg_allowed(c, nl_now_ms()))
		return true;
	c->reneg_ignored++;
	name = ppp_proto_name(c->pi->proto->number);
	rl = cp_rl(c);
	if (rl)
		nl_warn_rl(rl, "%s: the peer renegotiates too often; %s ignored (%llu so far)",
			   name ? name : c->pi->proto->name, what,
			   (unsigned long long)c->reneg_ignored);
	return false;
}

static void reneg_account(struct nl_cp *c, enum ppp_fsm_state before)
{
	if (before == PPP_FSM_OPENED && c->fsm.state != PPP_FSM_OPENED)
		reneg_charge(c, nl_now_ms());
}

void nl_cp_input(struct nl_proto_inst *pi, const uint8_t *p, size_t len)
{
	struct nl_cp *c = cp(pi);
	enum ppp_fsm_state before = c->fsm.state;

	if (len >= 1 && code_renegotiates(c, p[0]) &&
	    !reneg_admit(c, ppp_code_name(p[0])))
		return;
	ppp_fsm_input(&c->fsm, p, len);
	reneg_account(c, before);
}

void nl_cp_open_up(struct nl_proto_inst *pi)
{
	ppp_fsm_open(&cp(pi)->fsm);
	ppp_fsm_lower_up(&cp(pi)->fsm);
}

void nl_cp_down_close(struct nl_proto_inst *pi)
{
	struct nl_cp *c = cp(pi);

	if (c->fsm.state != PPP_FSM_INITIAL)
		ppp_fsm_lower_down(&c->fsm);
	/* Down -> Starting: forget the administrative Open too. */
	ppp_fsm_close(&c->fsm, NULL);
	nl_timer_cancel(cp_loop(c), &c->timer);
	nl_timer_cancel(cp_loop(c), &c->deadline);
}

void nl_cp_close(struct nl_proto_inst *pi, const char *reason)
{
	ppp_fsm_close(&cp(pi)->fsm, reason);
}

void nl_cp_rejected(struct nl_proto_inst *pi)
{
	struct nl_cp *c = cp(pi);
	enum ppp_fsm_state before = c->fsm.state;

	if (!reneg_admit(c, "Protocol-Reject"))
		return;
	ppp_fsm_proto_rejected(&c->fsm);
	reneg_account(c, before);
}

bool nl_cp_active(const struct nl_proto_inst *pi)
{
	return cp(pi)->fsm.state > PPP_FSM_STOPPED;
}

struct json_object *nl_cp_status(const struct nl_proto_inst *pi)
{
	struct json_object *o = json_object_new_object();

	json_object_object_add(o, "state",
			       json_object_new_string(nl_fsm_state_name(cp(pi)->fsm.state)));
	json_object_object_add(o, "renegotiations_ignored",
			       json_object_new_int64((int64_t)cp(pi)->reneg_ignored));
	return o;
}
