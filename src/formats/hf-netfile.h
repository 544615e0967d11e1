/* hf-netfile.h: the network file, specified in docs/network-format.md. */
#pragma once

#include "hf-network.h"

#define HF_NETFILE_VERSION 1u
#define HF_NETFILE_HEADER 128u

/* Bytes of a version-1 file for n neurons. */
size_t hf_netfile_size (size_t n);
HfStatus hf_netfile_encode (const HfNetwork *net, unsigned char **data, size_t *len,
                            HfError *err);
HfNetwork *hf_netfile_decode (const unsigned char *data, size_t len, const char *name,
                              HfError *err);
HfNetwork *hf_netfile_load (const char *path, HfError *err);
HfStatus hf_netfile_save (const char *path, const HfNetwork *net, HfError *err);
/* True when the bytes start with the network file's magic. */
bool hf_netfile_sniff (const unsigned char *data, size_t len);
