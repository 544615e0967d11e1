/* hf-parallel.h: independent jobs (an experiment's trials) on every core.
 *
 * hf_parallel_run runs jobs 0..count-1 on `threads` worker threads, each
 * job writing its own result slot, so a table combined afterwards in job
 * order is the same for any thread count. While it runs, OpenBLAS is held
 * to one thread, so trial threads x BLAS threads never exceed the cores
 * (and every job's floating-point results do not depend on how BLAS would
 * have split its products); the previous BLAS thread count is restored.
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
