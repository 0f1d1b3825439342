#ifndef LEARN_CZLIB_SHIM_H
#define LEARN_CZLIB_SHIM_H
#include <zlib.h>
#endif
