// SPDX-License-Identifier: GPL-2.0
/* libppp/vj.c, compiled into the module (see include/libppp/compat.h). */
#include "../../libppp/vj.c"
