// SPDX-License-Identifier: GPL-2.0
/* libppp/bsdcomp.c, compiled into the module (see include/libppp/compat.h). */
#include "../../libppp/bsdcomp.c"
