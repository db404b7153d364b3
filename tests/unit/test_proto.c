// SPDX-License-Identifier: GPL-2.0
/*
 * The protocol table, and a link's dispatch through it, with no network
 * and no kernel: the rig of rig.h, and hand-built frames fed to
 * nl_link_dp_frame() as the plane would. IPCP
 * never reaches Opened (that would configure an interface over
 * rtnetlink): nothing here ever acks our IPCP Configure-Request.
 */
#include "test.h"

#include <errno.h>
#include <fcntl.h>
#include <json-c/json.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>

#include "libppp/auth.h"
#include "libppp/lcp.h"
#include "libppp/ppp.h"

#include "bundle.h"
#include "config.h"
#include "link.h"
#include "log.h"
#include "mschap.h"
#include "proto/lcp.h"
#include "proto/proto.h"
#include "registry.h"
#include "rig.h"

/* Every test ends here: what the rig saw must have been recorded. */
static void rig_end(struct rig *r)
{
	CHECK(!r->fk.overflow);
	rig_fini(r);
}

static void feed(struct rig *r, uint16_t proto, const uint8_t *p, size_t len)
{
	nl_link_dp_frame(r->l, proto, p, len);
}

/* Index of the first frame from @from on with @proto and control code @code, or -1. */
static int find_sent(const struct rig *r, int from, uint16_t proto, uint8_t code)
{
	int i;

	for (i = from; i < r->fk.nsent; i++)
		if (r->fk.sent[i].proto == proto && r->fk.sent[i].len >= PPP_CP_HDRLEN &&
		    r->fk.sent[i].p[0] == code)
			return i;
	return -1;
}

static const struct ppp_fsm *fsm_of(struct rig *r, const struct nl_proto *p)
{
	const struct nl_proto_inst *pi = nl_link_proto(r->l, p);

	/* Every nl_cp protocol's state starts with its struct nl_cp. */
	return pi ? &((const struct nl_cp *)pi->state)->fsm : NULL;
}

/* The peer's Configure-Request with no options: we must Configure-Ack it. */
static const uint8_t peer_lcp_req[] = { PPP_CONFREQ, 0x42, 0x00, 0x04 };

/*
 * Open LCP: ack our Configure-Request (its options echoed back with code 2
 * and its identifier), then send the peer's. Returns true if Opened.
 */
static bool lcp_open_with(struct rig *r, const uint8_t *peer_req, size_t peer_len)
{
	int req = find_sent(r, 0, PPP_PROTO_LCP, PPP_CONFREQ), ack;
	uint8_t pkt[FRAME_MAX];
	size_t len;

	CHECK(req >= 0);
	if (req < 0)
		return false;
	len = r->fk.sent[req].len;
	memcpy(pkt, r->fk.sent[req].p, len);
	pkt[0] = PPP_CONFACK;
	feed(r, PPP_PROTO_LCP, pkt, len);
	feed(r, PPP_PROTO_LCP, peer_req, peer_len);
	ack = find_sent(r, req + 1, PPP_PROTO_LCP, PPP_CONFACK);
	CHECK(ack >= 0);
	if (ack >= 0) {
		/* The options come back as they were sent. */
		CHECK_EQ(r->fk.sent[ack].len, peer_len);
		CHECK_EQ(r->fk.sent[ack].p[1], peer_req[1]);
		CHECK_MEM(r->fk.sent[ack].p + PPP_CP_HDRLEN, peer_req + PPP_CP_HDRLEN,
			  peer_len - PPP_CP_HDRLEN);
	}
	return nl_lcp_opened(nl_link_proto(r->l, &nl_proto_lcp));
}

static bool lcp_open(struct rig *r)
{
	return lcp_open_with(r, peer_lcp_req, sizeof(peer_lcp_req));
}

/* The peer's Configure-Request asking us to authenticate with PAP. */
static const uint8_t peer_lcp_req_pap[] = {
	PPP_CONFREQ, 0x43, 0x00, 0x08, 3, 4, 0xc0, 0x23,
};

/* Open LCP with the peer asking for PAP; we authenticate as test/secret. */
static bool lcp_open_pap(struct rig *r)
{
	snprintf(r->cfg.user, sizeof(r->cfg.user), "test");
	snprintf(r->cfg.password, sizeof(r->cfg.password), "secret");
	return lcp_open_with(r, peer_lcp_req_pap, sizeof(peer_lcp_req_pap));
}

/* An LCP Protocol-Reject from the peer for @proto carrying @info. */
static size_t build_protrej(uint8_t *pkt, uint8_t id, uint16_t proto,
			    const uint8_t *info, size_t len)
{
	pkt[0] = PPP_PROTREJ;
	pkt[1] = id;
	ppp_put_be16(pkt + 2, (uint16_t)(PPP_CP_HDRLEN + 2 + len));
	ppp_put_be16(pkt + 4, proto);
	memcpy(pkt + 6, info, len);
	return PPP_CP_HDRLEN + 2 + len;
}

/* Answer our Terminate-Request at @i, then let the dead timer run. */
static void ack_terminate(struct rig *r, int i)
{
	uint8_t ack[4] = { PPP_TERMACK, r->fk.sent[i].p[1], 0, 4 };

	feed(r, PPP_PROTO_LCP, ack, sizeof(ack));
	rig_run(r, 20);
}

/* --- 1. the table ---------------------------------------------------------- */

TEST(table_entries_have_distinct_numbers_and_names_and_lookups_agree)
{
	int i, j, n = 0;

	for (i = 0; nl_protos[i]; i++) {
		const struct nl_proto *p = nl_protos[i];

		n++;
		CHECK(p->name && p->name[0]);
		CHECK(p->input != NULL);
		CHECK(p->state_size > 0);
		/* RFC 1661 2: the low bit of the high octet clear, of the low set. */
		CHECK_EQ(p->number & 0x0101, 0x0001);
		CHECK_EQ(nl_proto_index(p->number), i);
		CHECK(nl_proto_find(p->number) == p);
		CHECK(nl_proto_by_name(p->name) == p);
		for (j = 0; j < i; j++) {
			CHECK(nl_protos[j]->number != p->number);
			CHECK(strcmp(nl_protos[j]->name, p->name) != 0);
		}
	}
	CHECK_EQ(n, 6);
	CHECK(n < NL_PROTO_MAX);
	CHECK_EQ(nl_proto_index(0x1234), -1);
	CHECK(nl_proto_find(0x1234) == NULL);
	CHECK(nl_proto_find(PPP_PROTO_IP) == NULL);
	CHECK(nl_proto_by_name("ccp-not-yet") == NULL);
	CHECK(nl_proto_by_name("") == NULL);
}

TEST(table_layers_are_lcp_link_pap_chap_auth_ipcp_ipv6cp_network)
{
	CHECK(nl_proto_find(PPP_PROTO_LCP) == &nl_proto_lcp);
	CHECK(nl_proto_find(PPP_PROTO_PAP) == &nl_proto_pap);
	CHECK(nl_proto_find(PPP_PROTO_CHAP) == &nl_proto_chap);
	CHECK(nl_proto_find(PPP_PROTO_IPCP) == &nl_proto_ipcp);
	CHECK(nl_proto_find(PPP_PROTO_IPV6CP) == &nl_proto_ipv6cp);
	CHECK_EQ(nl_proto_lcp.layer, NL_LAYER_LINK);
	CHECK_EQ(nl_proto_pap.layer, NL_LAYER_AUTH);
	CHECK_EQ(nl_proto_chap.layer, NL_LAYER_AUTH);
	CHECK_EQ(nl_proto_ipcp.layer, NL_LAYER_NETWORK);
	CHECK_EQ(nl_proto_ipv6cp.layer, NL_LAYER_NETWORK);
	CHECK(nl_proto_by_name("lcp") == &nl_proto_lcp);
	CHECK(nl_proto_by_name("ipv6cp") == &nl_proto_ipv6cp);
	/* The bundle closes on "no NCP active": every NCP must say. */
	CHECK(nl_proto_ipcp.active && nl_proto_ipv6cp.active);
	CHECK(nl_proto_ipcp.rejected && nl_proto_ipv6cp.rejected && nl_proto_lcp.rejected);
}

TEST(instances_of_disabled_protocols_have_no_state)
{
	struct nl_config c;
	struct nl_proto_inst insts[NL_PROTO_MAX];
	struct nl_bundle b;
	struct nl_loop loop;

	CHECK_EQ(nl_loop_init(&loop), 0);
	memset(&b, 0, sizeof(b));
	b.loop = &loop;
	nl_config_defaults(&c);
	c.ipv6 = false;
	b.cfg = &c;
	CHECK_EQ(nl_proto_insts_init(insts, true, NULL, &b, &c), 0);
	CHECK(insts[nl_proto_index(PPP_PROTO_IPCP)].state != NULL);
	CHECK(insts[nl_proto_index(PPP_PROTO_IPV6CP)].state == NULL);
	/* The network side holds no link-layer instance at all. */
	CHECK(insts[nl_proto_index(PPP_PROTO_LCP)].proto == NULL);
	nl_proto_insts_fini(insts);

	c.ipv6 = true;
	c.noip = true;
	CHECK_EQ(nl_proto_insts_init(insts, true, NULL, &b, &c), 0);
	CHECK(insts[nl_proto_index(PPP_PROTO_IPCP)].state == NULL);
	CHECK(insts[nl_proto_index(PPP_PROTO_IPV6CP)].state != NULL);
	nl_proto_insts_fini(insts);
	nl_loop_fini(&loop);
}

/* --- 2. link start ------------------------------------------------------- */

TEST(link_start_sends_lcp_configure_request_and_pushes_link_params)
{
	struct rig r;

	if (rig_init(&r, 0) < 0) {
		CHECK(!"rig");
		return;
	}
	CHECK_EQ(r.fk.attach_calls, 1);
	CHECK_EQ(r.l->phase, NL_PHASE_ESTABLISH);
	CHECK_EQ(r.fk.nsent, 1);
	CHECK_EQ(r.fk.sent[0].proto, PPP_PROTO_LCP);
	CHECK_EQ(r.fk.sent[0].p[0], PPP_CONFREQ);
	CHECK_EQ(ppp_get_be16(r.fk.sent[0].p + 2), r.fk.sent[0].len);
	CHECK(r.fk.sent[0].len > PPP_CP_HDRLEN);	/* magic, ACCM, ... */
	/* Before LCP opens: escape every control character, MRU 1500. */
	CHECK(r.fk.set_link_calls >= 1);
	CHECK_EQ(r.fk.last_lp.tx_map[0], 0xffffffff);
	CHECK_EQ(r.fk.last_lp.mru, PPP_MRU_DEFAULT);
	CHECK_EQ(r.fk.last_lp.framing, NL_FRAMING_ASYNC);
	CHECK(fsm_of(&r, &nl_proto_lcp)->state == PPP_FSM_REQSENT);
	rig_end(&r);
}

/* --- 3 and 8. before LCP is Opened ---------------------------------------- */

TEST(before_lcp_opened_ipcp_frame_is_dropped_silently)
{
	static const uint8_t ipcp_req[] = { PPP_CONFREQ, 1, 0, 10, 3, 6, 10, 0, 0, 2 };
	struct rig r;

	if (rig_init(&r, 0) < 0) {
		CHECK(!"rig");
		return;
	}
	feed(&r, PPP_PROTO_IPCP, ipcp_req, sizeof(ipcp_req));
	CHECK_EQ(r.fk.nsent, 1);		/* only our LCP Configure-Request */
	CHECK_EQ(r.l->rx_early, 1);
	CHECK_EQ(r.l->rx_unknown_proto, 0);
	CHECK(fsm_of(&r, &nl_proto_ipcp)->state == PPP_FSM_INITIAL);
	rig_end(&r);
}

TEST(before_lcp_opened_unknown_protocol_is_not_rejected)
{
	static const uint8_t junk[] = { 1, 2, 3, 4, 5 };
	struct rig r;

	if (rig_init(&r, 0) < 0) {
		CHECK(!"rig");
		return;
	}
	feed(&r, 0x1234, junk, sizeof(junk));
	feed(&r, PPP_PROTO_IPV6CP, junk, sizeof(junk));	/* disabled, too */
	CHECK_EQ(r.fk.nsent, 1);
	CHECK_EQ(find_sent(&r, 0, PPP_PROTO_LCP, PPP_PROTREJ), -1);
	CHECK_EQ(r.l->rx_early, 2);
	CHECK_EQ(r.l->rx_unknown_proto, 0);
	rig_end(&r);
}

TEST(pap_and_chap_frames_before_authentication_phase_are_dropped)
{
	/* A PAP Authenticate-Request (user "u", password "p"), a CHAP Challenge. */
	static const uint8_t pap_req[] = { 1, 1, 0, 8, 1, 'u', 1, 'p' };
	static const uint8_t chap_chal[] = { 1, 1, 0, 10, 4, 1, 2, 3, 4, 'x' };
	struct rig r;

	if (rig_init(&r, 0) < 0) {
		CHECK(!"rig");
		return;
	}
	feed(&r, PPP_PROTO_PAP, pap_req, sizeof(pap_req));
	feed(&r, PPP_PROTO_CHAP, chap_chal, sizeof(chap_chal));
	CHECK_EQ(r.fk.nsent, 1);
	CHECK_EQ(r.l->rx_early, 2);
	CHECK_EQ(r.l->phase, NL_PHASE_ESTABLISH);
	CHECK_EQ(r.l->auth_peer.done + r.l->auth_ours.done, 0);
	rig_end(&r);
}

TEST(ncp_frame_in_authentication_phase_is_dropped_until_pap_succeeds)
{
	static const uint8_t ipcp_req[] = { PPP_CONFREQ, 1, 0, 10, 3, 6, 10, 0, 0, 2 };
	static const uint8_t want[] = { 4, 't', 'e', 's', 't', 6, 's', 'e', 'c', 'r', 'e', 't' };
	struct rig r;
	uint8_t ack[5] = { 2, 0, 0, 5, 0 };	/* Authenticate-Ack, no message */
	int from, req;

	if (rig_init(&r, 0) < 0) {
		CHECK(!"rig");
		return;
	}
	CHECK(lcp_open_pap(&r));
	CHECK_EQ(r.l->phase, NL_PHASE_AUTHENTICATE);
	CHECK_EQ(r.l->auth_ours.proto, PPP_PROTO_PAP);
	req = find_sent(&r, 0, PPP_PROTO_PAP, 1);
	CHECK(req >= 0);
	if (req < 0) {
		rig_end(&r);
		return;
	}
	CHECK_EQ(r.fk.sent[req].len, PPP_CP_HDRLEN + sizeof(want));
	CHECK_MEM(r.fk.sent[req].p + PPP_CP_HDRLEN, want, sizeof(want));

	/* RFC 1661 3.5: NCP packets before the network phase are discarded. */
	from = r.fk.nsent;
	feed(&r, PPP_PROTO_IPCP, ipcp_req, sizeof(ipcp_req));
	CHECK_EQ(r.fk.nsent, from);
	CHECK_EQ(r.l->rx_early, 1);
	CHECK_EQ(r.l->rx_unknown_proto, 0);
	CHECK_EQ(find_sent(&r, 0, PPP_PROTO_IPCP, PPP_CONFREQ), -1);

	ack[1] = r.fk.sent[req].p[1];
	feed(&r, PPP_PROTO_PAP, ack, sizeof(ack));
	CHECK(r.l->auth_ours.done);
	CHECK_EQ(r.l->phase, NL_PHASE_NETWORK);
	CHECK(find_sent(&r, from, PPP_PROTO_IPCP, PPP_CONFREQ) >= 0);
	rig_end(&r);
}

/* --- 4. LCP Opened, the network phase -------------------------------------- */

TEST(lcp_opened_without_auth_starts_ipcp_but_not_ipv6cp)
{
	struct rig r;
	int i;

	if (rig_init(&r, 0) < 0) {
		CHECK(!"rig");
		return;
	}
	CHECK(lcp_open(&r));
	CHECK_EQ(r.l->phase, NL_PHASE_NETWORK);
	CHECK(r.b->network);
	/* LCP's result went to the plane: the peer asked for no ACCM. */
	CHECK(r.fk.set_link_calls >= 2);
	CHECK_EQ(r.fk.last_lp.tx_map[0], 0xffffffff);
	CHECK_EQ(find_sent(&r, 0, PPP_PROTO_PAP, 1), -1);
	CHECK_EQ(find_sent(&r, 0, PPP_PROTO_CHAP, 1), -1);
	i = find_sent(&r, 0, PPP_PROTO_IPCP, PPP_CONFREQ);
	CHECK(i >= 0);
	if (i >= 0) {
		/* IP-Address (3) with our local address. */
		static const uint8_t addr[] = { 3, 6, 10, 0, 0, 1 };

		CHECK_EQ(r.fk.sent[i].len, PPP_CP_HDRLEN + sizeof(addr));
		CHECK_MEM(r.fk.sent[i].p + PPP_CP_HDRLEN, addr, sizeof(addr));
	}
	CHECK_EQ(find_sent(&r, 0, PPP_PROTO_IPV6CP, PPP_CONFREQ), -1);
	CHECK(nl_link_proto(r.l, &nl_proto_ipv6cp) == NULL);
	CHECK_EQ(r.fk.set_np_calls, 0);
	rig_end(&r);
}

TEST(lcp_opened_with_ipv6_starts_ipcp_and_ipv6cp)
{
	struct rig r;
	int i;

	if (rig_init(&r, RIG_IPV6) < 0) {
		CHECK(!"rig");
		return;
	}
	CHECK(lcp_open(&r));
	CHECK(find_sent(&r, 0, PPP_PROTO_IPCP, PPP_CONFREQ) >= 0);
	i = find_sent(&r, 0, PPP_PROTO_IPV6CP, PPP_CONFREQ);
	CHECK(i >= 0);
	if (i >= 0) {
		/* Interface-Identifier (1), 8 bytes. */
		CHECK_EQ(r.fk.sent[i].len, PPP_CP_HDRLEN + 10);
		CHECK_EQ(r.fk.sent[i].p[PPP_CP_HDRLEN], 1);
		CHECK_EQ(r.fk.sent[i].p[PPP_CP_HDRLEN + 1], 10);
	}
	CHECK(fsm_of(&r, &nl_proto_ipv6cp)->state == PPP_FSM_REQSENT);
	rig_end(&r);
}

/* --- 5. Protocol-Reject of what we do not run ------------------------------- */

TEST(opened_link_protocol_rejects_unknown_protocol_with_its_payload)
{
	static const uint8_t payload[] = { 0xde, 0xad, 0xbe, 0xef, 0x01 };
	struct rig r;
	int from, i;

	if (rig_init(&r, 0) < 0) {
		CHECK(!"rig");
		return;
	}
	CHECK(lcp_open(&r));
	from = r.fk.nsent;
	feed(&r, 0x1234, payload, sizeof(payload));
	CHECK_EQ(r.l->rx_unknown_proto, 1);
	CHECK_EQ(r.fk.nsent, from + 1);
	i = find_sent(&r, from, PPP_PROTO_LCP, PPP_PROTREJ);
	CHECK_EQ(i, from);
	if (i >= 0) {
		const struct sent *s = &r.fk.sent[i];

		CHECK_EQ(s->len, PPP_CP_HDRLEN + 2 + sizeof(payload));
		CHECK_EQ(ppp_get_be16(s->p + 2), s->len);
		CHECK_EQ(ppp_get_be16(s->p + 4), 0x1234);
		CHECK_MEM(s->p + 6, payload, sizeof(payload));
	}
	/* The link carries on. */
	CHECK(nl_lcp_opened(nl_link_proto(r.l, &nl_proto_lcp)));
	CHECK_EQ(r.l->phase, NL_PHASE_NETWORK);
	rig_end(&r);
}

TEST(opened_link_protocol_rejects_disabled_ipv6cp)
{
	static const uint8_t req[] = { PPP_CONFREQ, 7, 0, 14, 1, 10, 0, 0, 0, 0, 0, 0, 0, 9 };
	struct rig r;
	int from, i;

	if (rig_init(&r, 0) < 0) {
		CHECK(!"rig");
		return;
	}
	CHECK(lcp_open(&r));
	from = r.fk.nsent;
	feed(&r, PPP_PROTO_IPV6CP, req, sizeof(req));
	CHECK_EQ(r.l->rx_unknown_proto, 1);
	i = find_sent(&r, from, PPP_PROTO_LCP, PPP_PROTREJ);
	CHECK(i >= 0);
	if (i >= 0) {
		CHECK_EQ(ppp_get_be16(r.fk.sent[i].p + 4), PPP_PROTO_IPV6CP);
		CHECK_EQ(r.fk.sent[i].len, PPP_CP_HDRLEN + 2 + sizeof(req));
		CHECK_MEM(r.fk.sent[i].p + 6, req, sizeof(req));
	}
	CHECK_EQ(find_sent(&r, from, PPP_PROTO_IPV6CP, PPP_CONFACK), -1);
	rig_end(&r);
}

TEST(opened_link_drops_ip_data_the_bundle_does_not_pass)
{
	static const uint8_t data[] = { 0x45, 0, 0, 20 };
	struct rig r;
	int from;

	if (rig_init(&r, 0) < 0) {
		CHECK(!"rig");
		return;
	}
	CHECK(lcp_open(&r));
	from = r.fk.nsent;
	feed(&r, PPP_PROTO_IP, data, sizeof(data));
	feed(&r, PPP_PROTO_IPV6, data, sizeof(data));
	CHECK_EQ(r.fk.nsent, from);
	CHECK_EQ(r.l->rx_unknown_proto, 0);
	CHECK_EQ(r.l->rx_early, 2);
	rig_end(&r);
}

/* --- 6, 7, 9. the peer Protocol-Rejects ------------------------------------- */

TEST(peer_rejecting_ipcp_without_ipv6cp_closes_link_negotiation_failed)
{
	struct rig r;
	uint8_t pkt[FRAME_MAX];
	size_t len;
	int from, ipcp, term;

	if (rig_init(&r, 0) < 0) {
		CHECK(!"rig");
		return;
	}
	CHECK(lcp_open(&r));
	ipcp = find_sent(&r, 0, PPP_PROTO_IPCP, PPP_CONFREQ);
	CHECK(ipcp >= 0);
	if (ipcp < 0) {
		rig_end(&r);
		return;
	}
	from = r.fk.nsent;
	len = build_protrej(pkt, 0x50, PPP_PROTO_IPCP, r.fk.sent[ipcp].p, r.fk.sent[ipcp].len);
	feed(&r, PPP_PROTO_LCP, pkt, len);

	CHECK(fsm_of(&r, &nl_proto_ipcp)->state <= PPP_FSM_STOPPED);
	term = find_sent(&r, from, PPP_PROTO_LCP, PPP_TERMREQ);
	CHECK(term >= 0);
	CHECK_EQ(nl_bundle_status_code(r.b), NL_EXIT_NEGOTIATION_FAILED);
	CHECK_EQ(r.l->phase, NL_PHASE_TERMINATE);
	CHECK(!r.b->network);
	CHECK(fsm_of(&r, &nl_proto_lcp)->state == PPP_FSM_CLOSING);
	if (term < 0) {
		rig_end(&r);
		return;
	}
	/* The peer acks: LCP finishes, the link dies, then the bundle. */
	ack_terminate(&r, term);
	CHECK_EQ(r.dead_calls, 1);
	CHECK(r.b->links == NULL);
	CHECK_EQ(r.b->nlinks, 0);
	CHECK_EQ(r.fk.detach_calls, 1);
	CHECK_EQ(r.fk.destroy_calls, 1);
	CHECK_EQ(r.reg.nbundles, 0);
	CHECK_EQ(nl_bundle_status_code(r.b), NL_EXIT_NEGOTIATION_FAILED);
	rig_end(&r);
}

TEST(peer_rejecting_ipcp_while_ipv6cp_runs_keeps_the_link)
{
	/* The peer's IPv6CP Configure-Request: Interface-Identifier ::9. */
	static const uint8_t v6req[] = { PPP_CONFREQ, 9, 0, 14, 1, 10, 0, 0, 0, 0, 0, 0, 0, 9 };
	struct rig r;
	uint8_t pkt[64];
	size_t len;
	int from, i;

	if (rig_init(&r, RIG_IPV6) < 0) {
		CHECK(!"rig");
		return;
	}
	CHECK(lcp_open(&r));
	from = r.fk.nsent;
	len = build_protrej(pkt, 0x51, PPP_PROTO_IPCP, (const uint8_t *)"\x01\x01\x00\x04", 4);
	feed(&r, PPP_PROTO_LCP, pkt, len);
	CHECK(fsm_of(&r, &nl_proto_ipcp)->state == PPP_FSM_STOPPED);
	CHECK_EQ(find_sent(&r, from, PPP_PROTO_LCP, PPP_TERMREQ), -1);
	CHECK_EQ(find_sent(&r, from, PPP_PROTO_IPCP, PPP_TERMREQ), -1);
	CHECK_EQ(r.fk.nsent, from);
	CHECK_EQ(r.l->phase, NL_PHASE_NETWORK);
	CHECK(r.b->network);
	CHECK_EQ(r.b->exit_status, -1);
	CHECK(fsm_of(&r, &nl_proto_ipv6cp)->state == PPP_FSM_REQSENT);

	/* IPv6CP still answers the peer. */
	feed(&r, PPP_PROTO_IPV6CP, v6req, sizeof(v6req));
	i = find_sent(&r, from, PPP_PROTO_IPV6CP, PPP_CONFACK);
	CHECK(i >= 0);
	if (i >= 0)
		CHECK_EQ(r.fk.sent[i].p[1], 9);
	CHECK(fsm_of(&r, &nl_proto_ipv6cp)->state == PPP_FSM_ACKSENT);
	rig_end(&r);
}

TEST(interface_mtu_is_the_peer_mru_capped_by_option_transport_and_maximum)
{
	CHECK_EQ(nl_bundle_mtu(1500, 0, 0, false), 1500);
	CHECK_EQ(nl_bundle_mtu(296, 0, 0, false), 296);
	CHECK_EQ(nl_bundle_mtu(65535, 0, 0, false), PPP_MRU_MAX);	/* acked, not used */
	CHECK_EQ(nl_bundle_mtu(65535, 1400, 0, false), 1400);
	CHECK_EQ(nl_bundle_mtu(65535, 0, 1492, false), 1492);
	CHECK_EQ(nl_bundle_mtu(1500, 0, 1492, true), 1488);
	CHECK_EQ(nl_bundle_mtu(65535, 0, 0, true), PPP_MRU_MAX - 4);
}

TEST(peer_rejecting_lcp_closes_the_link)
{
	static const uint8_t info[] = { PPP_CONFREQ, 1, 0, 4 };
	struct rig r;
	uint8_t pkt[64];
	size_t len;
	int from, term;

	if (rig_init(&r, 0) < 0) {
		CHECK(!"rig");
		return;
	}
	CHECK(lcp_open(&r));
	from = r.fk.nsent;
	len = build_protrej(pkt, 0x52, PPP_PROTO_LCP, info, sizeof(info));
	feed(&r, PPP_PROTO_LCP, pkt, len);
	term = find_sent(&r, from, PPP_PROTO_LCP, PPP_TERMREQ);
	CHECK(term >= 0);
	CHECK_EQ(r.l->phase, NL_PHASE_TERMINATE);
	CHECK_EQ(nl_bundle_status_code(r.b), NL_EXIT_NEGOTIATION_FAILED);
	CHECK(!r.b->network);
	/* Nothing but LCP leaves a closing link. */
	CHECK_EQ(find_sent(&r, from, PPP_PROTO_IPCP, PPP_TERMREQ), -1);
	if (term >= 0) {
		ack_terminate(&r, term);
		CHECK_EQ(r.dead_calls, 1);
		CHECK(r.b->links == NULL);
	}
	rig_end(&r);
}

TEST(peer_rejecting_pap_while_we_authenticate_fails_it_and_closes_the_link)
{
	struct rig r;
	uint8_t pkt[64];
	size_t len;
	int from, req;

	if (rig_init(&r, 0) < 0) {
		CHECK(!"rig");
		return;
	}
	CHECK(lcp_open_pap(&r));
	req = find_sent(&r, 0, PPP_PROTO_PAP, 1);
	CHECK(req >= 0);
	if (req < 0) {
		rig_end(&r);
		return;
	}
	from = r.fk.nsent;
	len = build_protrej(pkt, 0x54, PPP_PROTO_PAP, r.fk.sent[req].p, r.fk.sent[req].len);
	feed(&r, PPP_PROTO_LCP, pkt, len);
	/* RFC 1661 5.7: stop sending PAP; nothing else can authenticate us. */
	CHECK(!r.l->auth_ours.done);
	CHECK(find_sent(&r, from, PPP_PROTO_LCP, PPP_TERMREQ) >= 0);
	CHECK_EQ(r.l->phase, NL_PHASE_TERMINATE);
	CHECK_EQ(nl_bundle_status_code(r.b), NL_EXIT_AUTH_TOPEER_FAILED);
	CHECK_EQ(find_sent(&r, from, PPP_PROTO_PAP, 1), -1);
	rig_end(&r);
}

TEST(peer_rejecting_chap_while_we_answer_its_challenge_closes_the_link)
{
	/* The peer asks for CHAP with MD5 (option 3, 0xc223, algorithm 5). */
	static const uint8_t peer_req[] = { PPP_CONFREQ, 0x44, 0, 9, 3, 5, 0xc2, 0x23, 5 };
	static const uint8_t chal[] = { 1, 0x21, 0, 13, 4, 1, 2, 3, 4, 'p', 'e', 'e', 'r' };
	struct rig r;
	uint8_t pkt[64];
	size_t len;
	int from, resp;

	if (rig_init(&r, 0) < 0) {
		CHECK(!"rig");
		return;
	}
	snprintf(r.cfg.password, sizeof(r.cfg.password), "secret");
	CHECK(lcp_open_with(&r, peer_req, sizeof(peer_req)));
	CHECK_EQ(r.l->phase, NL_PHASE_AUTHENTICATE);
	CHECK_EQ(r.l->auth_ours.proto, PPP_PROTO_CHAP);
	feed(&r, PPP_PROTO_CHAP, chal, sizeof(chal));
	resp = find_sent(&r, 0, PPP_PROTO_CHAP, 2);
	CHECK(resp >= 0);
	if (resp >= 0)
		CHECK_EQ(r.fk.sent[resp].p[1], 0x21);
	from = r.fk.nsent;
	len = build_protrej(pkt, 0x55, PPP_PROTO_CHAP, chal, sizeof(chal));
	feed(&r, PPP_PROTO_LCP, pkt, len);
	CHECK(find_sent(&r, from, PPP_PROTO_LCP, PPP_TERMREQ) >= 0);
	CHECK_EQ(r.l->phase, NL_PHASE_TERMINATE);
	CHECK_EQ(nl_bundle_status_code(r.b), NL_EXIT_AUTH_TOPEER_FAILED);
	rig_end(&r);
}

TEST(peer_rejecting_chap_we_challenge_it_with_fails_its_authentication)
{
	struct rig r;
	uint8_t pkt[64];
	size_t len;
	int from, chal;

	/* `auth`: our Configure-Request asks for CHAP, and the peer acks it. */
	if (rig_init(&r, RIG_AUTH) < 0) {
		CHECK(!"rig");
		return;
	}
	CHECK(lcp_open(&r));
	CHECK_EQ(r.l->phase, NL_PHASE_AUTHENTICATE);
	CHECK_EQ(r.l->auth_peer.proto, PPP_PROTO_CHAP);
	chal = find_sent(&r, 0, PPP_PROTO_CHAP, 1);
	CHECK(chal >= 0);
	from = r.fk.nsent;
	len = build_protrej(pkt, 0x56, PPP_PROTO_CHAP, (const uint8_t *)"\x01\x01\x00\x04", 4);
	feed(&r, PPP_PROTO_LCP, pkt, len);
	CHECK(r.l->auth_peer.failed);
	CHECK(find_sent(&r, from, PPP_PROTO_LCP, PPP_TERMREQ) >= 0);
	CHECK_EQ(find_sent(&r, from, PPP_PROTO_CHAP, 1), -1);
	CHECK_EQ(nl_bundle_status_code(r.b), NL_EXIT_PEER_AUTH_FAILED);
	rig_end(&r);
}

/* --- CHAP reflection: our own name in the peer's Challenge or Response ----- */

/* The peer asks for CHAP with MD5 (option 3, 0xc223, algorithm 5). */
static const uint8_t peer_lcp_req_chap[] = { PPP_CONFREQ, 0x44, 0, 9, 3, 5, 0xc2, 0x23, 5 };

/* A CHAP Challenge (code 1) or Response (code 2): @value, then @name. */
static size_t build_chap(uint8_t *pkt, uint8_t code, uint8_t id, const uint8_t *value,
			 size_t vlen, const char *name)
{
	size_t len = PPP_CP_HDRLEN + 1 + vlen + strlen(name);

	pkt[0] = code;
	pkt[1] = id;
	ppp_put_be16(pkt + 2, (uint16_t)len);
	pkt[4] = (uint8_t)vlen;
	memcpy(pkt + 5, value, vlen);
	memcpy(pkt + 5 + vlen, name, strlen(name));
	return len;
}

/* Open LCP with the peer asking for CHAP, then feed its Challenge from @name. */
static int challenge_us_as(struct rig *r, const char *name)
{
	static const uint8_t value[] = { 9, 8, 7, 6, 5, 4, 3, 2 };
	uint8_t pkt[300];
	size_t len;
	int from;

	snprintf(r->cfg.password, sizeof(r->cfg.password), "secret");
	CHECK(lcp_open_with(r, peer_lcp_req_chap, sizeof(peer_lcp_req_chap)));
	CHECK_EQ(r->l->auth_ours.proto, PPP_PROTO_CHAP);
	from = r->fk.nsent;
	len = build_chap(pkt, 1, 0x31, value, sizeof(value), name);
	feed(r, PPP_PROTO_CHAP, pkt, len);
	return from;
}

TEST(challenge_carrying_our_own_name_is_not_answered)
{
	/* Our name (`name test`), then the name we answer as (`user alice`). */
	static const char *const own[][2] = { { "", "test" }, { "alice", "alice" } };
	struct rig r;
	size_t i;
	int from;

	for (i = 0; i < sizeof(own) / sizeof(own[0]); i++) {
		if (rig_init(&r, 0) < 0) {
			CHECK(!"rig");
			return;
		}
		snprintf(r.cfg.user, sizeof(r.cfg.user), "%s", own[i][0]);
		from = challenge_us_as(&r, own[i][1]);
		CHECK_EQ(find_sent(&r, from, PPP_PROTO_CHAP, 2), -1);
		CHECK(r.l->auth_ours.failed);
		CHECK(find_sent(&r, from, PPP_PROTO_LCP, PPP_TERMREQ) >= 0);
		CHECK_EQ(r.l->phase, NL_PHASE_TERMINATE);
		CHECK_EQ(nl_bundle_status_code(r.b), NL_EXIT_AUTH_TOPEER_FAILED);
		rig_end(&r);
	}
}

TEST(challenge_carrying_our_own_name_is_answered_with_chap_allow_own_name)
{
	struct rig r;
	int from;

	if (rig_init(&r, 0) < 0) {
		CHECK(!"rig");
		return;
	}
	r.cfg.chap_allow_own_name = true;
	from = challenge_us_as(&r, "test");
	CHECK(find_sent(&r, from, PPP_PROTO_CHAP, 2) >= 0);
	CHECK(!r.l->auth_ours.failed);
	CHECK_EQ(r.b->exit_status, -1);
	rig_end(&r);
}

TEST(challenge_from_another_name_is_answered)
{
	struct rig r;
	int from;

	if (rig_init(&r, 0) < 0) {
		CHECK(!"rig");
		return;
	}
	from = challenge_us_as(&r, "peer");
	CHECK(find_sent(&r, from, PPP_PROTO_CHAP, 2) >= 0);
	CHECK_EQ(r.b->exit_status, -1);
	rig_end(&r);
}

/*
 * `auth`: answer our Challenge correctly as @name, whose secret
 * chap-secrets holds. Returns the index of the first frame after it.
 */
static int respond_as(struct rig *r, const char *name)
{
	char path[128];
	uint8_t pkt[300], md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	const struct sent *c;
	EVP_MD_CTX *ctx;
	int chal, from, fd;
	size_t len;

	snprintf(path, sizeof(path), "%s/chap-secrets", r->etc);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	CHECK(fd >= 0);
	len = (size_t)snprintf((char *)pkt, sizeof(pkt), "%s test secret *\n", name);
	CHECK_EQ(write(fd, pkt, len), (ssize_t)len);
	close(fd);
	CHECK(lcp_open(r));
	CHECK_EQ(r->l->auth_peer.proto, PPP_PROTO_CHAP);
	chal = find_sent(r, 0, PPP_PROTO_CHAP, 1);
	CHECK(chal >= 0);
	if (chal < 0)
		return r->fk.nsent;
	c = &r->fk.sent[chal];
	/* MD5(Identifier || secret || Challenge), RFC 1994 */
	ctx = EVP_MD_CTX_new();
	EVP_DigestInit_ex(ctx, EVP_md5(), NULL);
	EVP_DigestUpdate(ctx, &c->p[1], 1);
	EVP_DigestUpdate(ctx, "secret", 6);
	EVP_DigestUpdate(ctx, &c->p[5], c->p[4]);
	EVP_DigestFinal_ex(ctx, md, &mdlen);
	EVP_MD_CTX_free(ctx);
	from = r->fk.nsent;
	len = build_chap(pkt, 2, c->p[1], md, mdlen, name);
	feed(r, PPP_PROTO_CHAP, pkt, len);
	unlink(path);
	return from;
}

TEST(response_carrying_our_own_name_is_refused)
{
	struct rig r;
	int from;

	if (geteuid() != 0) {
		printf("  (not root: chap-secrets must be root's; skipped)\n");
		return;
	}
	if (rig_init(&r, RIG_AUTH) < 0) {
		CHECK(!"rig");
		return;
	}
	from = respond_as(&r, "test");
	CHECK(find_sent(&r, from, PPP_PROTO_CHAP, 4) >= 0);	/* Failure */
	CHECK_EQ(find_sent(&r, from, PPP_PROTO_CHAP, 3), -1);	/* no Success */
	CHECK(r.l->auth_peer.failed && !r.l->auth_peer.done);
	CHECK(find_sent(&r, from, PPP_PROTO_LCP, PPP_TERMREQ) >= 0);
	CHECK_EQ(nl_bundle_status_code(r.b), NL_EXIT_PEER_AUTH_FAILED);
	rig_end(&r);
}

TEST(response_carrying_our_own_name_is_accepted_with_chap_allow_own_name)
{
	struct rig r;
	int from;

	if (geteuid() != 0) {
		printf("  (not root: chap-secrets must be root's; skipped)\n");
		return;
	}
	if (rig_init(&r, RIG_AUTH) < 0) {
		CHECK(!"rig");
		return;
	}
	r.cfg.chap_allow_own_name = true;
	from = respond_as(&r, "test");
	CHECK(find_sent(&r, from, PPP_PROTO_CHAP, 3) >= 0);	/* Success */
	CHECK(r.l->auth_peer.done && !r.l->auth_peer.failed);
	CHECK_EQ(r.b->exit_status, -1);
	rig_end(&r);
}

TEST(response_from_another_name_is_accepted)
{
	struct rig r;
	int from;

	if (geteuid() != 0) {
		printf("  (not root: chap-secrets must be root's; skipped)\n");
		return;
	}
	if (rig_init(&r, RIG_AUTH) < 0) {
		CHECK(!"rig");
		return;
	}
	from = respond_as(&r, "peer");
	CHECK(find_sent(&r, from, PPP_PROTO_CHAP, 3) >= 0);
	CHECK(r.l->auth_peer.done);
	CHECK_EQ(r.b->exit_status, -1);
	rig_end(&r);
}

/* --- MS-CHAPv2 (RFC 2759) -------------------------------------------------- */

static void write_chap_secrets(struct rig *r, const char *line)
{
	char path[128];
	int fd;

	snprintf(path, sizeof(path), "%s/chap-secrets", r->etc);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	CHECK(fd >= 0);
	CHECK_EQ(write(fd, line, strlen(line)), (ssize_t)strlen(line));
	close(fd);
}

static void remove_chap_secrets(struct rig *r)
{
	char path[128];

	snprintf(path, sizeof(path), "%s/chap-secrets", r->etc);
	unlink(path);
}

/*
 * require-mschap-v2: LCP asks for CHAP 0x81, the Challenge has 16 bytes;
 * the peer answers as "DOM\\peer" with @pw. Returns the first frame after.
 */
static int mschap2_respond(struct rig *r, const char *pw, uint8_t peer_chal[16],
			   uint8_t *id_out)
{
	static const char name[] = "DOM\\peer";
	uint8_t value[NL_MSCHAP_RESP_LEN] = { 0 }, pkt[300];
	const struct sent *c;
	int chal, from, req;
	size_t len;

	write_chap_secrets(r, "DOM\\\\peer test secret *\n");	/* as pptp(8) shows it */
	req = find_sent(r, 0, PPP_PROTO_LCP, PPP_CONFREQ);
	CHECK(req >= 0);
	if (req >= 0) {
		static const uint8_t opt[] = { 3, 5, 0xc2, 0x23, 0x81 };

		CHECK(memmem(r->fk.sent[req].p, r->fk.sent[req].len, opt, sizeof(opt)) != NULL);
	}
	CHECK(lcp_open(r));
	CHECK_EQ(r->l->auth_peer.proto, PPP_PROTO_CHAP);
	CHECK_EQ(r->l->auth_peer.chap_alg, PPP_CHAP_MSCHAP_V2);
	chal = find_sent(r, 0, PPP_PROTO_CHAP, 1);
	CHECK(chal >= 0);
	if (chal < 0)
		return r->fk.nsent;
	c = &r->fk.sent[chal];
	CHECK_EQ(c->p[4], 16);
	memset(peer_chal, 0x5a, 16);
	memcpy(value, peer_chal, 16);
	/* The hash covers the user name without its domain. */
	CHECK_EQ(nl_mschap_v2_nt_response(&c->p[5], peer_chal, "peer", 4,
					  (const uint8_t *)pw, strlen(pw), value + 24), 0);
	from = r->fk.nsent;
	*id_out = c->p[1];
	len = build_chap(pkt, 2, c->p[1], value, sizeof(value), name);
	feed(r, PPP_PROTO_CHAP, pkt, len);
	remove_chap_secrets(r);
	return from;
}

TEST(mschap_v2_authenticator_grants_a_right_response_with_its_own_proof)
{
	uint8_t peer_chal[16], id;
	char want[NL_MSCHAP_AUTH_RESP_LEN + 1];
	const struct sent *s;
	struct rig r;
	int from, ok, chal;
	uint8_t nt[24];

	if (geteuid() != 0) {
		printf("  (not root: chap-secrets must be root's; skipped)\n");
		return;
	}
	if (rig_init(&r, RIG_MSCHAP2) < 0) {
		CHECK(!"rig");
		return;
	}
	from = mschap2_respond(&r, "secret", peer_chal, &id);
	ok = find_sent(&r, from, PPP_PROTO_CHAP, 3);
	CHECK(ok >= 0);
	CHECK(r.l->auth_peer.done && !r.l->auth_peer.failed);
	chal = find_sent(&r, 0, PPP_PROTO_CHAP, 1);
	if (ok >= 0 && chal >= 0) {
		s = &r.fk.sent[ok];
		CHECK_EQ(nl_mschap_v2_nt_response(&r.fk.sent[chal].p[5], peer_chal, "peer", 4,
						  (const uint8_t *)"secret", 6, nt), 0);
		CHECK_EQ(nl_mschap_v2_auth_response((const uint8_t *)"secret", 6, nt, peer_chal,
						    &r.fk.sent[chal].p[5], "peer", 4, want), 0);
		/* "S=<40 hex> M=..." */
		CHECK(s->len >= 4 + NL_MSCHAP_AUTH_RESP_LEN);
		CHECK_MEM(s->p + 4, want, NL_MSCHAP_AUTH_RESP_LEN);
	}
	CHECK_EQ(r.b->exit_status, -1);
	rig_fini(&r);
}

TEST(mschap_v2_authenticator_refuses_a_wrong_password_with_e691)
{
	uint8_t peer_chal[16], id;
	struct rig r;
	int from, f;

	if (geteuid() != 0) {
		printf("  (not root: chap-secrets must be root's; skipped)\n");
		return;
	}
	if (rig_init(&r, RIG_MSCHAP2) < 0) {
		CHECK(!"rig");
		return;
	}
	from = mschap2_respond(&r, "Secret", peer_chal, &id);
	CHECK_EQ(find_sent(&r, from, PPP_PROTO_CHAP, 3), -1);
	f = find_sent(&r, from, PPP_PROTO_CHAP, 4);
	CHECK(f >= 0);
	if (f >= 0)
		CHECK(r.fk.sent[f].len > 10 && !memcmp(r.fk.sent[f].p + 4, "E=691 R=0 C=", 12));
	CHECK(r.l->auth_peer.failed);
	CHECK_EQ(nl_bundle_status_code(r.b), NL_EXIT_PEER_AUTH_FAILED);
	rig_fini(&r);
}

/*
 * The peer asks us for MS-CHAPv2; we answer its Challenge as alice/pass;
 * its Success carries @proof_ok ? the right authenticator response : one
 * digit off. Returns whether our side of authentication succeeded.
 */
static bool mschap2_client(bool proof_ok)
{
	static const uint8_t lcp_req[] = { PPP_CONFREQ, 0x45, 0, 9, 3, 5, 0xc2, 0x23, 0x81 };
	static const uint8_t chal[16] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
	char auth[NL_MSCHAP_AUTH_RESP_LEN + 1], msg[80];
	uint8_t pkt[300], nt[24];
	struct rig r;
	bool done;
	int from, resp;
	size_t len;

	if (rig_init(&r, 0) < 0) {
		CHECK(!"rig");
		return false;
	}
	snprintf(r.cfg.user, sizeof(r.cfg.user), "alice");
	snprintf(r.cfg.password, sizeof(r.cfg.password), "pass");
	CHECK(lcp_open_with(&r, lcp_req, sizeof(lcp_req)));
	CHECK_EQ(r.l->auth_ours.chap_alg, PPP_CHAP_MSCHAP_V2);
	from = r.fk.nsent;
	len = build_chap(pkt, 1, 0x33, chal, sizeof(chal), "server");
	feed(&r, PPP_PROTO_CHAP, pkt, len);
	resp = find_sent(&r, from, PPP_PROTO_CHAP, 2);
	CHECK(resp >= 0);
	if (resp < 0) {
		rig_fini(&r);
		return false;
	}
	/* Value-Size 49: Peer-Challenge, 8 zeros, NT-Response, Flags 0; Name alice. */
	CHECK_EQ(r.fk.sent[resp].p[4], NL_MSCHAP_RESP_LEN);
	CHECK_EQ(r.fk.sent[resp].len, 5 + NL_MSCHAP_RESP_LEN + 5);
	CHECK_MEM(r.fk.sent[resp].p + 5 + NL_MSCHAP_RESP_LEN, "alice", 5);
	CHECK_EQ(nl_mschap_v2_nt_response(chal, r.fk.sent[resp].p + 5, "alice", 5,
					  (const uint8_t *)"pass", 4, nt), 0);
	CHECK_MEM(r.fk.sent[resp].p + 5 + 24, nt, 24);
	CHECK_EQ(nl_mschap_v2_auth_response((const uint8_t *)"pass", 4, nt, r.fk.sent[resp].p + 5,
					    chal, "alice", 5, auth), 0);
	if (!proof_ok)
		auth[10] = auth[10] == '0' ? '1' : '0';
	snprintf(msg, sizeof(msg), "%s M=Welcome", auth);
	pkt[0] = PPP_CHAP_SUCCESS;
	pkt[1] = 0x33;
	ppp_put_be16(pkt + 2, (uint16_t)(4 + strlen(msg)));
	memcpy(pkt + 4, msg, strlen(msg));
	feed(&r, PPP_PROTO_CHAP, pkt, 4 + strlen(msg));
	done = r.l->auth_ours.done && !r.l->auth_ours.failed;
	if (!proof_ok)
		CHECK_EQ(nl_bundle_status_code(r.b), NL_EXIT_AUTH_TOPEER_FAILED);
	rig_fini(&r);
	return done;
}

TEST(mschap_v2_client_answers_and_checks_the_authenticator_proof)
{
	CHECK(mschap2_client(true));
	CHECK(!mschap2_client(false));
}

/* --- addresses no endpoint may have ----------------------------------------- */

/*
 * Open IPCP with the peer asking for @peer (host order) and, when @our_nak
 * is set, Nak-ing our Configure-Request with it as our address. The refusal
 * comes before anything is configured, so the rig never reaches rtnetlink.
 */
static void ipcp_open_with(struct rig *r, uint32_t peer, uint32_t our_nak)
{
	uint8_t pkt[64] = { PPP_CONFREQ, 0x61, 0, 10, 3, 6 };
	int i;

	ppp_put_be32(pkt + 6, peer);
	feed(r, PPP_PROTO_IPCP, pkt, 10);
	CHECK(find_sent(r, 0, PPP_PROTO_IPCP, PPP_CONFACK) >= 0);
	i = find_sent(r, 0, PPP_PROTO_IPCP, PPP_CONFREQ);
	CHECK(i >= 0);
	if (i < 0)
		return;
	if (our_nak) {
		pkt[0] = PPP_CONFNAK;
		pkt[1] = r->fk.sent[i].p[1];
		ppp_put_be32(pkt + 6, our_nak);
		feed(r, PPP_PROTO_IPCP, pkt, 10);
		i = find_sent(r, i + 1, PPP_PROTO_IPCP, PPP_CONFREQ);
		CHECK(i >= 0);
		if (i < 0)
			return;
	}
	memcpy(pkt, r->fk.sent[i].p, r->fk.sent[i].len);
	pkt[0] = PPP_CONFACK;
	feed(r, PPP_PROTO_IPCP, pkt, r->fk.sent[i].len);
}

TEST(peer_asking_for_an_unusable_address_is_refused_with_status_11)
{
	static const uint32_t bad[] = {
		0x7f000001, 0xe0000005, 0xeffffffa, 0xf0000009, 0xffffffff, 0x00010203,
	};
	struct rig r;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (rig_init(&r, 0) < 0) {
			CHECK(!"rig");
			return;
		}
		r.cfg.remote_ip.s_addr = 0;	/* the peer chooses its address */
		CHECK(lcp_open(&r));
		ipcp_open_with(&r, bad[i], 0);
		if (nl_bundle_status_code(r.b) != NL_EXIT_PEER_AUTH_FAILED || r.b->ip_up ||
		    find_sent(&r, 0, PPP_PROTO_LCP, PPP_TERMREQ) < 0) {
			fprintf(stderr, "  peer address %08x: status %d, ip_up %d\n", bad[i],
				nl_bundle_status_code(r.b), r.b->ip_up);
			test_cur_failed = 1;
		}
		rig_end(&r);
	}
}

TEST(unusable_local_address_from_the_peer_is_refused_with_status_11)
{
	static const uint32_t bad[] = { 0x7f000002, 0xe0000001, 0xf0000001, 0x00000001 };
	struct rig r;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (rig_init(&r, 0) < 0) {
			CHECK(!"rig");
			return;
		}
		r.cfg.local_ip.s_addr = 0;	/* noipdefault */
		r.cfg.ipcp_accept_local = true;
		CHECK(lcp_open(&r));
		ipcp_open_with(&r, 0x0a000002, bad[i]);
		if (nl_bundle_status_code(r.b) != NL_EXIT_PEER_AUTH_FAILED || r.b->ip_up) {
			fprintf(stderr, "  local address %08x: status %d, ip_up %d\n", bad[i],
				nl_bundle_status_code(r.b), r.b->ip_up);
			test_cur_failed = 1;
		}
		rig_end(&r);
	}
}

TEST(protocol_reject_before_lcp_opened_is_ignored)
{
	uint8_t pkt[64];
	size_t len;
	struct rig r;

	if (rig_init(&r, 0) < 0) {
		CHECK(!"rig");
		return;
	}
	len = build_protrej(pkt, 0x53, PPP_PROTO_LCP, (const uint8_t *)"\x01\x01\x00\x04", 4);
	feed(&r, PPP_PROTO_LCP, pkt, len);
	CHECK_EQ(r.fk.nsent, 1);
	CHECK_EQ(r.l->phase, NL_PHASE_ESTABLISH);
	CHECK_EQ(r.b->exit_status, -1);
	rig_end(&r);
}

/* --- 10. nothing waits for ever (bounded phases) ------------------------------ */

TEST(config_default_pap_timeout_is_pppds_30_seconds)
{
	struct nl_config c;

	nl_config_defaults(&c);
	CHECK_EQ(c.pap_timeout, 30);
}

TEST(pap_authenticator_gives_up_when_the_peer_never_authenticates)
{
	struct rig r;
	int from;

	if (rig_prepare(&r, 0, NULL) < 0) {
		CHECK(!"rig");
		return;
	}
	/* Default options wait pppd's 30 s; this test waits 1 s. */
	CHECK_EQ(r.cfg.pap_timeout, 30);
	r.cfg.pap_timeout = 1;
	r.cfg.auth = r.cfg.require_pap = true;
	if (rig_start(&r) < 0) {
		CHECK(!"rig");
		return;
	}
	CHECK(lcp_open(&r));
	CHECK_EQ(r.l->phase, NL_PHASE_AUTHENTICATE);
	CHECK_EQ(r.l->auth_peer.proto, PPP_PROTO_PAP);
	from = r.fk.nsent;
	rig_run(&r, 600);
	CHECK_EQ(find_sent(&r, from, PPP_PROTO_LCP, PPP_TERMREQ), -1);
	rig_run(&r, 700);
	CHECK(find_sent(&r, from, PPP_PROTO_LCP, PPP_TERMREQ) >= 0);
	CHECK(r.l->auth_peer.failed);
	CHECK_EQ(nl_bundle_status_code(r.b), NL_EXIT_PEER_AUTH_FAILED);
	rig_end(&r);
}

TEST(chap_client_gives_up_when_the_peer_never_sends_a_challenge)
{
	/* The peer asks for CHAP with MD5, then says nothing more. */
	static const uint8_t peer_req[] = { PPP_CONFREQ, 0x44, 0, 9, 3, 5, 0xc2, 0x23, 5 };
	struct rig r;
	int from;

	if (rig_prepare(&r, 0, NULL) < 0) {
		CHECK(!"rig");
		return;
	}
	/* The bound is chap-restart x chap-max-challenge: 2 s here. */
	r.cfg.chap_restart = 1;
	r.cfg.chap_max_challenge = 2;
	snprintf(r.cfg.password, sizeof(r.cfg.password), "secret");
	if (rig_start(&r) < 0) {
		CHECK(!"rig");
		return;
	}
	CHECK(lcp_open_with(&r, peer_req, sizeof(peer_req)));
	CHECK_EQ(r.l->auth_ours.proto, PPP_PROTO_CHAP);
	from = r.fk.nsent;
	rig_run(&r, 1500);
	CHECK_EQ(find_sent(&r, from, PPP_PROTO_LCP, PPP_TERMREQ), -1);
	CHECK_EQ(r.l->phase, NL_PHASE_AUTHENTICATE);
	rig_run(&r, 1000);
	CHECK(find_sent(&r, from, PPP_PROTO_LCP, PPP_TERMREQ) >= 0);
	CHECK(r.l->auth_ours.failed);
	CHECK_EQ(nl_bundle_status_code(r.b), NL_EXIT_AUTH_TOPEER_FAILED);
	rig_end(&r);
}

/*
 * A hostile peer: every 250 ms it acks each Configure-Request of @proto we
 * sent since its last turn and sends its own, with an option we must reject.
 */
struct hostile {
	struct rig *r;
	struct nl_timer t;
	uint16_t proto;
	const uint8_t *req;
	size_t req_len;
	int next;
	bool ever_opened;
	unsigned int rejects_seen;
};

static void hostile_fn(void *ctx)
{
	struct hostile *h = ctx;
	struct rig *r = h->r;
	const struct nl_proto *p = nl_proto_find(h->proto);
	uint8_t pkt[FRAME_MAX];
	int i;

	if (r->dead_calls)
		return;
	for (i = h->next; i < r->fk.nsent; i++) {
		const struct sent *s = &r->fk.sent[i];

		if (s->proto != h->proto || s->len < PPP_CP_HDRLEN)
			continue;
		if (s->p[0] == PPP_CONFREJ)
			h->rejects_seen++;
		if (s->p[0] != PPP_CONFREQ)
			continue;
		memcpy(pkt, s->p, s->len);
		pkt[0] = PPP_CONFACK;
		nl_link_dp_frame(r->l, h->proto, pkt, s->len);
	}
	h->next = r->fk.nsent;
	nl_link_dp_frame(r->l, h->proto, h->req, h->req_len);
	if (fsm_of(r, p) && fsm_of(r, p)->state == PPP_FSM_OPENED)
		h->ever_opened = true;
	nl_timer_arm(&r->loop, &h->t, 250);
}

static void hostile_start(struct hostile *h, struct rig *r, uint16_t proto,
			  const uint8_t *req, size_t len)
{
	memset(h, 0, sizeof(*h));
	h->r = r;
	h->proto = proto;
	h->req = req;
	h->req_len = len;
	r->fk.count_only = true;
	nl_timer_init(&h->t, hostile_fn, h);
	hostile_fn(h);
}

TEST(lcp_never_opening_against_a_peer_requesting_a_rejected_option_ends_with_status_10)
{
	/* Option 0x7e, unknown: Configure-Reject, every time. */
	static const uint8_t bad_req[] = { PPP_CONFREQ, 0x60, 0, 8, 0x7e, 4, 0, 0 };
	struct hostile h;
	struct rig r;
	uint64_t t0;
	/* 2 x lcp-restart x lcp-max-configure, then lcp-max-terminate x lcp-restart. */
	const uint64_t bound_ms = 2 * 1 * 2 * 1000 + 1 * 1000;

	if (rig_prepare(&r, 0, NULL) < 0) {
		CHECK(!"rig");
		return;
	}
	r.cfg.lcp.restart = 1;
	r.cfg.lcp.max_configure = 2;
	r.cfg.lcp.max_terminate = 1;
	if (rig_start(&r) < 0) {
		CHECK(!"rig");
		return;
	}
	t0 = nl_now_ms();
	r.stop_on_dead = true;
	hostile_start(&h, &r, PPP_PROTO_LCP, bad_req, sizeof(bad_req));
	rig_run(&r, bound_ms + 1500);
	nl_timer_cancel(&r.loop, &h.t);
	CHECK(!h.ever_opened);
	CHECK(h.rejects_seen >= 4);
	CHECK_EQ(r.dead_calls, 1);
	if (r.dead_calls)
		CHECK(r.dead_ms - t0 <= bound_ms + 500);
	CHECK_EQ(nl_bundle_status_code(r.b), NL_EXIT_NEGOTIATION_FAILED);
	rig_end(&r);
}

TEST(ipcp_never_opening_against_a_peer_requesting_a_rejected_option_ends_the_link_with_status_10)
{
	/* IPCP option 0x7e, unknown: Configure-Reject, every time. */
	static const uint8_t bad_req[] = { PPP_CONFREQ, 0x61, 0, 8, 0x7e, 4, 0, 0 };
	struct hostile h;
	struct rig r;
	uint64_t t0;
	/* 2 x ipcp-restart x ipcp-max-configure, then the terminate rounds. */
	const uint64_t bound_ms = 2 * 1 * 2 * 1000 + 1 * 1000 + 1000;

	if (rig_prepare(&r, 0, NULL) < 0) {
		CHECK(!"rig");
		return;
	}
	r.cfg.ipcp.restart = 1;
	r.cfg.ipcp.max_configure = 2;
	r.cfg.ipcp.max_terminate = 1;
	r.cfg.lcp.restart = 1;
	r.cfg.lcp.max_terminate = 1;
	if (rig_start(&r) < 0) {
		CHECK(!"rig");
		return;
	}
	CHECK(lcp_open(&r));
	CHECK_EQ(r.l->phase, NL_PHASE_NETWORK);
	t0 = nl_now_ms();
	r.stop_on_dead = true;
	hostile_start(&h, &r, PPP_PROTO_IPCP, bad_req, sizeof(bad_req));
	rig_run(&r, bound_ms + 1500);
	nl_timer_cancel(&r.loop, &h.t);
	CHECK(!h.ever_opened);
	CHECK(h.rejects_seen >= 4);
	CHECK_EQ(r.dead_calls, 1);
	if (r.dead_calls)
		CHECK(r.dead_ms - t0 <= bound_ms + 500);
	CHECK_EQ(nl_bundle_status_code(r.b), NL_EXIT_NEGOTIATION_FAILED);
	rig_end(&r);
}

/* --- 11. a noisy peer cannot flood the log ------------------------------------ */

static FILE *cap_file;
static int cap_saved;

static void log_capture_begin(void)
{
	fflush(stderr);
	cap_file = tmpfile();
	cap_saved = dup(2);
	dup2(fileno(cap_file), 2);
	nl_log_set_stderr(true);
}

/* Stop capturing; the number of lines, and how many contain @needle. */
static int log_capture_end(const char *needle, int *matching)
{
	char line[2048];
	int lines = 0;

	fflush(stderr);
	nl_log_set_stderr(getenv("TEST_VERBOSE") != NULL);
	dup2(cap_saved, 2);
	close(cap_saved);
	rewind(cap_file);
	*matching = 0;
	while (fgets(line, sizeof(line), cap_file)) {
		lines++;
		*matching += strstr(line, needle) != NULL;
		if (getenv("TEST_VERBOSE"))
			fputs(line, stderr);
	}
	fclose(cap_file);
	return lines;
}

TEST(unknown_protocol_flood_is_rejected_every_time_but_logged_a_bounded_number_of_times)
{
	static const uint8_t payload[] = { 0xde, 0xad, 0xbe, 0xef };
	static const uint8_t info[] = { 1, 2, 3, 4 };
	uint8_t pkt[64];
	struct rig r;
	int i, lines, named, suppressed;
	size_t len;

	if (rig_init(&r, 0) < 0) {
		CHECK(!"rig");
		return;
	}
	CHECK(lcp_open(&r));
	r.fk.count_only = true;
	r.fk.protrej = 0;
	log_capture_begin();
	for (i = 0; i < 1000; i++)
		feed(&r, 0x1234, payload, sizeof(payload));
	lines = log_capture_end("0x1234", &named);
	CHECK_EQ(r.fk.protrej, 1000);		/* RFC 1661 5.7: every one */
	CHECK_EQ(r.l->rx_unknown_proto, 1000);
	CHECK(named >= 1);
	CHECK(lines <= NL_RATELIMIT_BURST + 1);

	/* The peer's Protocol-Rejects of what we never sent: the same bound. */
	log_capture_begin();
	for (i = 0; i < 1000; i++) {
		len = build_protrej(pkt, (uint8_t)i, 0x5678, info, sizeof(info));
		feed(&r, PPP_PROTO_LCP, pkt, len);
	}
	/* The link goes: what was held back is counted in one line. */
	rig_end(&r);
	lines = log_capture_end("suppressed", &suppressed);
	CHECK(lines <= NL_RATELIMIT_BURST + 1);
	CHECK_EQ(suppressed, 1);
}

/*
 * A peer that takes LCP out of Opened again and again (each round costs
 * the network phase: ip-down, addresses, ip-up): NL_CP_RENEG_BURST rounds
 * go through, the next Configure-Request is ignored while Opened.
 */
TEST(lcp_renegotiation_storm_is_rate_limited)
{
	const struct nl_proto_inst *pi;
	struct nl_cp *c;
	uint8_t pkt[FRAME_MAX];
	struct rig r;
	int round, from, req;

	if (rig_init(&r, 0) < 0) {
		CHECK(!"rig");
		return;
	}
	CHECK(lcp_open(&r));
	pi = nl_link_proto(r.l, &nl_proto_lcp);
	c = pi->state;
	for (round = 0; round < NL_CP_RENEG_BURST; round++) {
		from = r.fk.nsent;
		feed(&r, PPP_PROTO_LCP, peer_lcp_req, sizeof(peer_lcp_req));
		CHECK(!nl_lcp_opened(pi));
		req = find_sent(&r, from, PPP_PROTO_LCP, PPP_CONFREQ);
		CHECK(req >= 0);
		if (req < 0)
			break;
		memcpy(pkt, r.fk.sent[req].p, r.fk.sent[req].len);
		pkt[0] = PPP_CONFACK;
		feed(&r, PPP_PROTO_LCP, pkt, r.fk.sent[req].len);
		CHECK(nl_lcp_opened(pi));
		CHECK_EQ(r.l->phase, NL_PHASE_NETWORK);
	}
	CHECK_EQ(c->reneg_ignored, 0);
	from = r.fk.nsent;
	feed(&r, PPP_PROTO_LCP, peer_lcp_req, sizeof(peer_lcp_req));
	CHECK(nl_lcp_opened(pi));
	CHECK_EQ(find_sent(&r, from, PPP_PROTO_LCP, PPP_CONFREQ), -1);
	CHECK_EQ(find_sent(&r, from, PPP_PROTO_LCP, PPP_CONFACK), -1);
	CHECK_EQ(c->reneg_ignored, 1);
	/* Echo still works: only what would renegotiate is held back. */
	{
		static const uint8_t echo[] = { PPP_ECHOREQ, 9, 0, 8, 0, 0, 0, 0 };

		feed(&r, PPP_PROTO_LCP, echo, sizeof(echo));
		CHECK(find_sent(&r, from, PPP_PROTO_LCP, PPP_ECHOREP) >= 0);
	}
	rig_fini(&r);
}

/* Every key of @keys (space separated) is in @o with type @t (json_type). */
static bool has_keys(struct json_object *o, const char *keys, json_type t)
{
	char buf[256], *k, *save = NULL;
	struct json_object *v;
	bool ok = o && json_object_is_type(o, json_type_object);

	snprintf(buf, sizeof(buf), "%s", keys);
	for (k = strtok_r(buf, " ", &save); ok && k; k = strtok_r(NULL, " ", &save)) {
		if (!json_object_object_get_ex(o, k, &v) || !json_object_is_type(v, t)) {
			fprintf(stderr, "  key %s missing or of the wrong type\n", k);
			ok = false;
		}
	}
	return ok;
}

static struct json_object *sub(struct json_object *o, const char *k)
{
	struct json_object *v = NULL;

	json_object_object_get_ex(o, k, &v);
	return v;
}

static bool str_is(struct json_object *o, const char *want)
{
	const char *v = o ? json_object_get_string(o) : NULL;

	return v && !strcmp(v, want);
}

/* The objects `nlpppctl show` prints carry the fields docs/nlpppctl.8 names. */
TEST(status_objects_carry_the_documented_fields)
{
	struct rig r;
	struct json_object *o;
	const struct nl_proto_inst *pi;

	if (rig_init(&r, RIG_IPV6) < 0) {
		CHECK(!"rig");
		return;
	}
	CHECK(lcp_open(&r));
	o = nl_link_status(r.l);
	CHECK(has_keys(o, "link_id uptime_s", json_type_int));
	CHECK(has_keys(o, "device transport framing phase", json_type_string));
	CHECK(has_keys(sub(o, "tx"), "accm", json_type_string));
	CHECK(has_keys(sub(o, "tx"), "acfc pfc", json_type_boolean));
	CHECK(has_keys(sub(o, "rx"), "mru", json_type_int));
	CHECK(str_is(sub(o, "framing"), "async"));
	CHECK(str_is(sub(o, "phase"), "network"));
	json_object_put(o);

	pi = nl_link_proto(r.l, &nl_proto_lcp);
	o = pi->proto->status(pi);
	CHECK(str_is(sub(o, "state"), "opened"));
	CHECK(has_keys(sub(o, "ours"), "mru magic", json_type_int));
	CHECK(has_keys(sub(o, "ours"), "accm", json_type_string));
	CHECK(has_keys(sub(o, "peer"), "pfc acfc", json_type_boolean));
	CHECK(has_keys(sub(o, "echo"), "interval_s failure_limit pending", json_type_int));
	CHECK(json_object_object_get_ex(sub(o, "echo"), "rtt_ms", NULL));
	json_object_put(o);

	pi = nl_link_proto(r.l, &nl_proto_chap);
	o = pi->proto->status(pi);
	CHECK(has_keys(sub(o, "ours"), "state name", json_type_string));
	CHECK(has_keys(sub(o, "peer"), "state name", json_type_string));
	CHECK(str_is(sub(sub(o, "peer"), "state"), "none"));
	CHECK(json_object_object_get_ex(sub(o, "peer"), "protocol", NULL));
	json_object_put(o);

	pi = nl_link_proto(r.l, &nl_proto_ipcp);
	o = pi->proto->status(pi);
	CHECK(has_keys(o, "state", json_type_string));
	CHECK(str_is(sub(o, "state"), "req-sent"));
	CHECK(json_object_object_get_ex(o, "local_ip", NULL) &&
	      json_object_object_get_ex(o, "remote_ip", NULL) &&
	      json_object_object_get_ex(o, "dns1", NULL) &&
	      json_object_object_get_ex(o, "dns2", NULL));
	json_object_put(o);

	pi = nl_link_proto(r.l, &nl_proto_ipv6cp);
	o = pi->proto->status(pi);
	CHECK(has_keys(o, "state", json_type_string));
	CHECK(json_object_object_get_ex(o, "local_ll", NULL) &&
	      json_object_object_get_ex(o, "remote_ll", NULL));
	json_object_put(o);

	o = nl_bundle_status(r.b);
	CHECK(has_keys(o, "bundle_id ifindex uptime_s", json_type_int));
	CHECK(has_keys(o, "ifname dataplane phase", json_type_string));
	CHECK(has_keys(o, "links", json_type_array));
	json_object_put(o);
	rig_end(&r);
}

int main(void)
{
	RUN(table_entries_have_distinct_numbers_and_names_and_lookups_agree);
	RUN(table_layers_are_lcp_link_pap_chap_auth_ipcp_ipv6cp_network);
	RUN(instances_of_disabled_protocols_have_no_state);
	RUN(link_start_sends_lcp_configure_request_and_pushes_link_params);
	RUN(before_lcp_opened_ipcp_frame_is_dropped_silently);
	RUN(before_lcp_opened_unknown_protocol_is_not_rejected);
	RUN(pap_and_chap_frames_before_authentication_phase_are_dropped);
	RUN(ncp_frame_in_authentication_phase_is_dropped_until_pap_succeeds);
	RUN(lcp_opened_without_auth_starts_ipcp_but_not_ipv6cp);
	RUN(lcp_opened_with_ipv6_starts_ipcp_and_ipv6cp);
	RUN(opened_link_protocol_rejects_unknown_protocol_with_its_payload);
	RUN(opened_link_protocol_rejects_disabled_ipv6cp);
	RUN(opened_link_drops_ip_data_the_bundle_does_not_pass);
	RUN(peer_rejecting_ipcp_without_ipv6cp_closes_link_negotiation_failed);
	RUN(peer_rejecting_ipcp_while_ipv6cp_runs_keeps_the_link);
	RUN(interface_mtu_is_the_peer_mru_capped_by_option_transport_and_maximum);
	RUN(peer_rejecting_lcp_closes_the_link);
	RUN(peer_rejecting_pap_while_we_authenticate_fails_it_and_closes_the_link);
	RUN(peer_rejecting_chap_while_we_answer_its_challenge_closes_the_link);
	RUN(peer_rejecting_chap_we_challenge_it_with_fails_its_authentication);
	RUN(challenge_carrying_our_own_name_is_not_answered);
	RUN(challenge_carrying_our_own_name_is_answered_with_chap_allow_own_name);
	RUN(challenge_from_another_name_is_answered);
	RUN(response_carrying_our_own_name_is_refused);
	RUN(response_carrying_our_own_name_is_accepted_with_chap_allow_own_name);
	RUN(response_from_another_name_is_accepted);
	RUN(peer_asking_for_an_unusable_address_is_refused_with_status_11);
	RUN(unusable_local_address_from_the_peer_is_refused_with_status_11);
	RUN(protocol_reject_before_lcp_opened_is_ignored);
	RUN(lcp_renegotiation_storm_is_rate_limited);
	RUN(mschap_v2_authenticator_grants_a_right_response_with_its_own_proof);
	RUN(mschap_v2_authenticator_refuses_a_wrong_password_with_e691);
	RUN(mschap_v2_client_answers_and_checks_the_authenticator_proof);
	RUN(status_objects_carry_the_documented_fields);
	RUN(config_default_pap_timeout_is_pppds_30_seconds);
	RUN(pap_authenticator_gives_up_when_the_peer_never_authenticates);
	RUN(chap_client_gives_up_when_the_peer_never_sends_a_challenge);
	RUN(lcp_never_opening_against_a_peer_requesting_a_rejected_option_ends_with_status_10);
	RUN(ipcp_never_opening_against_a_peer_requesting_a_rejected_option_ends_the_link_with_status_10);
	RUN(unknown_protocol_flood_is_rejected_every_time_but_logged_a_bounded_number_of_times);
	return test_summary();
}
