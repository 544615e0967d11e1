/* hf-parallel.h: independent jobs (an experiment's trials) on every core.
 *
 * hf_parallel_run runs jobs 0..count-1 on `threads` worker threads, each
 * job writing its own result slot, so a table combined afterwards in job
 * order is the same for any thread count. While it runs, OpenBLAS is held
 * to one thread, so trial threads x BLAS threads never exceed the cores
 * (and every job's floating-point results do not depend on how BLAS would
 * have split its products); the previous BLAS thread count is restored
 * when the last of any overlapping runs (from other threads) ends.
 * The calling thread only coordinates: it calls cb (fraction of jobs done)
 * after every finished job, and a false return, or the first job to fail,
 * stops the others promptly (jobs see the flag through `cancel`).
 */
#pragma once

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "hf-error.h"

typedef HfStatus (*HfJobFunc) (size_t job, void *ctx, atomic_int *cancel, HfError *err);
typedef bool (*HfJobProgress) (double fraction_done, void *user);

/* Cores available to this process (at least 1). */
size_t hf_parallel_cores (void);
/* threads = 0 means every core; more threads than jobs or cores are not used. */
size_t hf_parallel_threads (size_t requested, size_t jobs);
HfStatus hf_parallel_run (size_t count, size_t threads, HfJobFunc fn, void *ctx,
                          HfJobProgress cb, void *user, HfError *err);

/* Data-parallel loops for the elementwise work between BLAS calls (MPF's
 * exponentials, conversions, L-BFGS's vector operations), which would
 * otherwise run on one core while BLAS's own threads sit idle.
 *
 * hf_parallel_for calls fn (chunk, ctx) once for every chunk in
 * [0, chunks), on the calling thread and on persistent helper threads,
 * and returns when all are done. It uses as many threads as OpenBLAS is
 * allowed (openblas_get_num_threads, so inside hf_parallel_run, where BLAS
 * is held to one thread, everything runs on the caller) and at most
 * HF_PARALLEL_MAX_THREADS. Helpers never call BLAS; they sleep on a
 * condition variable between loops, and the caller, once every chunk is
 * taken, spins briefly and then sleeps until the helpers' last chunks end. When another thread is already using
 * the helpers, or after fork, the loop runs on the caller alone. A chunk's
 * work must not depend on which thread runs it: callers that reduce keep
 * one partial result per chunk and combine them in chunk order, so results
 * do not depend on the thread count. */
#define HF_PARALLEL_MAX_THREADS 8
/* The chunk count callers use for a loop of `count` elements: fixed by
 * the size alone (at least `grain` elements per chunk, at most 64 chunks). */
size_t hf_parallel_chunks (size_t count, size_t grain);
typedef void (*HfChunkFunc) (size_t chunk, void *ctx);
void hf_parallel_for (size_t chunks, HfChunkFunc fn, void *ctx);
