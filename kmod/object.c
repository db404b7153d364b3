// SPDX-License-Identifier: GPL-2.0
/*
 * One id space for bundles and links, so that an id given for the wrong kind
 * of object is an error rather than a hit on some other object. Ids are
 * allocated cyclically: a stale id held by a restarted daemon does not name
 * a newer object for a long while.
 */
#include "object.h"

#include <linux/slab.h>
#include <linux/xarray.h>
#include <net/sock.h>

DEFINE_MUTEX(nlppp_lock);

/* id -> struct nlppp_obj *; written under nlppp_lock (plus the xa_lock). */
static DEFINE_XARRAY_ALLOC1(nlppp_objs);
static u32 nlppp_next_id;		/* under nlppp_lock */
static unsigned long nlppp_gen;		/* under nlppp_lock: bumps on any change, for dumps */

static void nlppp_owner_free_rcu(struct rcu_head *rcu)
{
	struct nlppp_owner *owner = container_of(rcu, struct nlppp_owner, rcu);

	sock_put(owner->sk);
	kfree(owner);
}

static struct nlppp_owner *nlppp_obj_owner(const struct nlppp_obj *obj)
{
	return rcu_dereference_protected(obj->owner, lockdep_is_held(&nlppp_lock));
}

/* Hand @obj to socket @sk (port id @portid), or orphan it (@sk NULL). */
int nlppp_obj_set_owner(struct nlppp_obj *obj, struct sock *sk, u32 portid)
{
	struct nlppp_owner *new = NULL, *old;

	lockdep_assert_held(&nlppp_lock);
	if (sk) {
		new = kmalloc(sizeof(*new), GFP_KERNEL);
		if (!new)
			return -ENOMEM;
		sock_hold(sk);
		new->sk = sk;
		new->portid = portid;
	}
	old = nlppp_obj_owner(obj);
	rcu_assign_pointer(obj->owner, new);
	if (old)
		call_rcu(&old->rcu, nlppp_owner_free_rcu);
	return 0;
}

bool nlppp_obj_owned_by(const struct nlppp_obj *obj, const struct sock *sk)
{
	struct nlppp_owner *owner = nlppp_obj_owner(obj);

	lockdep_assert_held(&nlppp_lock);
	return owner && owner->sk == sk;
}

/* 0 for an orphan. */
u32 nlppp_obj_owner_portid(const struct nlppp_obj *obj)
{
	struct nlppp_owner *owner = nlppp_obj_owner(obj);

	lockdep_assert_held(&nlppp_lock);
	return owner ? owner->portid : 0;
}

/*
 * Is @obj's owner the socket of @net that was bound to @portid and has been
 * released? A live socket that bound the same port id since is not it.
 */
bool nlppp_obj_owner_released(const struct nlppp_obj *obj, struct net *net,
			      u32 portid)
{
	struct nlppp_owner *owner = nlppp_obj_owner(obj);

	lockdep_assert_held(&nlppp_lock);
	return owner && owner->portid == portid &&
	       net_eq(nlppp_obj_net(obj), net) && sock_flag(owner->sk, SOCK_DEAD);
}

int nlppp_obj_add(struct nlppp_obj *obj, enum nlppp_obj_kind kind,
		  struct net *net, struct sock *owner, u32 portid, u32 flags)
{
	int ret;

	lockdep_assert_held(&nlppp_lock);
	obj->kind = kind;
	obj->flags = flags;
	ret = nlppp_obj_set_owner(obj, owner, portid);
	if (ret)
		return ret;
	rcu_assign_pointer(obj->net, net);
	ret = xa_alloc_cyclic(&nlppp_objs, &obj->id, obj,
			      XA_LIMIT(1, INT_MAX), &nlppp_next_id, GFP_KERNEL);
	if (ret < 0) {
		obj->id = 0;
		RCU_INIT_POINTER(obj->net, NULL);
		nlppp_obj_set_owner(obj, NULL, 0);
		return ret;
	}
	nlppp_gen++;
	return 0;
}

void nlppp_obj_del(struct nlppp_obj *obj)
{
	lockdep_assert_held(&nlppp_lock);
	if (!obj->id)
		return;
	xa_erase(&nlppp_objs, obj->id);
	WRITE_ONCE(obj->id, 0);
	nlppp_obj_set_owner(obj, NULL, 0);
	RCU_INIT_POINTER(obj->net, NULL);
	nlppp_gen++;
}

/* The object @id if it lives in @net; objects of other namespaces are invisible. */
struct nlppp_obj *nlppp_obj_find(struct net *net, u32 id)
{
	struct nlppp_obj *obj;

	lockdep_assert_held(&nlppp_lock);
	obj = xa_load(&nlppp_objs, id);
	if (!obj || !net_eq(nlppp_obj_net(obj), net))
		return NULL;
	return obj;
}

/* The object with the lowest id >= *@index, advancing *@index past it. */
struct nlppp_obj *nlppp_obj_next(unsigned long *index)
{
	struct nlppp_obj *obj;

	lockdep_assert_held(&nlppp_lock);
	obj = xa_find(&nlppp_objs, index, ULONG_MAX, XA_PRESENT);
	if (obj)
		(*index)++;
	return obj;
}

unsigned long nlppp_obj_generation(void)
{
	lockdep_assert_held(&nlppp_lock);
	return nlppp_gen;
}

void nlppp_obj_changed(void)
{
	lockdep_assert_held(&nlppp_lock);
	nlppp_gen++;
}
