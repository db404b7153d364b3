// SPDX-License-Identifier: GPL-2.0
/* libppp/hdlc.c, compiled into the module (see include/libppp/compat.h). */
#include "../../libppp/hdlc.c"
