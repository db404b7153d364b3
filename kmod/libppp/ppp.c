// SPDX-License-Identifier: GPL-2.0
/* libppp/ppp.c, compiled into the module (see include/libppp/compat.h). */
#include "../../libppp/ppp.c"
