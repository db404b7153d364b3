/* SPDX-License-Identifier: GPL-2.0 */
/* What nlpppctl sees: the control socket's handler over the registry. */
#ifndef NLPPPD_STATUS_H
#define NLPPPD_STATUS_H

#include "ctl.h"

struct nl_registry;

/* The handler; its context is the struct nl_registry. */
extern const struct nl_ctl_handler nl_status_handler;

#endif
