// SPDX-License-Identifier: GPL-2.0
/* libppp/pred1.c, compiled into the module (see include/libppp/compat.h). */
#include "../../libppp/pred1.c"
