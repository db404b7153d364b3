// SPDX-License-Identifier: GPL-2.0
/* libppp/fcs.c, compiled into the module (see include/libppp/compat.h). */
#include "../../libppp/fcs.c"
