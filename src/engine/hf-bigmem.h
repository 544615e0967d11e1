/* hf-bigmem.h: large work buffers, backed by transparent huge pages and
 * reused from one training to the next.
 *
 * MPF and L-BFGS touch tens of megabytes afresh at every training: with
 * 4 KiB pages each first touch is a page fault (12% of MPF's time at
 * n = 1024), and every fresh page is zeroed by the kernel. Buffers of
 * 2 MiB and more are therefore aligned to 2 MiB and marked MADV_HUGEPAGE
 * (512 times fewer faults where transparent_hugepage is madvise or
 * always), and a freed buffer is kept in a small per-thread cache (at
 * most HF_BIG_CACHE_BYTES) for the next training of the same size, so
 * repeated trials touch no new pages at all. Smaller requests are plain
 * malloc. Contents of a returned buffer are undefined (hf_big_calloc
 * zeroes). Thread-safe: each thread has its own cache, emptied when the
 * thread exits (or by hf_big_trim). */
#pragma once

#include <stddef.h>

#define HF_BIG_CACHE_BYTES ((size_t)384 << 20)

void *hf_big_alloc (size_t bytes);
void *hf_big_calloc (size_t bytes);
/* bytes must be the size given to hf_big_alloc. */
void hf_big_free (void *p, size_t bytes);
/* Releases the calling thread's cached buffers. */
void hf_big_trim (void);
