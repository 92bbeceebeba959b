#ifndef CLAWD_CSYSTEMD_SHIM_H
#define CLAWD_CSYSTEMD_SHIM_H
#include <systemd/sd-daemon.h>
#endif
