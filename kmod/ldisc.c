// SPDX-License-Identifier: GPL-2.0
/*
 * The nlppp tty line discipline. Setting it on a tty creates an unclaimed
 * link; NLPPP_IOC_LINK_COOKIE tells the fd holder the cookie that claims it
 * over netlink. Async links use libppp's HDLC encoder and resumable
 * decoder; sync links pass frames as the driver delivers them.
 *
 * Transmit: frames are encoded when queued, under tx_lock, and written to
 * the tty by a work item, never directly: write_wakeup may be called from
 * the driver's interrupt handler with its port lock held, where calling
 * back into ->write() would deadlock. The backlog is bounded; when full the
 * bundle's queue is stopped and the work wakes it once half is drained.
 * When the tty is full the work waits for write_wakeup, with a timer as a
 * safety net. A pty only wakes its writer when the reader "unthrottles",
 * so receive_buf does that every time (everything is consumed at once).
 * Sync frames go one at a time: a pty hands its reader everything written
 * since its last read in one piece, and pppd's N_SYNC_PPP takes each piece
 * as one frame, so two frames written back to back are lost together. After
 * a sync frame the work waits for write_wakeup (the reader took it), or,
 * for drivers that never call back, a short timer and an empty driver
 * buffer. Async frames still go out as many as the tty takes.
 *
 * Receive: receive_buf runs the decoder under rx_lock, which also guards
 * the decoder's configuration against LINK_SET; good frames are copied
 * into skbs and dispatched by the link code after the lock is dropped.
 *
 * Life cycle: the ldisc holds the link's reference. Hangup reports the link
 * down and stops transmission; close (always called, also after hangup)
 * cancels the work and drops the reference.
 */
#include "ldisc.h"
#include "link.h"
#include "main.h"

#include <linux/capability.h>
#include <linux/module.h>
#include <linux/nsproxy.h>
#include <linux/slab.h>
#include <linux/tty.h>
#include <linux/tty_ldisc.h>
#include <net/net_namespace.h>
#include <libppp/hdlc.h>
#include <libppp/ppp.h>

enum {
	NLPPP_TTY_RECEIVE_ROOM = 65536,
	NLPPP_FCS_MAX = 4,
	NLPPP_TX_RETRY = HZ / 10,	/* jiffies: recheck a full tty this often */
	NLPPP_SYNC_DRAIN = DIV_ROUND_UP(HZ, 100),	/* ~10 ms: a sync frame's wait */
	NLPPP_TX_WOKEN = 0,		/* tx_flags: write_wakeup came */
};

struct nlppp_tty {
	struct nlppp_link link;
	struct tty_struct *tty;		/* valid from open to close */

	/* Protects txq, tx_cur, tx_dead, tx_stopped, tx_type, tx_inflight, tx_sent and hdlc_tx. */
	spinlock_t tx_lock;
	struct sk_buff_head txq;	/* framed, waiting for the tty */
	struct sk_buff *tx_cur;		/* partly written head of the queue */
	bool tx_dead;			/* hung up or closing: queue nothing more */
	bool tx_stopped;		/* we stopped the bundle's queue */
	bool tx_inflight;		/* a sync frame written, not known read */
	unsigned long tx_sent;		/* jiffies: when it was written */
	unsigned long tx_flags;		/* NLPPP_TX_WOKEN, atomic bitops */
	u8 tx_type;
	struct ppp_hdlc_tx hdlc_tx;
	struct delayed_work tx_work;	/* writes txq to the tty */

	/* Protects the decoder: state, buffer and configuration. */
	spinlock_t rx_lock;
	u8 rx_type;
	struct ppp_hdlc_rx hdlc_rx;
	struct ppp_sync_rx sync_rx;	/* shares hdlc_rx's buffer */
	u64 rx_errors;			/* bytes the driver flagged (parity, overrun) */
};

static struct nlppp_tty *nlppp_tty_of(struct nlppp_link *link)
{
	return container_of(link, struct nlppp_tty, link);
}

/* The largest frame the buffer holds, less a 1-byte protocol, is one PAYLOAD. */
static_assert(NLPPP_LINK_MRU_MAX + PPP_HDR_MAX + NLPPP_FCS_MAX - 1 <= NLPPP_PAYLOAD_MAX);

/* The decoder buffer: RFC 1661 asks to accept 1500 bytes whatever the MRU. */
static size_t nlppp_rx_cap(u16 mru)
{
	return max_t(size_t, mru, PPP_MRU_DEFAULT) + PPP_HDR_MAX + NLPPP_FCS_MAX;
}

/*
 * Will the driver never take @len bytes in one write? When it reports what
 * it holds, that plus its room is all it will ever offer (a serial port's
 * transmit buffer); a driver without write_room offers a fixed 2 KiB. What
 * it holds is read first: it only shrinks meanwhile, so the sum is never
 * short. A pty reports room alone, which is its peer's free input space
 * (up to 640 KiB, more than any frame of ours): there a frame waits.
 */
static bool nlppp_tty_never_fits(struct tty_struct *tty, unsigned int len)
{
	unsigned int held;

	if (tty->ops->write_room && !tty->ops->chars_in_buffer)
		return false;
	if (tty->flow.stopped || tty->flow.tco_stopped || tty->hw_stopped)
		return false;
	held = tty_chars_in_buffer(tty);
	return held + tty_write_room(tty) < len;
}

/*
 * Has the sync frame last written left the tty? write_wakeup says the reader
 * took it (a pty calls it from the reader's side once it has read); without
 * one, after NLPPP_SYNC_DRAIN, a driver buffer found empty does. Otherwise
 * the work is set to look again.
 */
static bool nlppp_tty_sync_drained(struct nlppp_tty *t)
{
	unsigned long now = jiffies, due = t->tx_sent + NLPPP_SYNC_DRAIN;

	if (test_and_clear_bit(NLPPP_TX_WOKEN, &t->tx_flags))
		return true;
	if (time_after_eq(now, due)) {
		if (!tty_chars_in_buffer(t->tty))
			return true;
		due = now + NLPPP_SYNC_DRAIN;
	}
	queue_delayed_work(system_unbound_wq, &t->tx_work, due - now);
	return false;
}

static void nlppp_tty_tx_work(struct work_struct *work)
{
	struct nlppp_tty *t = container_of(to_delayed_work(work),
					   struct nlppp_tty, tx_work);
	struct tty_struct *tty = t->tty;
	struct sk_buff *skb;
	int n;

	spin_lock_bh(&t->tx_lock);
	while (!t->tx_dead) {
		if (t->tx_inflight) {
			if (t->tx_type == NLPPP_LINK_SYNC && !nlppp_tty_sync_drained(t))
				break;
			t->tx_inflight = false;
		}
		skb = t->tx_cur ?: __skb_dequeue(&t->txq);
		t->tx_cur = NULL;
		if (!skb)
			break;
		/* Ask for write_wakeup before writing, so room freed meanwhile is seen. */
		clear_bit(NLPPP_TX_WOKEN, &t->tx_flags);
		set_bit(TTY_DO_WRITE_WAKEUP, &tty->flags);
		/* A sync frame goes in one piece or waits for room: never split. */
		if (t->tx_type == NLPPP_LINK_SYNC && tty_write_room(tty) < skb->len) {
			if (nlppp_tty_never_fits(tty, skb->len)) {
				/* Waiting would block LCP behind it for good. */
				nlppp_link_count(&t->link, NLPPP_A_STATS_TX_TOOBIG, 1);
				nlppp_link_count(&t->link, NLPPP_A_STATS_TX_DROPPED, 1);
				kfree_skb(skb);
				continue;
			}
			n = 0;
		} else {
			n = tty->ops->write(tty, skb->data, skb->len);
		}
		if (n < 0) {
			nlppp_link_count(&t->link, NLPPP_A_STATS_TX_DROPPED, 1);
			kfree_skb(skb);
			continue;
		}
		if (n < skb->len && t->tx_type == NLPPP_LINK_SYNC && n) {
			/* A sync driver takes whole frames; a short write is its loss. */
			n = skb->len;
		}
		skb_pull(skb, n);
		if (skb->len) {
			/*
			 * The tty is full: write_wakeup will call us back. The
			 * timer is a safety net for drivers that forget to.
			 */
			t->tx_cur = skb;
			queue_delayed_work(system_unbound_wq, &t->tx_work,
					   NLPPP_TX_RETRY);
			break;
		}
		consume_skb(skb);
		if (t->tx_type == NLPPP_LINK_SYNC) {
			/* The next frame waits until the reader has this one. */
			t->tx_inflight = true;
			t->tx_sent = jiffies;
		}
	}
	if (t->tx_stopped && skb_queue_len(&t->txq) <= READ_ONCE(nlppp_tx_backlog) / 2) {
		t->tx_stopped = false;
		nlppp_link_tx_wake(&t->link);
	}
	spin_unlock_bh(&t->tx_lock);
}

/*
 * Frame and queue @skb (PPP header + information field, linear). Called
 * with BHs disabled, from the device's transmit or for a control frame.
 */
static int nlppp_tty_xmit(struct nlppp_link *link, struct sk_buff *skb, bool ctrl)
{
	struct nlppp_tty *t = nlppp_tty_of(link);
	unsigned int backlog = READ_ONCE(nlppp_tx_backlog);
	struct sk_buff *out = NULL;
	int ret = 0;

	/* The encoder and the tty take flat bytes. */
	if (skb_linearize(skb)) {
		kfree_skb(skb);
		return -ENOMEM;
	}
	/* Sized outside the lock; the type may change meanwhile: recheck. */
	if (READ_ONCE(t->tx_type) == NLPPP_LINK_ASYNC) {
		out = alloc_skb(ppp_hdlc_encode_max(skb->len), GFP_ATOMIC);
		if (!out) {
			kfree_skb(skb);
			return -ENOMEM;
		}
	}

	spin_lock(&t->tx_lock);
	if (t->tx_dead) {
		ret = -ENOTCONN;
		goto out_unlock;
	}
	/* Control frames may overshoot: LCP must get through a full queue. */
	if (skb_queue_len(&t->txq) >= (ctrl ? 2 * backlog + 8 : backlog)) {
		/* A bundle attached while we were full has a running queue. */
		if (!ctrl) {
			t->tx_stopped = true;
			nlppp_link_tx_stop(link);
		}
		ret = -ENOBUFS;
		goto out_unlock;
	}
	if (t->tx_type == NLPPP_LINK_ASYNC) {
		bool open_flag = skb_queue_empty(&t->txq) && !t->tx_cur;

		if (!out) {
			ret = -EAGAIN;
			goto out_unlock;
		}
		skb_put(out, ppp_hdlc_encode(&t->hdlc_tx, skb->data, skb->len,
					     out->data, open_flag));
		__skb_queue_tail(&t->txq, out);
		out = NULL;
	} else {
		__skb_queue_tail(&t->txq, skb);
		skb = NULL;
	}
	if (skb_queue_len(&t->txq) >= backlog && !t->tx_stopped) {
		t->tx_stopped = true;
		nlppp_link_tx_stop(link);
	}
	/* Unless waiting for room or a read, which write_wakeup reports. */
	if (!t->tx_cur && !t->tx_inflight)
		mod_delayed_work(system_unbound_wq, &t->tx_work, 0);

out_unlock:
	spin_unlock(&t->tx_lock);
	kfree_skb(out);
	if (skb) {
		if (ret)
			kfree_skb(skb);
		else
			consume_skb(skb);
	}
	return ret;
}

static int nlppp_tty_configure(struct nlppp_link *link,
			       const struct nlppp_link_cfg *cfg)
{
	struct nlppp_tty *t = nlppp_tty_of(link);
	u8 *buf = NULL, *old = NULL;
	bool fcs32 = cfg->lflags & NLPPP_LF_FCS32;
	size_t cap = nlppp_rx_cap(cfg->mru);

	lockdep_assert_held(&nlppp_lock);
	if (cap != t->hdlc_rx.cap) {
		buf = kmalloc(cap, GFP_KERNEL);
		if (!buf)
			return -ENOMEM;
	}

	spin_lock_bh(&t->tx_lock);
	WRITE_ONCE(t->tx_type, cfg->type);
	memcpy(t->hdlc_tx.map, cfg->tx_accm, sizeof(t->hdlc_tx.map));
	t->hdlc_tx.fcs32 = fcs32;
	spin_unlock_bh(&t->tx_lock);

	spin_lock_bh(&t->rx_lock);
	if (t->rx_type != cfg->type || t->hdlc_rx.fcs32 != fcs32 || buf) {
		/* Whatever was half collected was framed the old way. */
		t->hdlc_rx.len = 0;
		t->hdlc_rx.escaped = false;
		t->hdlc_rx.discard = true;
		ppp_sync_rx_reset(&t->sync_rx);
	}
	if (buf) {
		old = t->hdlc_rx.buf;
		t->hdlc_rx.buf = t->sync_rx.buf = buf;
		t->hdlc_rx.cap = t->sync_rx.cap = cap;
	}
	t->rx_type = cfg->type;
	t->hdlc_rx.accm = cfg->rx_accm;
	t->hdlc_rx.fcs32 = fcs32;
	spin_unlock_bh(&t->rx_lock);
	kfree(old);
	return 0;
}

static void nlppp_tty_get_stats(struct nlppp_link *link, u64 *stats)
{
	struct nlppp_tty *t = nlppp_tty_of(link);
	struct ppp_hdlc_rx_stats s;

	spin_lock_bh(&t->rx_lock);
	s = t->hdlc_rx.stats;
	stats[NLPPP_A_STATS_RX_OVERRUNS] += t->sync_rx.stats.oversize;
	stats[NLPPP_A_STATS_RX_FRAME_ERRORS] += t->sync_rx.stats.runts;
	stats[NLPPP_A_STATS_RX_FRAME_ERRORS] += t->rx_errors;
	spin_unlock_bh(&t->rx_lock);
	stats[NLPPP_A_STATS_RX_FCS_ERRORS] += s.fcs_errors;
	stats[NLPPP_A_STATS_RX_FRAME_ERRORS] += s.runts;
	stats[NLPPP_A_STATS_RX_OVERRUNS] += s.oversize;
	stats[NLPPP_A_STATS_RX_ABORTS] += s.aborts;
}

static void nlppp_tty_free(struct nlppp_link *link)
{
	struct nlppp_tty *t = nlppp_tty_of(link);

	kfree(t->hdlc_rx.buf);
	kfree(t);
}

static const struct nlppp_link_ops nlppp_tty_link_ops = {
	.xmit = nlppp_tty_xmit,
	.configure = nlppp_tty_configure,
	.get_stats = nlppp_tty_get_stats,
	.free = nlppp_tty_free,
};

/*
 * TIOCSETD, in the process setting the discipline. It takes the same
 * privilege as the netlink commands (CAP_NET_ADMIN over its netns): the
 * link it makes feeds the decoder and can become a network interface's.
 */
static int nlppp_ldisc_open(struct tty_struct *tty)
{
	struct net *net = current->nsproxy->net_ns;
	struct nlppp_tty *t;
	size_t cap;
	u8 *buf;

	if (!ns_capable(net->user_ns, CAP_NET_ADMIN))
		return -EPERM;
	if (!tty->ops->write)
		return -EOPNOTSUPP;

	t = kzalloc(sizeof(*t), GFP_KERNEL);
	if (!t)
		return -ENOMEM;
	if (nlppp_link_init(&t->link, &nlppp_tty_link_ops, net)) {
		kfree(t);
		return -ENOMEM;
	}
	cap = nlppp_rx_cap(t->link.cfg.mru);
	buf = kmalloc(cap, GFP_KERNEL);
	if (!buf) {
		nlppp_link_uninit(&t->link);
		kfree(t);
		return -ENOMEM;
	}
	t->tty = tty;
	spin_lock_init(&t->tx_lock);
	skb_queue_head_init(&t->txq);
	INIT_DELAYED_WORK(&t->tx_work, nlppp_tty_tx_work);
	t->tx_type = t->link.cfg.type;
	memcpy(t->hdlc_tx.map, t->link.cfg.tx_accm, sizeof(t->hdlc_tx.map));
	spin_lock_init(&t->rx_lock);
	t->rx_type = t->link.cfg.type;
	ppp_hdlc_rx_init(&t->hdlc_rx, buf, cap, t->link.cfg.rx_accm, false);
	ppp_sync_rx_init(&t->sync_rx, buf, cap);

	tty->disc_data = t;
	tty->receive_room = NLPPP_TTY_RECEIVE_ROOM;
	nlppp_link_register(&t->link);
	return 0;
}

/* Stop transmitting for good; what is queued is dropped. */
static void nlppp_tty_shutdown(struct nlppp_tty *t)
{
	spin_lock_bh(&t->tx_lock);
	t->tx_dead = true;
	spin_unlock_bh(&t->tx_lock);
	cancel_delayed_work_sync(&t->tx_work);
	spin_lock_bh(&t->tx_lock);
	__skb_queue_purge(&t->txq);
	kfree_skb(t->tx_cur);
	t->tx_cur = NULL;
	spin_unlock_bh(&t->tx_lock);
}

static void nlppp_ldisc_close(struct tty_struct *tty)
{
	struct nlppp_tty *t = tty->disc_data;

	if (!t)
		return;
	nlppp_link_unregister(&t->link, NLPPP_DOWN_HANGUP);
	nlppp_tty_shutdown(t);
	tty->disc_data = NULL;
	nlppp_link_put(&t->link);
}

static void nlppp_ldisc_hangup(struct tty_struct *tty)
{
	struct nlppp_tty *t = tty->disc_data;

	if (!t)
		return;
	nlppp_link_unregister(&t->link, NLPPP_DOWN_HANGUP);
	nlppp_tty_shutdown(t);
}

static void nlppp_ldisc_flush_buffer(struct tty_struct *tty)
{
	struct nlppp_tty *t = tty->disc_data;

	if (!t)
		return;
	spin_lock_bh(&t->rx_lock);
	t->hdlc_rx.len = 0;
	t->hdlc_rx.escaped = false;
	t->hdlc_rx.discard = true;
	ppp_sync_rx_reset(&t->sync_rx);
	spin_unlock_bh(&t->rx_lock);
}

static void nlppp_tty_flush_output(struct nlppp_tty *t)
{
	spin_lock_bh(&t->tx_lock);
	__skb_queue_purge(&t->txq);
	if (t->tx_stopped) {
		t->tx_stopped = false;
		nlppp_link_tx_wake(&t->link);
	}
	spin_unlock_bh(&t->tx_lock);
}

static int nlppp_ldisc_ioctl(struct tty_struct *tty, unsigned int cmd,
			     unsigned long arg)
{
	struct nlppp_tty *t = tty->disc_data;

	if (!t)
		return -ENXIO;
	switch (cmd) {
	case NLPPP_IOC_LINK_COOKIE:
		return put_user(t->link.cookie, (u64 __user *)arg);
	case TCFLSH:
		if (arg == TCOFLUSH || arg == TCIOFLUSH)
			nlppp_tty_flush_output(t);
		break;
	}
	return n_tty_ioctl_helper(tty, cmd, arg);
}

struct nlppp_rx_ctx {
	struct nlppp_tty *t;
	struct sk_buff_head frames;
};

static void nlppp_rx_frame(void *arg, uint8_t *frame, size_t len)
{
	struct nlppp_rx_ctx *ctx = arg;
	struct sk_buff *skb;

	lockdep_assert_held(&ctx->t->rx_lock);
	/* Room before the header so an IP packet behind a 4-byte one is aligned. */
	skb = alloc_skb(NET_SKB_PAD + len, GFP_ATOMIC);
	if (!skb) {
		nlppp_link_count(&ctx->t->link, NLPPP_A_STATS_RX_DROPPED, 1);
		return;
	}
	skb_reserve(skb, NET_SKB_PAD);
	skb_put_data(skb, frame, len);
	__skb_queue_tail(&ctx->frames, skb);
}

/* Feed @count bytes; bytes flagged by the driver spoil the frame they are in. */
static void nlppp_rx_async(struct nlppp_rx_ctx *ctx, const u8 *cp,
			   const char *fp, int count)
{
	struct nlppp_tty *t = ctx->t;
	int start = 0, i;

	lockdep_assert_held(&t->rx_lock);
	if (fp) {
		for (i = 0; i < count; i++) {
			if (fp[i] == TTY_NORMAL)
				continue;
			ppp_hdlc_decode(&t->hdlc_rx, cp + start, i - start,
					nlppp_rx_frame, ctx);
			t->hdlc_rx.discard = true;
			t->rx_errors++;
			start = i + 1;
		}
	}
	ppp_hdlc_decode(&t->hdlc_rx, cp + start, count - start,
			nlppp_rx_frame, ctx);
}

/*
 * A sync driver delivers one frame per call; a pty delivers frames written
 * back to back together, or a frame in two calls: ppp_sync_decode cuts and
 * joins them at the lengths their protocols record.
 */
static void nlppp_rx_sync(struct nlppp_rx_ctx *ctx, const u8 *cp,
			  const char *fp, int count)
{
	struct nlppp_tty *t = ctx->t;
	int i;

	lockdep_assert_held(&t->rx_lock);
	if (fp) {
		for (i = 0; i < count; i++) {
			if (fp[i] != TTY_NORMAL) {
				t->rx_errors++;
				ppp_sync_rx_reset(&t->sync_rx);
				return;
			}
		}
	}
	ppp_sync_decode(&t->sync_rx, cp, count, nlppp_rx_frame, ctx);
}

static void nlppp_ldisc_receive(struct tty_struct *tty, const unsigned char *cp,
				const char *fp, int count)
{
	struct nlppp_tty *t = tty->disc_data;
	struct nlppp_rx_ctx ctx;
	struct sk_buff *skb;

	if (!t || count <= 0)
		return;
	ctx.t = t;
	__skb_queue_head_init(&ctx.frames);

	spin_lock_bh(&t->rx_lock);
	if (t->rx_type == NLPPP_LINK_ASYNC)
		nlppp_rx_async(&ctx, cp, fp, count);
	else
		nlppp_rx_sync(&ctx, cp, fp, count);
	spin_unlock_bh(&t->rx_lock);

	local_bh_disable();
	while ((skb = __skb_dequeue(&ctx.frames)))
		nlppp_link_rx(&t->link, skb);
	local_bh_enable();

	/*
	 * We consume everything at once, so we are always ready for more. A
	 * pty keeps itself "throttled" and wakes its writer only when the
	 * reader unthrottles: without this the other end stalls once full.
	 */
	tty_unthrottle(tty);
}

static void nlppp_ldisc_write_wakeup(struct tty_struct *tty)
{
	struct nlppp_tty *t = tty->disc_data;

	/* Maybe hard IRQ context with the port lock held: only schedule. */
	clear_bit(TTY_DO_WRITE_WAKEUP, &tty->flags);
	if (t) {
		set_bit(NLPPP_TX_WOKEN, &t->tx_flags);
		mod_delayed_work(system_unbound_wq, &t->tx_work, 0);
	}
}

static struct tty_ldisc_ops nlppp_ldisc = {
	.owner = THIS_MODULE,
	.name = "nlppp",
	.open = nlppp_ldisc_open,
	.close = nlppp_ldisc_close,
	.hangup = nlppp_ldisc_hangup,
	.flush_buffer = nlppp_ldisc_flush_buffer,
	.ioctl = nlppp_ldisc_ioctl,
	.receive_buf = nlppp_ldisc_receive,
	.write_wakeup = nlppp_ldisc_write_wakeup,
};

int __init nlppp_ldisc_init(void)
{
	nlppp_ldisc.num = nlppp_ldisc_num;
	return tty_register_ldisc(&nlppp_ldisc);
}

void nlppp_ldisc_uninit(void)
{
	tty_unregister_ldisc(&nlppp_ldisc);
}
