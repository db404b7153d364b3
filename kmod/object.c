// SPDX-License-Identifier: GPL-2.0
/*
 * One id space for bundles and links, so that an id given for the wrong kind
 * of object is an error rather than a hit on some other object. Ids are
 * allocated cyclically: a stale id held by a restarted daemon does not name
 * a newer object for a long while.
 */
#include "object.h"

#include <linux/xarray.h>

DEFINE_MUTEX(nlppp_lock);

/* id -> struct nlppp_obj *; written under nlppp_lock (plus the xa_lock). */
static DEFINE_XARRAY_ALLOC1(nlppp_objs);
static u32 nlppp_next_id;		/* under nlppp_lock */
static unsigned long nlppp_gen;		/* under nlppp_lock: bumps on any change, for dumps */

int nlppp_obj_add(struct nlppp_obj *obj, enum nlppp_obj_kind kind,
		  struct net *net, u32 owner, u32 flags)
{
	int ret;

	lockdep_assert_held(&nlppp_lock);
	obj->kind = kind;
	WRITE_ONCE(obj->owner, owner);
	obj->flags = flags;
	rcu_assign_pointer(obj->net, net);
	ret = xa_alloc_cyclic(&nlppp_objs, &obj->id, obj,
			      XA_LIMIT(1, INT_MAX), &nlppp_next_id, GFP_KERNEL);
	if (ret < 0) {
		obj->id = 0;
		RCU_INIT_POINTER(obj->net, NULL);
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
	WRITE_ONCE(obj->owner, 0);
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
