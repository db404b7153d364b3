// SPDX-License-Identifier: GPL-2.0
/*
 * A bundle's compression pipeline. Transmit: (the NP mode, in device.c) ->
 * VJ for IPv4 TCP -> the CCP method of the transmit direction (MPPE or a
 * compressor; MPPE excludes the others) -> the link. Receive mirrors it:
 * 0x00fd frames through the receive method, then VJ frames (0x002d, 0x002f)
 * rebuilt, then up the stack.
 *
 * A method is one entry in nlppp_methods[]: its state is allocated with
 * GFP_KERNEL outside any lock, swapped in under the direction's spinlock,
 * and used only under it. The per-direction lock is what ppp_generic has
 * too: the history and the MPPE coherency count are sequential by nature.
 * The transmit order is the device's (one queue, serialised by the core's
 * transmit lock), so packets reach the link in coherency-count order.
 *
 * The daemon hears of decompression errors through one CCP_ERROR event;
 * later errors are only counted until it answers with CCP_RESET RX.
 */
#include "compress.h"
#include "device.h"
#include "netlink.h"

#include <linux/jiffies.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <asm/unaligned.h>
#include <crypto/arc4.h>
#include <crypto/hash.h>
#include <crypto/sha1.h>
#include <net/netlink.h>
#include <libppp/bsdcomp.h>
#include <libppp/deflate.h>
#include <libppp/mppe.h>
#include <libppp/ppp.h>
#include <libppp/pred1.h>
#include <libppp/vj.h>

enum {
	NLPPP_PROTO_COMP = 0x00fd,
	/* Room the pipeline may add in front: a 2-byte protocol and MPPE's header. */
	NLPPP_COMP_HEADROOM = 2 + PPP_MPPE_HDRLEN + PPP_HDR_MAX,
	/* Stateless MPPE: a coherency-count jump that costs more rekeys than this... */
	NLPPP_MPPE_FAR = 256,
	/* ...is done at most once in this many jiffies. */
	NLPPP_MPPE_FAR_GAP = HZ,
};

static inline void nlppp_comp_count(struct nlppp_comp *c, int which, s64 n)
{
	atomic64_add(n, &c->stats[which]);
}

/*
 * One CCP method. compress: @skb holds the protocol field and payload
 * (linear, writable, NLPPP_COMP_HEADROOM in front); leave the 0x00fd
 * information field in *@skbp and return 0, or -errno to drop (the caller
 * frees). decompress: the reverse; -EAGAIN drops quietly (counted by the
 * method), -EBADMSG asks the daemon for a reset.
 */
struct nlppp_comp_method {
	void *(*alloc)(const struct nlppp_ccp_cfg *cfg);
	void (*free)(void *state);
	int (*compress)(struct nlppp_comp *c, struct nlppp_comp_dir *d,
			struct sk_buff **skbp);
	int (*decompress)(struct nlppp_comp *c, struct nlppp_comp_dir *d,
			  struct sk_buff **skbp, unsigned int cap);
	void (*reset)(void *state);
	/*
	 * Compressors: the most bytes compress() adds. A packet that could
	 * then outgrow the MTU (+ its protocol field) is sent as is, before
	 * the history sees it, so no frame ever exceeds what the peer takes.
	 * MPPE has no such way out: the daemon lowers the MTU by 4 instead.
	 */
	unsigned int overhead;
	bool self_sync;		/* decompress keeps working after an error (MPPE) */
	/*
	 * Receive: what the peer sent as is joins the history (Deflate,
	 * BSD-Compress): @skb holds the protocol field and payload. 0, or
	 * -EBADMSG to ask the daemon for a reset.
	 */
	int (*incomp)(struct nlppp_comp *c, struct nlppp_comp_dir *d, struct sk_buff *skb);
};

/* ---- MPPE (RFC 3078) on the kernel's RC4 and SHA-1 ---- */

struct nlppp_mppe {
	struct ppp_mppe m;
	struct arc4_ctx rc4;
	struct crypto_shash *sha1;	/* the crypto API's best SHA-1, or NULL */
};

static void nlppp_rc4_setkey(void *rc4, const uint8_t *key, size_t len)
{
	arc4_setkey(rc4, key, len);
}

static void nlppp_rc4_crypt(void *rc4, uint8_t *out, const uint8_t *in, size_t len)
{
	arc4_crypt(rc4, out, in, len);
}

/*
 * SHA-1 of a short message (a stateless rekey hashes 112 bytes per packet):
 * through the crypto API's SHA-1, which is the architecture's (SSSE3, AVX2,
 * SHA-NI) where there is one, else on lib/sha1.c's block function (6.1
 * has no one-shot).
 */
static void nlppp_sha1(void *ctx, const uint8_t *p, size_t len, uint8_t out[20])
{
	u32 digest[SHA1_DIGEST_SIZE / 4], ws[SHA1_WORKSPACE_WORDS];
	struct crypto_shash *tfm = ctx;
	u8 block[SHA1_BLOCK_SIZE];
	size_t left = len;
	int i;

	if (tfm) {
		SHASH_DESC_ON_STACK(desc, tfm);
		int err;

		desc->tfm = tfm;
		err = crypto_shash_digest(desc, p, len, out);
		shash_desc_zero(desc);
		if (!err)
			return;
	}
	sha1_init(digest);
	for (; left >= SHA1_BLOCK_SIZE; left -= SHA1_BLOCK_SIZE, p += SHA1_BLOCK_SIZE)
		sha1_transform(digest, (const char *)p, ws);
	memset(block, 0, sizeof(block));
	memcpy(block, p, left);
	block[left] = 0x80;
	if (left >= SHA1_BLOCK_SIZE - 8) {
		sha1_transform(digest, block, ws);
		memset(block, 0, sizeof(block));
	}
	put_unaligned_be64((u64)len << 3, block + SHA1_BLOCK_SIZE - 8);
	sha1_transform(digest, block, ws);
	for (i = 0; i < ARRAY_SIZE(digest); i++)
		put_unaligned_be32(digest[i], out + 4 * i);
	memzero_explicit(digest, sizeof(digest));
	memzero_explicit(ws, sizeof(ws));
	memzero_explicit(block, sizeof(block));
}

const struct ppp_mppe_ops nlppp_mppe_ops = {
	.rc4_setkey = nlppp_rc4_setkey,
	.rc4_crypt = nlppp_rc4_crypt,
	.sha1 = nlppp_sha1,
};

static void *nlppp_mppe_alloc(const struct nlppp_ccp_cfg *cfg)
{
	struct nlppp_mppe *st = kzalloc(sizeof(*st), GFP_KERNEL);

	if (!st)
		return NULL;
	/* Without it (no sha1 module) the library's block function serves. */
	st->sha1 = crypto_alloc_shash("sha1", 0, 0);
	if (IS_ERR(st->sha1))
		st->sha1 = NULL;
	if (ppp_mppe_init(&st->m, &nlppp_mppe_ops, &st->rc4, st->sha1, cfg->mppe_key,
			  cfg->mppe_bits, cfg->mppe_stateful)) {
		crypto_free_shash(st->sha1);
		kfree_sensitive(st);
		return NULL;
	}
	return st;
}

static void nlppp_mppe_free(void *state)
{
	struct nlppp_mppe *st = state;

	ppp_mppe_wipe(&st->m);
	crypto_free_shash(st->sha1);
	kfree_sensitive(st);
}

static int nlppp_mppe_compress(struct nlppp_comp *c, struct nlppp_comp_dir *d,
			       struct sk_buff **skbp)
{
	struct nlppp_mppe *st = d->state;
	struct sk_buff *skb = *skbp;
	u8 hdr[PPP_MPPE_HDRLEN];

	ppp_mppe_encrypt(&st->m, hdr, skb->data, skb->len);
	memcpy(skb_push(skb, PPP_MPPE_HDRLEN), hdr, PPP_MPPE_HDRLEN);
	return 0;
}

static int nlppp_mppe_decompress(struct nlppp_comp *c, struct nlppp_comp_dir *d,
				 struct sk_buff **skbp, unsigned int cap)
{
	struct nlppp_mppe *st = d->state;
	struct sk_buff *skb = *skbp;
	bool reset_request;
	u16 cc, gap;
	int ret;

	if (skb->len <= PPP_MPPE_HDRLEN) {
		nlppp_comp_count(c, NLPPP_A_STATS_MPPE_DISCARDS, 1);
		return -EAGAIN;
	}
	/*
	 * Stateless, a receiver rekeys once per packet the count skipped: cap
	 * the cost a peer (or a reordering) can make one packet have.
	 */
	cc = get_unaligned_be16(skb->data) & PPP_MPPE_CCOUNT_MASK;
	gap = (cc - st->m.ccount) & PPP_MPPE_CCOUNT_MASK;
	if (!st->m.stateful && gap > NLPPP_MPPE_FAR) {
		if (d->far_jump && time_before(jiffies, d->far_jump + NLPPP_MPPE_FAR_GAP)) {
			nlppp_comp_count(c, NLPPP_A_STATS_MPPE_DISCARDS, 1);
			return -EAGAIN;
		}
		d->far_jump = jiffies ?: 1;
	}
	ret = ppp_mppe_decrypt(&st->m, skb->data, skb->data + PPP_MPPE_HDRLEN,
			       skb->len - PPP_MPPE_HDRLEN, &reset_request);
	if (ret) {
		if (reset_request)
			return -EBADMSG;
		nlppp_comp_count(c, NLPPP_A_STATS_MPPE_DISCARDS, 1);
		return -EAGAIN;
	}
	skb_pull(skb, PPP_MPPE_HDRLEN);
	return 0;
}

static void nlppp_mppe_reset(void *state)
{
	struct nlppp_mppe *st = state;

	ppp_mppe_reset(&st->m);
}

/* The receiver has nothing to reset: the next FLUSHED packet resynchronises. */
static void nlppp_mppe_rx_reset(void *state)
{
}

/* ---- Predictor-1 (RFC 1978) ---- */

struct nlppp_pred1 {
	struct ppp_pred1 p;
	u8 table[PPP_PRED1_TABLE];
};

static void *nlppp_pred1_alloc(const struct nlppp_ccp_cfg *cfg)
{
	struct nlppp_pred1 *st = kvzalloc(sizeof(*st), GFP_KERNEL);

	if (st)
		st->p.table = st->table;
	return st;
}

static void nlppp_pred1_free(void *state)
{
	kvfree(state);
}

static void nlppp_pred1_reset(void *state)
{
	struct nlppp_pred1 *st = state;

	ppp_pred1_reset(&st->p);
}

/* Compress into a new skb: the table is updated whatever comes out. */
static int nlppp_pred1_compress(struct nlppp_comp *c, struct nlppp_comp_dir *d,
				struct sk_buff **skbp)
{
	struct nlppp_pred1 *st = d->state;
	struct sk_buff *skb = *skbp, *out;
	size_t n;

	if (skb->len > 0x7fff)
		return -EMSGSIZE;
	out = alloc_skb(NLPPP_COMP_HEADROOM + ppp_pred1_max(skb->len), GFP_ATOMIC);
	if (!out)
		return -ENOMEM;
	skb_reserve(out, NLPPP_COMP_HEADROOM);
	n = ppp_pred1_compress(&st->p, skb->data, skb->len, skb_tail_pointer(out));
	skb_put(out, n);
	/* Sent as is inside its wrapper: the length's top bit is clear. */
	if (!(out->data[0] & 0x80))
		nlppp_comp_count(c, NLPPP_A_STATS_COMP_TX_INCOMPRESSIBLE, 1);
	out->protocol = skb->protocol;
	out->dev = skb->dev;
	consume_skb(skb);
	*skbp = out;
	return 0;
}

static int nlppp_pred1_decompress(struct nlppp_comp *c, struct nlppp_comp_dir *d,
				  struct sk_buff **skbp, unsigned int cap)
{
	struct nlppp_pred1 *st = d->state;
	struct sk_buff *skb = *skbp, *out;
	int n;

	out = alloc_skb(PPP_VJ_HDR_MAX + cap, GFP_ATOMIC);
	if (!out)
		return -ENOMEM;
	skb_reserve(out, PPP_VJ_HDR_MAX);
	n = ppp_pred1_decompress(&st->p, skb->data, skb->len, out->data, cap);
	if (n < 0) {
		kfree_skb(out);
		return -EBADMSG;
	}
	skb_put(out, n);
	consume_skb(skb);
	*skbp = out;
	return 0;
}

/*
 * ---- Deflate (RFC 1979, types 26 and 24) and BSD-Compress (RFC 1977) ----
 *
 * Both keep a history on each side: a packet that would not shrink goes
 * as is (its own protocol, not 0x00fd) yet joins the sender's history, so
 * the receiver feeds every data frame that came as is to ->incomp. Their
 * state is allocated here at configure time with GFP_KERNEL (the zlib
 * workspaces and the LZW tables are large: kvmalloc); a packet costs one
 * GFP_ATOMIC skb for the result, as in ppp_generic.
 */

static void *nlppp_deflate_alloc(const struct nlppp_ccp_cfg *cfg, bool compress)
{
	struct ppp_deflate *st = kzalloc(sizeof(*st), GFP_KERNEL);

	if (!st)
		return NULL;
	if (ppp_deflate_init(st, compress, cfg->deflate_window)) {
		kfree(st);
		return NULL;
	}
	return st;
}

static void *nlppp_deflate_tx_alloc(const struct nlppp_ccp_cfg *cfg)
{
	return nlppp_deflate_alloc(cfg, true);
}

static void *nlppp_deflate_rx_alloc(const struct nlppp_ccp_cfg *cfg)
{
	return nlppp_deflate_alloc(cfg, false);
}

static void nlppp_deflate_free(void *state)
{
	ppp_deflate_free(state);
	kfree(state);
}

static void nlppp_deflate_reset(void *state)
{
	ppp_deflate_reset(state);
}

struct nlppp_bsd {
	struct ppp_bsd b;
	void *table;
};

static void *nlppp_bsd_alloc(const struct nlppp_ccp_cfg *cfg, bool decompress)
{
	size_t size = ppp_bsd_mem(cfg->bsd_bits, decompress);
	struct nlppp_bsd *st;

	if (!size)
		return NULL;
	st = kzalloc(sizeof(*st), GFP_KERNEL);
	if (!st)
		return NULL;
	st->table = kvzalloc(size, GFP_KERNEL);
	if (!st->table || ppp_bsd_init(&st->b, cfg->bsd_bits, decompress, st->table, size)) {
		kvfree(st->table);
		kfree(st);
		return NULL;
	}
	return st;
}

static void *nlppp_bsd_tx_alloc(const struct nlppp_ccp_cfg *cfg)
{
	return nlppp_bsd_alloc(cfg, false);
}

static void *nlppp_bsd_rx_alloc(const struct nlppp_ccp_cfg *cfg)
{
	return nlppp_bsd_alloc(cfg, true);
}

static void nlppp_bsd_free(void *state)
{
	struct nlppp_bsd *st = state;

	kvfree(st->table);
	kfree(st);
}

static void nlppp_bsd_reset(void *state)
{
	struct nlppp_bsd *st = state;

	ppp_bsd_reset(&st->b);
}

/*
 * Compress into a new skb with @fn; 1: the compressor sent it as is (it
 * is in the history all the same).
 */
static int nlppp_hist_compress(struct nlppp_comp *c, struct sk_buff **skbp, void *state,
			       int (*fn)(void *state, const u8 *in, size_t len, u8 *out,
					 size_t cap))
{
	struct sk_buff *skb = *skbp, *out;
	size_t cap = ppp_deflate_max(skb->len);
	int n;

	out = alloc_skb(NLPPP_COMP_HEADROOM + cap, GFP_ATOMIC);
	if (!out)
		return -ENOMEM;
	skb_reserve(out, NLPPP_COMP_HEADROOM);
	n = fn(state, skb->data, skb->len, skb_tail_pointer(out), cap);
	if (n <= 0) {
		kfree_skb(out);
		if (n < 0)
			return n;
		nlppp_comp_count(c, NLPPP_A_STATS_COMP_TX_INCOMPRESSIBLE, 1);
		return 1;
	}
	skb_put(out, n);
	out->protocol = skb->protocol;
	out->dev = skb->dev;
	consume_skb(skb);
	*skbp = out;
	return 0;
}

/* Decompress into a new skb with @fn: -EBADMSG asks for a reset. */
static int nlppp_hist_decompress(struct sk_buff **skbp, unsigned int cap, void *state,
				 int (*fn)(void *state, const u8 *in, size_t len, u8 *out,
					   size_t cap))
{
	struct sk_buff *skb = *skbp, *out;
	int n;

	out = alloc_skb(PPP_VJ_HDR_MAX + cap, GFP_ATOMIC);
	if (!out)
		return -ENOMEM;
	skb_reserve(out, PPP_VJ_HDR_MAX);
	n = fn(state, skb->data, skb->len, out->data, cap);
	if (n < 0) {
		kfree_skb(out);
		return n == -EAGAIN ? -EAGAIN : -EBADMSG;
	}
	skb_put(out, n);
	consume_skb(skb);
	*skbp = out;
	return 0;
}

static int nlppp_deflate_fn_c(void *state, const u8 *in, size_t len, u8 *out, size_t cap)
{
	return ppp_deflate_compress(state, in, len, out, cap);
}

static int nlppp_deflate_fn_d(void *state, const u8 *in, size_t len, u8 *out, size_t cap)
{
	return ppp_deflate_decompress(state, in, len, out, cap);
}

static int nlppp_bsd_fn_c(void *state, const u8 *in, size_t len, u8 *out, size_t cap)
{
	return ppp_bsd_compress(&((struct nlppp_bsd *)state)->b, in, len, out, cap);
}

static int nlppp_bsd_fn_d(void *state, const u8 *in, size_t len, u8 *out, size_t cap)
{
	return ppp_bsd_decompress(&((struct nlppp_bsd *)state)->b, in, len, out, cap);
}

static int nlppp_deflate_compress(struct nlppp_comp *c, struct nlppp_comp_dir *d,
				  struct sk_buff **skbp)
{
	return nlppp_hist_compress(c, skbp, d->state, nlppp_deflate_fn_c);
}

static int nlppp_deflate_decompress(struct nlppp_comp *c, struct nlppp_comp_dir *d,
				    struct sk_buff **skbp, unsigned int cap)
{
	return nlppp_hist_decompress(skbp, cap, d->state, nlppp_deflate_fn_d);
}

static int nlppp_deflate_incomp(struct nlppp_comp *c, struct nlppp_comp_dir *d,
				struct sk_buff *skb)
{
	return ppp_deflate_incomp(d->state, skb->data, skb->len) ? -EBADMSG : 0;
}

static int nlppp_bsd_compress(struct nlppp_comp *c, struct nlppp_comp_dir *d,
			      struct sk_buff **skbp)
{
	return nlppp_hist_compress(c, skbp, d->state, nlppp_bsd_fn_c);
}

static int nlppp_bsd_decompress(struct nlppp_comp *c, struct nlppp_comp_dir *d,
				struct sk_buff **skbp, unsigned int cap)
{
	return nlppp_hist_decompress(skbp, cap, d->state, nlppp_bsd_fn_d);
}

static int nlppp_bsd_incomp(struct nlppp_comp *c, struct nlppp_comp_dir *d,
			    struct sk_buff *skb)
{
	struct nlppp_bsd *st = d->state;

	ppp_bsd_incomp(&st->b, skb->data, skb->len);
	return 0;
}

/*
 * Indexed by enum nlppp_ccp_method; NULL: not in this module.
 */
static const struct nlppp_comp_method nlppp_methods[2][__NLPPP_CCP_METHOD_MAX] = {
	[0] = {	/* receive */
		[NLPPP_CCP_MPPE] = {
			.alloc = nlppp_mppe_alloc, .free = nlppp_mppe_free,
			.decompress = nlppp_mppe_decompress, .reset = nlppp_mppe_rx_reset,
			.self_sync = true,
		},
		[NLPPP_CCP_PRED1] = {
			.alloc = nlppp_pred1_alloc, .free = nlppp_pred1_free,
			.decompress = nlppp_pred1_decompress, .reset = nlppp_pred1_reset,
		},
		[NLPPP_CCP_DEFLATE] = {
			.alloc = nlppp_deflate_rx_alloc, .free = nlppp_deflate_free,
			.decompress = nlppp_deflate_decompress, .reset = nlppp_deflate_reset,
			.incomp = nlppp_deflate_incomp,
		},
		[NLPPP_CCP_DEFLATE_DRAFT] = {
			.alloc = nlppp_deflate_rx_alloc, .free = nlppp_deflate_free,
			.decompress = nlppp_deflate_decompress, .reset = nlppp_deflate_reset,
			.incomp = nlppp_deflate_incomp,
		},
		[NLPPP_CCP_BSD] = {
			.alloc = nlppp_bsd_rx_alloc, .free = nlppp_bsd_free,
			.decompress = nlppp_bsd_decompress, .reset = nlppp_bsd_reset,
			.incomp = nlppp_bsd_incomp,
		},
	},
	[1] = {	/* transmit */
		[NLPPP_CCP_MPPE] = {
			.alloc = nlppp_mppe_alloc, .free = nlppp_mppe_free,
			.compress = nlppp_mppe_compress, .reset = nlppp_mppe_reset,
		},
		[NLPPP_CCP_PRED1] = {
			.alloc = nlppp_pred1_alloc, .free = nlppp_pred1_free,
			.compress = nlppp_pred1_compress, .reset = nlppp_pred1_reset,
			.overhead = PPP_PRED1_OVERHEAD,
		},
		/* Never longer than the packet: no overhead, all in the history. */
		[NLPPP_CCP_DEFLATE] = {
			.alloc = nlppp_deflate_tx_alloc, .free = nlppp_deflate_free,
			.compress = nlppp_deflate_compress, .reset = nlppp_deflate_reset,
		},
		[NLPPP_CCP_DEFLATE_DRAFT] = {
			.alloc = nlppp_deflate_tx_alloc, .free = nlppp_deflate_free,
			.compress = nlppp_deflate_compress, .reset = nlppp_deflate_reset,
		},
		[NLPPP_CCP_BSD] = {
			.alloc = nlppp_bsd_tx_alloc, .free = nlppp_bsd_free,
			.compress = nlppp_bsd_compress, .reset = nlppp_bsd_reset,
		},
	},
};

/* ---- configuration ---- */

/* Does this module have @method (enum nlppp_ccp_method) for that direction? */
bool nlppp_comp_has_method(bool tx, u8 method)
{
	return method == NLPPP_CCP_NONE ||
	       (method < __NLPPP_CCP_METHOD_MAX && nlppp_methods[tx][method].alloc);
}

void nlppp_comp_init(struct nlppp_comp *c)
{
	spin_lock_init(&c->tx.lock);
	spin_lock_init(&c->rx.lock);
	spin_lock_init(&c->vj_lock);
}

static void nlppp_comp_update_flags(struct nlppp_comp *c)
{
	WRITE_ONCE(c->tx_on, c->tx.m || c->tx.cfg.required);
	WRITE_ONCE(c->rx_on, c->rx.m || c->rx.cfg.required);
	WRITE_ONCE(c->rx_required, c->rx.cfg.required);
	WRITE_ONCE(c->rx_hist, c->rx.m && c->rx.m->incomp);
}

/*
 * Replace one direction's method with @cfg (NLPPP_CCP_NONE: none); its
 * history starts empty. @cfg's key is wiped whatever happens.
 */
int nlppp_comp_set(struct nlppp_comp *c, bool tx, struct nlppp_ccp_cfg *cfg,
		   struct netlink_ext_ack *extack)
{
	struct nlppp_comp_dir *d = tx ? &c->tx : &c->rx;
	const struct nlppp_comp_method *m = NULL, *old_m;
	void *state = NULL, *old;
	int ret = 0;

	if (cfg->method != NLPPP_CCP_NONE) {
		m = &nlppp_methods[tx][cfg->method];
		if (!m->alloc) {
			NL_SET_ERR_MSG(extack, "this module has no such compression method");
			ret = -EOPNOTSUPP;
			goto out_wipe;
		}
		state = m->alloc(cfg);
		if (!state) {
			ret = -ENOMEM;
			goto out_wipe;
		}
	}
	memzero_explicit(cfg->mppe_key, sizeof(cfg->mppe_key));

	spin_lock_bh(&d->lock);
	old_m = d->m;
	old = d->state;
	d->m = m;
	d->state = state;
	d->cfg = *cfg;
	d->need_reset = false;
	d->far_jump = 0;
	nlppp_comp_update_flags(c);
	spin_unlock_bh(&d->lock);
	if (old_m)
		old_m->free(old);
	return 0;

out_wipe:
	memzero_explicit(cfg->mppe_key, sizeof(cfg->mppe_key));
	return ret;
}

void nlppp_comp_reset(struct nlppp_comp *c, bool tx)
{
	struct nlppp_comp_dir *d = tx ? &c->tx : &c->rx;

	spin_lock_bh(&d->lock);
	if (d->m)
		d->m->reset(d->state);
	d->need_reset = false;
	spin_unlock_bh(&d->lock);
	nlppp_comp_count(c, tx ? NLPPP_A_STATS_COMP_TX_RESETS :
				 NLPPP_A_STATS_COMP_RX_RESETS, 1);
}

int nlppp_comp_set_vj(struct nlppp_comp *c, const struct nlppp_vj_cfg *cfg)
{
	struct ppp_vj *vj = NULL, *old;
	struct ppp_vj_slot *slots;

	if (cfg->tx_slots || cfg->rx_slots) {
		vj = kvzalloc(sizeof(*vj) + (cfg->tx_slots + cfg->rx_slots) * sizeof(*slots),
			      GFP_KERNEL);
		if (!vj)
			return -ENOMEM;
		slots = (struct ppp_vj_slot *)(vj + 1);
		ppp_vj_init(vj, slots, cfg->tx_slots, cfg->tx_cid_comp,
			    slots + cfg->tx_slots, cfg->rx_slots);
	}
	spin_lock_bh(&c->vj_lock);
	old = c->vj;
	c->vj = vj;
	c->vj_cfg = *cfg;
	WRITE_ONCE(c->vj_tx_on, cfg->tx_slots != 0);
	WRITE_ONCE(c->vj_rx_on, cfg->rx_slots != 0);
	spin_unlock_bh(&c->vj_lock);
	kvfree(old);
	return 0;
}

void nlppp_comp_get_cfg(struct nlppp_comp *c, bool tx, struct nlppp_ccp_cfg *cfg)
{
	struct nlppp_comp_dir *d = tx ? &c->tx : &c->rx;

	spin_lock_bh(&d->lock);
	*cfg = d->cfg;
	spin_unlock_bh(&d->lock);
}

void nlppp_comp_get_vj(struct nlppp_comp *c, struct nlppp_vj_cfg *cfg)
{
	spin_lock_bh(&c->vj_lock);
	*cfg = c->vj_cfg;
	spin_unlock_bh(&c->vj_lock);
}

void nlppp_comp_get_stats(struct nlppp_comp *c, u64 *stats)
{
	int i;

	for (i = NLPPP_A_STATS_COMP_TX_IN; i < __NLPPP_A_STATS_MAX; i++)
		stats[i] = atomic64_read(&c->stats[i]);
}

/* The bundle is going: no data path runs any more. */
void nlppp_comp_uninit(struct nlppp_comp *c)
{
	struct nlppp_vj_cfg novj = {};
	struct nlppp_ccp_cfg none = {};

	nlppp_comp_set(c, true, &none, NULL);
	nlppp_comp_set(c, false, &none, NULL);
	nlppp_comp_set_vj(c, &novj);
}

/* ---- transmit ---- */

static u16 nlppp_vj_xmit(struct nlppp_comp *c, struct sk_buff *skb)
{
	size_t start = 0;
	u16 proto = PPP_PROTO_IP;

	spin_lock_bh(&c->vj_lock);
	if (c->vj && c->vj->tx_slots)
		proto = ppp_vj_compress(c->vj, skb->data, skb->len, &start);
	spin_unlock_bh(&c->vj_lock);
	if (proto == PPP_PROTO_VJC) {
		skb_pull(skb, start);
		nlppp_comp_count(c, NLPPP_A_STATS_VJ_TX_COMPRESSED, 1);
	} else if (proto == PPP_PROTO_VJUC) {
		nlppp_comp_count(c, NLPPP_A_STATS_VJ_TX_UNCOMPRESSED, 1);
	}
	return proto;
}

/*
 * A data packet of protocol *@proto on its way to the link, after its NP
 * mode passed it; @mtu is the device's. Returns what to send (and *@proto its protocol), or
 * NULL: dropped and freed.
 */
struct sk_buff *nlppp_comp_xmit(struct nlppp_comp *c, struct sk_buff *skb, u16 *proto,
				unsigned int mtu)
{
	struct nlppp_comp_dir *d = &c->tx;
	unsigned int len;
	int ret;

	bool vj = *proto == PPP_PROTO_IP && READ_ONCE(c->vj_tx_on);

	if (!vj && !READ_ONCE(c->tx_on))
		return skb;
	/* Both rewrite the packet in place: a TCP clone gets its own copy. */
	if (skb_linearize(skb) || skb_cow_head(skb, NLPPP_COMP_HEADROOM) ||
	    skb_ensure_writable(skb, skb->len))
		goto drop;
	if (vj)
		*proto = nlppp_vj_xmit(c, skb);
	if (!READ_ONCE(c->tx_on))
		return skb;

	put_unaligned_be16(*proto, skb_push(skb, 2));
	len = skb->len;
	spin_lock_bh(&d->lock);
	if (!d->m) {
		ret = d->cfg.required ? -EPERM : 1;
	} else if (d->m->overhead && len + d->m->overhead > mtu + 2) {
		nlppp_comp_count(c, NLPPP_A_STATS_COMP_TX_INCOMPRESSIBLE, 1);
		ret = 1;
	} else {
		ret = d->m->compress(c, d, &skb);
		if (!ret)
			nlppp_comp_count(c, NLPPP_A_STATS_COMP_TX_OUT, skb->len);
	}
	spin_unlock_bh(&d->lock);
	if (ret == 1) {		/* as is: too big, or switched off meanwhile */
		skb_pull(skb, 2);
		return skb;
	}
	if (ret) {
		if (ret == -EPERM)
			nlppp_comp_count(c, NLPPP_A_STATS_COMP_REQUIRED_DROPS, 1);
		goto drop;
	}
	nlppp_comp_count(c, NLPPP_A_STATS_COMP_TX_IN, len);
	*proto = NLPPP_PROTO_COMP;
	return skb;

drop:
	kfree_skb(skb);
	return NULL;
}

/* ---- receive ---- */

/* Does the bundle take frames of @proto (beyond IPv4 and IPv6) now? */
bool nlppp_comp_rx_wants(struct nlppp_comp *c, u16 proto)
{
	if (proto == NLPPP_PROTO_COMP)
		return READ_ONCE(c->rx_on);
	return READ_ONCE(c->vj_rx_on);
}

/* May IPv4/IPv6 arrive outside 0x00fd? Not when the direction is REQUIRED. */
bool nlppp_comp_rx_plain_ok(struct nlppp_comp *c)
{
	if (!READ_ONCE(c->rx_required))
		return true;
	nlppp_comp_count(c, NLPPP_A_STATS_COMP_REQUIRED_DROPS, 1);
	return false;
}

/* Decompress/decrypt the 0x00fd frame in *@skbp; 0, or -errno with the skb freed. */
static int nlppp_ccp_rx(struct nlppp_bundle *bundle, struct sk_buff **skbp)
{
	struct nlppp_comp *c = &bundle->comp;
	struct nlppp_comp_dir *d = &c->rx;
	unsigned int len = (*skbp)->len;
	bool tell = false;
	int ret;

	spin_lock_bh(&d->lock);
	if (!d->m) {
		ret = -EPROTO;
	} else if (d->need_reset && !d->m->self_sync) {
		/* A compressor's history is out of step until the reset. */
		nlppp_comp_count(c, NLPPP_A_STATS_COMP_RX_ERRORS, 1);
		ret = -EAGAIN;
	} else {
		/* The decompressed packet fits the MRU with a 2-byte protocol. */
		ret = d->m->decompress(c, d, skbp, READ_ONCE(bundle->mru) + 2);
		if (ret == -EBADMSG) {
			tell = !d->need_reset;
			d->need_reset = true;
		}
	}
	spin_unlock_bh(&d->lock);

	if (!ret) {
		nlppp_comp_count(c, NLPPP_A_STATS_COMP_RX_IN, len);
		nlppp_comp_count(c, NLPPP_A_STATS_COMP_RX_OUT, (*skbp)->len);
		return 0;
	}
	if (ret == -EBADMSG)
		nlppp_comp_count(c, NLPPP_A_STATS_COMP_RX_ERRORS, 1);
	if (tell)
		nlppp_nl_ccp_error(bundle);
	kfree_skb(*skbp);
	*skbp = NULL;
	return ret;
}

/*
 * A data frame of @proto that came as is (its PPP header pulled): when the
 * receive method keeps a history, the frame joins it, with its protocol
 * field in full in front, as the peer's compressor took it. Never drops
 * the frame: a failure only asks for a reset.
 */
void nlppp_comp_rx_incomp(struct nlppp_bundle *bundle, struct sk_buff *skb, u16 proto)
{
	struct nlppp_comp *c = &bundle->comp;
	struct nlppp_comp_dir *d = &c->rx;
	bool tell = false;
	int ret = 0;

	if (!READ_ONCE(c->rx_hist))
		return;
	if (skb_linearize(skb) || skb_cow_head(skb, 2))
		ret = -EBADMSG;		/* the history misses it all the same */
	spin_lock_bh(&d->lock);
	if (d->m && d->m->incomp && !d->need_reset) {
		if (!ret) {
			put_unaligned_be16(proto, skb_push(skb, 2));
			ret = d->m->incomp(c, d, skb);
			skb_pull(skb, 2);
		}
		if (ret) {
			tell = true;
			d->need_reset = true;
		}
	}
	spin_unlock_bh(&d->lock);
	if (tell) {
		nlppp_comp_count(c, NLPPP_A_STATS_COMP_RX_ERRORS, 1);
		nlppp_nl_ccp_error(bundle);
	}
}

/* Rebuild a VJ frame into the IPv4 packet; 0, or -errno with the skb freed. */
static int nlppp_vj_rx(struct nlppp_comp *c, struct sk_buff *skb, u16 proto)
{
	unsigned int off, len = skb->len;
	size_t start = 0;
	int ret = -EINVAL;

	if (skb_cow_head(skb, PPP_VJ_HDR_MAX) || skb_ensure_writable(skb, len)) {
		kfree_skb(skb);
		return -ENOMEM;
	}
	off = skb_headroom(skb);
	spin_lock_bh(&c->vj_lock);
	if (c->vj && c->vj->rx_slots) {
		if (proto == PPP_PROTO_VJUC)
			ret = ppp_vj_uncompressed(c->vj, skb->data, len);
		else
			ret = ppp_vj_decompress(c->vj, skb->head, off, len, &start);
	}
	spin_unlock_bh(&c->vj_lock);

	if (ret < 0) {
		nlppp_comp_count(c, NLPPP_A_STATS_VJ_RX_ERRORS, 1);
		kfree_skb(skb);
		return ret;
	}
	if (proto == PPP_PROTO_VJUC) {
		nlppp_comp_count(c, NLPPP_A_STATS_VJ_RX_UNCOMPRESSED, 1);
		return 0;
	}
	/* The header grew in front of the data, which stayed where it was. */
	if (start > off || ret != len + (off - start)) {
		nlppp_comp_count(c, NLPPP_A_STATS_VJ_RX_ERRORS, 1);
		kfree_skb(skb);
		return -EINVAL;
	}
	skb_push(skb, off - start);
	nlppp_comp_count(c, NLPPP_A_STATS_VJ_RX_COMPRESSED, 1);
	return 0;
}

/* The protocol field inside a 0x00fd frame: 1 byte when the peer used PFC. */
static int nlppp_inner_proto(struct sk_buff *skb, u16 *proto)
{
	if (skb->len >= 1 && (skb->data[0] & 1)) {
		*proto = skb->data[0];
		return 1;
	}
	if (skb->len < 3 || !(skb->data[1] & 1))
		return -EINVAL;
	*proto = get_unaligned_be16(skb->data);
	return 2;
}

/*
 * A frame the bundle took for the pipeline (0x00fd, 0x002d, 0x002f), its
 * PPP header pulled. Returns 0 with *@skbp the packet of protocol *@proto
 * (IPv4 or IPv6), or -errno: dropped, counted, freed.
 */
int nlppp_comp_rx(struct nlppp_bundle *bundle, struct sk_buff **skbp, u16 *proto)
{
	struct nlppp_comp *c = &bundle->comp;
	int ret;

	/* Every stage works in place (decryption, header rebuilding). */
	if (skb_linearize(*skbp) || skb_ensure_writable(*skbp, (*skbp)->len)) {
		kfree_skb(*skbp);
		return -ENOMEM;
	}
	if (*proto == NLPPP_PROTO_COMP) {
		ret = nlppp_ccp_rx(bundle, skbp);
		if (ret)
			return ret;
		ret = nlppp_inner_proto(*skbp, proto);
		if (ret < 0 || (*proto != PPP_PROTO_IP && *proto != PPP_PROTO_IPV6 &&
				*proto != PPP_PROTO_VJC && *proto != PPP_PROTO_VJUC)) {
			/* Only data is ever compressed; anything else is garbage. */
			nlppp_comp_count(c, NLPPP_A_STATS_COMP_RX_ERRORS, 1);
			kfree_skb(*skbp);
			return -EPROTO;
		}
		skb_pull(*skbp, ret);
	} else {
		/* VJ in the clear is plain data: refused when encryption is required. */
		if (!nlppp_comp_rx_plain_ok(c)) {
			kfree_skb(*skbp);
			return -EPERM;
		}
		nlppp_comp_rx_incomp(bundle, *skbp, *proto);
	}
	if (*proto == PPP_PROTO_VJC || *proto == PPP_PROTO_VJUC) {
		ret = nlppp_vj_rx(c, *skbp, *proto);
		if (ret)
			return ret;
		*proto = PPP_PROTO_IP;
	}
	return 0;
}
