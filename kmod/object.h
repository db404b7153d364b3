/* SPDX-License-Identifier: GPL-2.0 */
/* Bundles and links as netlink objects: ids, owners, the config lock. */
#ifndef _NLPPP_OBJECT_H
#define _NLPPP_OBJECT_H

#include <linux/mutex.h>
#include <linux/types.h>
#include <net/net_namespace.h>

enum nlppp_obj_kind {
	NLPPP_OBJ_BUNDLE = 1,
	NLPPP_OBJ_LINK,
};

/*
 * Serialises every configuration change: the id table, each object's
 * owner/flags/net, link <-> bundle attachment and link framing config.
 * Never taken in the data path. Lock order: tty locks -> nlppp_lock ->
 * rtnl_lock -> per-link spinlocks.
 */
extern struct mutex nlppp_lock;

struct sock;

/*
 * The owner is the netlink socket that created or claimed the object, held
 * by reference and compared by address: a port id is only a name, which
 * another socket may bind as soon as the owner's is released. Immutable;
 * replaced whole under nlppp_lock, freed after a grace period.
 */
struct nlppp_owner {
	struct sock *sk;	/* holds a reference */
	u32 portid;		/* its port id: reported, and matched on release */
	struct rcu_head rcu;
};

/* Head of struct nlppp_bundle and struct nlppp_link; fields under nlppp_lock. */
struct nlppp_obj {
	u32 id;			/* kernel-assigned, never 0; 0 = not registered */
	enum nlppp_obj_kind kind;
	struct nlppp_owner __rcu *owner;	/* NULL = orphan; RCU in the data path */
	u32 flags;		/* NLPPP_F_* */
	struct net __rcu *net;	/* netns the object lives in (no reference) */
};

int nlppp_obj_add(struct nlppp_obj *obj, enum nlppp_obj_kind kind,
		  struct net *net, struct sock *owner, u32 portid, u32 flags);
int nlppp_obj_set_owner(struct nlppp_obj *obj, struct sock *sk, u32 portid);
bool nlppp_obj_owned_by(const struct nlppp_obj *obj, const struct sock *sk);
u32 nlppp_obj_owner_portid(const struct nlppp_obj *obj);
bool nlppp_obj_owner_released(const struct nlppp_obj *obj, struct net *net,
			      u32 portid);
void nlppp_obj_del(struct nlppp_obj *obj);
struct nlppp_obj *nlppp_obj_find(struct net *net, u32 id);
struct nlppp_obj *nlppp_obj_next(unsigned long *index);
unsigned long nlppp_obj_generation(void);
void nlppp_obj_changed(void);

static inline struct net *nlppp_obj_net(const struct nlppp_obj *obj)
{
	return rcu_dereference_protected(obj->net, lockdep_is_held(&nlppp_lock));
}

#endif
