// SPDX-License-Identifier: GPL-2.0
/* libppp/deflate.c, compiled into the module (see include/libppp/compat.h). */
#include "../../libppp/deflate.c"
