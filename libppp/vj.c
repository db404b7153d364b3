// SPDX-License-Identifier: GPL-2.0
/* Van Jacobson TCP/IP header compression (RFC 1144): see vj.h. */
#include "libppp/vj.h"
#include "libppp/ppp.h"

/* The change mask (RFC 1144 3.2.2). */
enum {
	NEW_U = 0x01, NEW_W = 0x02, NEW_A = 0x04, NEW_S = 0x08,
	NEW_I = 0x20, NEW_C = 0x40, TCP_PUSH = 0x10,
	SPECIALS = 0x0f,
	SPECIAL_I = NEW_S | NEW_W | NEW_U,		/* echoed interactive traffic */
	SPECIAL_D = NEW_S | NEW_A | NEW_W | NEW_U,	/* unidirectional data */
};

enum { TH_FIN = 0x01, TH_SYN = 0x02, TH_RST = 0x04, TH_PUSH = 0x08, TH_ACK = 0x10, TH_URG = 0x20 };

/* IPv4 and TCP field offsets. */
enum {
	IP_LEN = 2, IP_ID = 4, IP_FRAG = 6, IP_PROTO = 9, IP_SUM = 10, IP_SRC = 12,
	TCP_SEQ = 4, TCP_ACK = 8, TCP_OFF = 12, TCP_FLAGS = 13, TCP_WIN = 14, TCP_SUM = 16,
	TCP_URP = 18,
};

void ppp_vj_init(struct ppp_vj *vj, struct ppp_vj_slot *tx, unsigned int tx_slots,
		 bool tx_cid_comp, struct ppp_vj_slot *rx, unsigned int rx_slots)
{
	memset(vj, 0, sizeof(*vj));
	vj->tx = tx;
	vj->tx_slots = tx_slots;
	vj->tx_cid_comp = tx_cid_comp;
	vj->rx = rx;
	vj->rx_slots = rx_slots;
	memset(tx, 0, tx_slots * sizeof(*tx));
	memset(rx, 0, rx_slots * sizeof(*rx));
	/* Until a connection is named, compressed packets cannot be placed. */
	vj->toss = true;
}

/* IP and TCP header lengths of a TCP/IPv4 packet, or 0 if VJ cannot carry it. */
static size_t tcpip_hlen(const uint8_t *p, size_t len, size_t *ihl)
{
	size_t thl;

	if (len < 40 || p[0] >> 4 != 4 || p[IP_PROTO] != 6)
		return 0;
	*ihl = (size_t)(p[0] & 0x0f) * 4;
	if (*ihl < 20 || *ihl + 20 > len)
		return 0;
	thl = (size_t)(p[*ihl + TCP_OFF] >> 4) * 4;
	if (thl < 20 || *ihl + thl > len || *ihl + thl > PPP_VJ_HDR_MAX)
		return 0;
	return *ihl + thl;
}

static uint16_t ip_sum(const uint8_t *p, size_t len)
{
	uint32_t s = 0;
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		s += (uint32_t)(p[i] << 8 | p[i + 1]);
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)~s;
}

/* A delta that is never 0: one byte below 256, else 0 and two bytes. */
static uint8_t *encode(uint8_t *cp, uint32_t n)
{
	if (n >= 256 || n == 0) {
		*cp++ = 0;
		*cp++ = (uint8_t)(n >> 8);
		*cp++ = (uint8_t)n;
	} else {
		*cp++ = (uint8_t)n;
	}
	return cp;
}

static struct ppp_vj_slot *tx_find(struct ppp_vj *vj, const uint8_t *p, size_t ihl)
{
	struct ppp_vj_slot *oldest = NULL;
	unsigned int i;

	vj->stats.searches++;
	for (i = 0; i < vj->tx_slots; i++) {
		struct ppp_vj_slot *s = &vj->tx[i];
		size_t sihl = (size_t)(s->hdr[0] & 0x0f) * 4;

		if (s->used && !memcmp(s->hdr + IP_SRC, p + IP_SRC, 8) &&
		    !memcmp(s->hdr + sihl, p + ihl, 4))
			return s;
		/* The replacement: a free slot, else the least recently used. */
		if (!oldest || (oldest->used && (!s->used || s->age < oldest->age)))
			oldest = s;
	}
	vj->stats.misses++;
	oldest->used = false;
	return oldest;
}

uint16_t ppp_vj_compress(struct ppp_vj *vj, uint8_t *p, size_t len, size_t *start)
{
	uint8_t comp[PPP_VJ_COMP_MAX], *cp = comp + 4;	/* changes, conn, checksum */
	struct ppp_vj_slot *s;
	size_t ihl, hlen, oihl, n;
	const uint8_t *o, *th, *oth;
	uint32_t ds, da, dw, di;
	uint8_t changes = 0, id;

	*start = 0;
	hlen = tcpip_hlen(p, len, &ihl);
	/* Fragments and SYN/FIN/RST or ack-less segments go as plain IP. */
	if (!hlen || (ppp_get_be16(p + IP_FRAG) & 0x3fff) ||
	    (p[ihl + TCP_FLAGS] & (TH_SYN | TH_FIN | TH_RST | TH_ACK)) != TH_ACK) {
		vj->stats.ip++;
		return PPP_PROTO_IP;
	}
	s = tx_find(vj, p, ihl);
	id = (uint8_t)(s - vj->tx);
	s->age = ++vj->clock;
	if (!s->used)
		goto uncompressed;
	o = s->hdr;
	oihl = (size_t)(o[0] & 0x0f) * 4;
	th = p + ihl;
	oth = o + oihl;
	/* What VJ cannot express: another IP header shape or TCP options. */
	if (oihl != ihl || hlen != s->hlen || memcmp(o, p, 2) || memcmp(o + IP_FRAG, p + IP_FRAG, 4) ||
	    memcmp(o + 20, p + 20, ihl - 20) || th[TCP_OFF] != oth[TCP_OFF] ||
	    memcmp(oth + 20, th + 20, hlen - ihl - 20))
		goto uncompressed;
	/* Flags other than PSH and URG are not carried; URG only when set. */
	if (((th[TCP_FLAGS] ^ oth[TCP_FLAGS]) & (uint8_t)~(TH_PUSH | TH_URG)) ||
	    ((oth[TCP_FLAGS] & TH_URG) && !(th[TCP_FLAGS] & TH_URG)))
		goto uncompressed;

	if (th[TCP_FLAGS] & TH_URG) {
		cp = encode(cp, ppp_get_be16(th + TCP_URP));
		changes |= NEW_U;
	} else if (ppp_get_be16(th + TCP_URP) != ppp_get_be16(oth + TCP_URP)) {
		goto uncompressed;
	}
	dw = (uint16_t)(ppp_get_be16(th + TCP_WIN) - ppp_get_be16(oth + TCP_WIN));
	if (dw) {
		cp = encode(cp, dw);
		changes |= NEW_W;
	}
	da = ppp_get_be32(th + TCP_ACK) - ppp_get_be32(oth + TCP_ACK);
	if (da) {
		if (da > 0xffff)
			goto uncompressed;
		cp = encode(cp, da);
		changes |= NEW_A;
	}
	ds = ppp_get_be32(th + TCP_SEQ) - ppp_get_be32(oth + TCP_SEQ);
	if (ds) {
		if (ds > 0xffff)
			goto uncompressed;
		cp = encode(cp, ds);
		changes |= NEW_S;
	}
	n = ppp_get_be16(o + IP_LEN) - hlen;	/* the last packet's payload */
	switch (changes) {
	case 0:
		/* Data after a pure ack is new; anything else may be a retransmission. */
		if (ppp_get_be16(p + IP_LEN) != ppp_get_be16(o + IP_LEN) && n == 0)
			break;
		goto uncompressed;
	case SPECIAL_I:
	case SPECIAL_D:
		/* Would be read as a special case. */
		goto uncompressed;
	case NEW_S | NEW_A:
		if (ds == da && ds == n) {
			changes = SPECIAL_I;
			cp = comp + 4;
		}
		break;
	case NEW_S:
		if (ds == n) {
			changes = SPECIAL_D;
			cp = comp + 4;
		}
		break;
	}
	di = (uint16_t)(ppp_get_be16(p + IP_ID) - ppp_get_be16(o + IP_ID));
	if (di != 1) {
		cp = encode(cp, di);
		changes |= NEW_I;
	}
	if (th[TCP_FLAGS] & TH_PUSH)
		changes |= TCP_PUSH;
	memcpy(s->hdr, p, hlen);

	/* changes [conn] checksum deltas, just before the payload. */
	n = (size_t)(cp - (comp + 4));
	if (!vj->tx_cid_comp || !vj->tx_sent_any || vj->last_tx != id) {
		comp[0] = changes | NEW_C;
		comp[1] = id;
		memcpy(comp + 2, th + TCP_SUM, 2);
		n += 4;
		*start = hlen - n;
		memcpy(p + *start, comp, n);
	} else {
		comp[1] = changes;
		memcpy(comp + 2, th + TCP_SUM, 2);
		n += 3;
		*start = hlen - n;
		memcpy(p + *start, comp + 1, n);
	}
	vj->last_tx = id;
	vj->tx_sent_any = true;
	vj->stats.compressed++;
	return PPP_PROTO_VJC;

uncompressed:
	memcpy(s->hdr, p, hlen);
	s->hlen = (uint8_t)hlen;
	s->used = true;
	p[IP_PROTO] = id;
	vj->last_tx = id;
	vj->tx_sent_any = true;
	vj->stats.uncompressed++;
	return PPP_PROTO_VJUC;
}

void ppp_vj_rx_error(struct ppp_vj *vj)
{
	vj->toss = true;
	vj->stats.rx_errors++;
}

int ppp_vj_uncompressed(struct ppp_vj *vj, uint8_t *p, size_t len)
{
	struct ppp_vj_slot *s;
	size_t ihl, hlen;
	uint8_t id;

	if (len < 40 || p[0] >> 4 != 4) {
		ppp_vj_rx_error(vj);
		return -EINVAL;
	}
	id = p[IP_PROTO];
	p[IP_PROTO] = 6;
	hlen = tcpip_hlen(p, len, &ihl);
	if (!hlen || id >= vj->rx_slots || ip_sum(p, ihl) != 0) {
		p[IP_PROTO] = id;
		ppp_vj_rx_error(vj);
		return -EINVAL;
	}
	s = &vj->rx[id];
	memcpy(s->hdr, p, hlen);
	s->hlen = (uint8_t)hlen;
	s->used = true;
	vj->last_rx = id;
	vj->toss = false;
	vj->stats.rx_uncompressed++;
	return (int)len;
}

/* Read a delta: one byte, or 0 and two bytes. */
static bool decode(const uint8_t **cp, const uint8_t *end, uint32_t *v)
{
	if (*cp >= end)
		return false;
	if (**cp) {
		*v = *(*cp)++;
		return true;
	}
	if (end - *cp < 3)
		return false;
	*v = (uint32_t)((*cp)[1] << 8 | (*cp)[2]);
	*cp += 3;
	return true;
}

int ppp_vj_decompress(struct ppp_vj *vj, uint8_t *buf, size_t off, size_t len, size_t *start)
{
	const uint8_t *cp = buf + off, *end = buf + off + len;
	uint8_t changes, sum[2], *th, *h;
	struct ppp_vj_slot *s;
	size_t ihl, hlen, used, total;
	uint32_t v, n;

	if (off < PPP_VJ_HDR_MAX || len < 3)
		goto bad;
	changes = *cp++;
	if (changes & NEW_C) {
		if (*cp >= vj->rx_slots)
			goto bad;
		vj->last_rx = *cp++;
		vj->toss = false;
	} else if (vj->toss) {
		vj->stats.rx_tossed++;
		return -EINVAL;
	}
	s = &vj->rx[vj->last_rx];
	if (!s->used || end - cp < 2)
		goto bad;
	sum[0] = *cp++;
	sum[1] = *cp++;

	h = s->hdr;
	hlen = s->hlen;
	ihl = (size_t)(h[0] & 0x0f) * 4;
	th = h + ihl;
	n = ppp_get_be16(h + IP_LEN) - hlen;	/* the last packet's payload */
	memcpy(th + TCP_SUM, sum, 2);
	if (changes & TCP_PUSH)
		th[TCP_FLAGS] |= TH_PUSH;
	else
		th[TCP_FLAGS] &= (uint8_t)~TH_PUSH;
	switch (changes & SPECIALS) {
	case SPECIAL_I:
		ppp_put_be32(th + TCP_ACK, ppp_get_be32(th + TCP_ACK) + n);
		ppp_put_be32(th + TCP_SEQ, ppp_get_be32(th + TCP_SEQ) + n);
		break;
	case SPECIAL_D:
		ppp_put_be32(th + TCP_SEQ, ppp_get_be32(th + TCP_SEQ) + n);
		break;
	default:
		if (changes & NEW_U) {
			if (!decode(&cp, end, &v))
				goto bad;
			th[TCP_FLAGS] |= TH_URG;
			ppp_put_be16(th + TCP_URP, (uint16_t)v);
		} else {
			th[TCP_FLAGS] &= (uint8_t)~TH_URG;
		}
		if (changes & NEW_W) {
			if (!decode(&cp, end, &v))
				goto bad;
			ppp_put_be16(th + TCP_WIN, (uint16_t)(ppp_get_be16(th + TCP_WIN) + v));
		}
		if (changes & NEW_A) {
			if (!decode(&cp, end, &v))
				goto bad;
			ppp_put_be32(th + TCP_ACK, ppp_get_be32(th + TCP_ACK) + v);
		}
		if (changes & NEW_S) {
			if (!decode(&cp, end, &v))
				goto bad;
			ppp_put_be32(th + TCP_SEQ, ppp_get_be32(th + TCP_SEQ) + v);
		}
	}
	if (changes & NEW_I) {
		if (!decode(&cp, end, &v))
			goto bad;
	} else {
		v = 1;
	}
	ppp_put_be16(h + IP_ID, (uint16_t)(ppp_get_be16(h + IP_ID) + v));

	used = (size_t)(cp - (buf + off));
	total = hlen + (len - used);
	if (total > 0xffff)
		goto bad;
	ppp_put_be16(h + IP_LEN, (uint16_t)total);
	h[IP_SUM] = h[IP_SUM + 1] = 0;
	ppp_put_be16(h + IP_SUM, ip_sum(h, ihl));
	*start = off + used - hlen;
	memcpy(buf + *start, h, hlen);
	vj->stats.rx_compressed++;
	return (int)total;

bad:
	ppp_vj_rx_error(vj);
	return -EINVAL;
}
