/* SPDX-License-Identifier: GPL-2.0 */
/* PPPoE sessions, each with a MAC of its own, on one Ethernet interface. */
#ifndef LOADGEN_PPPOE_H
#define LOADGEN_PPPOE_H

#include "session.h"

extern const struct lg_transport_ops lg_pppoe_transport;

/* Close the shared sockets (after the last session closed). */
void lg_pppoe_cleanup(struct nl_loop *loop);

#endif
