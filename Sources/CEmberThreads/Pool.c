#include "CEmberThreads.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <time.h>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define EMBER_PAUSE() _mm_pause()
#elif defined(__aarch64__)
#define EMBER_PAUSE() __asm__ volatile("yield")
#else
#define EMBER_PAUSE() ((void)0)
#endif

// Note [A spinning thread pool]
//
// Ember first split kernels with libdispatch's concurrentPerform. On the 2-core KVM machines
// here, handing a second piece to a sleeping worker costs about as much as a 50-100 us piece of
// work: two 46 us pieces took 133 us, two 470 us pieces 660-800 us, where one piece on each core
// should take barely more than one. The wake-up (a futex and an inter-processor interrupt under
// the hypervisor) is the cost. OpenMP runtimes, and with them PyTorch, MKL and OpenBLAS, keep
// their workers spinning for a while after each job, so that back-to-back operations find them
// awake; with a worker spinning, the same two pieces took 44-48 us and 425-465 us.
//
// So Ember keeps its own workers (threads - 1 of them, created on first use, living as long as
// the process). A job is published in one static slot: the caller writes the task, its context
// and the count, then a ticket (the job's generation in the high 32 bits, the next index in the
// low 32) and the generation. Workers watch the generation, spinning with the CPU's pause
// instruction for SPIN_NANOSECONDS after their last piece, then sleep on a condition variable
// that the next job signals. Every piece is claimed by a compare-and-swap on the ticket, which
// also checks that the ticket still belongs to the generation the worker read the task for: a
// worker late for one job can never run a piece of the next with the old task. The caller takes
// pieces too, then waits until the count of finished pieces reaches the job's count.
//
// Another library's threads (OpenBLAS's, for a large product) would share the cores with a
// spinning worker: three busy threads on two cores, and the product, split evenly between its
// threads, waits for the one that was descheduled. So before such a call the caller parks the
// pool (ember_pool_park): spinning workers go to sleep at once, and the next job wakes them.
//
// Note [Publishing a job]
//
// A worker that finished the last piece of one job may go round its loop while the next job is
// being written: without care it could read the new job's task, context or count and the old
// job's ticket (whose index is at the old count, below a larger new count), claim that index,
// and run a piece of the new job twice (two threads on one piece's workspace) while bumping
// `finished` after the caller reset it, so that the caller returns before its last piece ends.
// So the caller first closes the ticket (the new generation with an index no count reaches),
// then writes the fields with release stores, then opens the ticket at index 0. A worker reads
// the ticket, then the fields (acquire), then claims by a compare-and-swap from the ticket it
// read: if any field it read is a later job's, the closing store happened before that field's
// release store, hence before the claim, and the claim fails. A claim that succeeds therefore
// ran on fields that all belong to the ticket's generation.
//
// One job runs at a time. A call from inside a piece, or from a second thread while a job runs,
// runs its pieces in order on its own thread, which is always correct and, for nested calls,
// what OpenMP does by default.

enum { MAX_WORKERS = 255 };
static const int64_t SPIN_NANOSECONDS = 2000000;

static pthread_mutex_t runLock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t sleepLock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wakeUp = PTHREAD_COND_INITIALIZER;

static _Atomic(ember_pool_task) jobTask;
static _Atomic(void *) jobContext;
static _Atomic size_t jobCount;
static _Atomic size_t jobWorkers;  // workers with an index below this take part
static _Atomic uint64_t ticket;    // generation << 32 | next index
static _Atomic size_t finished;
static _Atomic uint64_t generation;
static _Atomic int sleepers;
static _Atomic int parkRequested;  // set by ember_pool_park, cleared by the next job
static size_t workerCount;  // guarded by runLock
static _Thread_local int insidePiece;

static int64_t now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

// Takes and runs pieces of generation `gen` until none is left or the generation has moved on.
// See Note [Publishing a job]: the ticket is read before the job's fields, and the claim (a
// compare-and-swap on that ticket) fails if the fields read belong to a later job.
static void take_pieces(uint64_t gen) {
    uint64_t t = atomic_load_explicit(&ticket, memory_order_acquire);
    for (;;) {
        if ((t >> 32) != (gen & 0xffffffffu)) return;
        const ember_pool_task task = atomic_load_explicit(&jobTask, memory_order_acquire);
        void *const context = atomic_load_explicit(&jobContext, memory_order_acquire);
        const size_t count = atomic_load_explicit(&jobCount, memory_order_acquire);
        const size_t index = (size_t)(t & 0xffffffffu);
        if (index >= count) return;
        if (!atomic_compare_exchange_weak_explicit(&ticket, &t, t + 1, memory_order_acq_rel, memory_order_acquire))
            continue;  // t now holds the current ticket; the fields are read again for it
        // The claim succeeded for generation `gen`, so its piece `index` is unfinished and the task,
        // context and count read above are that generation's.
        task(context, index);
        atomic_fetch_add_explicit(&finished, 1, memory_order_release);
        t = atomic_load_explicit(&ticket, memory_order_acquire);
    }
}

static void *worker_main(void *argument) {
    const size_t id = (size_t)(uintptr_t)argument;
    insidePiece = 1;
    uint64_t seen = atomic_load_explicit(&generation, memory_order_acquire);
    for (;;) {
        uint64_t gen = atomic_load_explicit(&generation, memory_order_acquire);
        if (gen == seen) {
            const int64_t start = now_ns();
            unsigned spins = 0;
            while ((gen = atomic_load_explicit(&generation, memory_order_acquire)) == seen) {
                EMBER_PAUSE();
                if (atomic_load_explicit(&parkRequested, memory_order_relaxed) ||
                    (++spins % 256 == 0 && now_ns() - start > SPIN_NANOSECONDS)) {
                    pthread_mutex_lock(&sleepLock);
                    atomic_fetch_add(&sleepers, 1);
                    while ((gen = atomic_load(&generation)) == seen) pthread_cond_wait(&wakeUp, &sleepLock);
                    atomic_fetch_sub(&sleepers, 1);
                    pthread_mutex_unlock(&sleepLock);
                    break;
                }
            }
        }
        seen = gen;
        if (id < atomic_load_explicit(&jobWorkers, memory_order_acquire)) take_pieces(gen);
    }
    return NULL;
}

void ember_pool_run(size_t count, size_t threads, ember_pool_task task, void *context) {
    if (threads <= 1 || count <= 1 || count > 0xffffffffu || insidePiece || pthread_mutex_trylock(&runLock) != 0) {
        for (size_t i = 0; i < count; i++) task(context, i);
        return;
    }
    size_t wanted = threads - 1 < MAX_WORKERS ? threads - 1 : MAX_WORKERS;
    while (workerCount < wanted) {
        pthread_t thread;
        pthread_attr_t attributes;
        pthread_attr_init(&attributes);
        pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
        const int status = pthread_create(&thread, &attributes, worker_main, (void *)(uintptr_t)workerCount);
        pthread_attr_destroy(&attributes);
        if (status != 0) break;
        workerCount++;
    }
    if (wanted > workerCount) wanted = workerCount;

    atomic_store_explicit(&parkRequested, 0, memory_order_relaxed);
    const uint64_t gen = atomic_load(&generation) + 1;
    // Note [Publishing a job]: close the ticket first, then write the fields (release), then open it.
    atomic_store(&ticket, ((gen & 0xffffffffu) << 32) | 0xffffffffu);
    atomic_store_explicit(&jobTask, task, memory_order_release);
    atomic_store_explicit(&jobContext, context, memory_order_release);
    atomic_store_explicit(&jobCount, count, memory_order_release);
    atomic_store_explicit(&jobWorkers, wanted, memory_order_relaxed);
    atomic_store_explicit(&finished, 0, memory_order_relaxed);
    atomic_store_explicit(&ticket, (gen & 0xffffffffu) << 32, memory_order_release);
    atomic_store(&generation, gen);  // sequentially consistent, against the sleepers check below
    if (atomic_load(&sleepers) > 0) {
        pthread_mutex_lock(&sleepLock);
        pthread_cond_broadcast(&wakeUp);
        pthread_mutex_unlock(&sleepLock);
    }
    insidePiece = 1;
    take_pieces(gen);
    insidePiece = 0;
    while (atomic_load_explicit(&finished, memory_order_acquire) < count) EMBER_PAUSE();
    pthread_mutex_unlock(&runLock);
}

void ember_pool_park(void) { atomic_store_explicit(&parkRequested, 1, memory_order_relaxed); }
