/* SPDX-License-Identifier: GPL-2.0 */
/* /sys/class/net/pppN/nlppp/: a bundle's read-only attributes. */
#ifndef _NLPPP_SYSFS_H
#define _NLPPP_SYSFS_H

#include <linux/sysfs.h>

/* Set as the device's sysfs_groups[0] before it is registered. */
extern const struct attribute_group nlppp_bundle_attr_group;

#endif
