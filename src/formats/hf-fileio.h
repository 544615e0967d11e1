/* hf-fileio.h: whole-file reads with a size cap, and atomic writes. */
#pragma once

#include <stddef.h>

#include "hf-error.h"

/* Reads a whole file; refuses files over max_bytes before reading them. */
HfStatus hf_file_read (const char *path, size_t max_bytes, unsigned char **data,
                       size_t *len, HfError *err);
/* Writes data to path.XXXXXX beside it, flushes it to disk and renames it
 * over path, so that a failure at any point leaves the old file intact. */
HfStatus hf_file_write_atomic (const char *path, const void *data, size_t len,
                               HfError *err);

/* The tail of every save: if encoded is HF_OK, writes data atomically;
 * frees data in every case and returns the first failure. */
HfStatus hf_file_write_owned (const char *path, HfStatus encoded, unsigned char *data,
                              size_t len, HfError *err);

/* A growable byte buffer for building files in memory. */
typedef struct
{
  unsigned char *data;
  size_t len, cap;
  int failed;
} HfBuffer;

void hf_buffer_append (HfBuffer *b, const void *data, size_t len);
void hf_buffer_u32 (HfBuffer *b, unsigned long v);
void hf_buffer_f32 (HfBuffer *b, float v);
void hf_buffer_f64 (HfBuffer *b, double v);
void hf_buffer_free (HfBuffer *b);

/* Little-endian readers over a bounded byte range. */
unsigned long hf_get_u32 (const unsigned char *p);
float hf_get_f32 (const unsigned char *p);
double hf_get_f64 (const unsigned char *p);
