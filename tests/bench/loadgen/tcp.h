/* SPDX-License-Identifier: GPL-2.0 */
/* A PPP transport over a TCP byte stream with async HDLC framing (pppd's socket). */
#ifndef LOADGEN_TCP_H
#define LOADGEN_TCP_H

#include "session.h"

extern const struct lg_transport_ops lg_tcp_transport;

#endif
