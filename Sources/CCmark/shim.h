#ifndef LEARN_CCMARK_SHIM_H
#define LEARN_CCMARK_SHIM_H
#include <cmark.h>
#endif
