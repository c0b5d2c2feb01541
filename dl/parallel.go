package dl

import (
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/introdl/introdl/internal/kernel"
)

// A helper goroutine shares large products with the goroutine that asks for
// them. The rows of C are cut into a few chunks; the caller and the helper
// both take the next chunk from an atomic counter until none is left. Each
// entry of C is still computed by one kernel call, in the same order, so the
// result does not depend on who computed which chunk.
//
// The caller never waits for the helper to start: if the helper is slow to
// wake up, or busy elsewhere, or its processor is taken by another program,
// the caller simply computes more chunks itself (all of them, at worst, at
// the speed of one core). It only waits at the end for a chunk the helper
// is still computing.
//
// Waking a parked goroutine costs tens of microseconds on a virtual machine,
// as much as a whole 64×64 product, so after a job the helper keeps looking
// for the next one for spinTime before it parks. Its spin loop does not use
// the PAUSE instruction, which hypervisors take for a stuck lock.
//
// There is one helper. A product that finds it in use by another goroutine
// (two nets training at once) runs on its caller alone.

// sharing reports whether products are shared with the helper at all; see
// ShareProducts.
var sharing atomic.Bool

// ShareProducts turns the sharing of large matrix products with a helper
// goroutine on or off, and returns the previous setting. It is off by
// default. It changes only the speed, never a result, and only for the
// AVX2 path (without AVX2, or with OpenBLAS, it does nothing).
//
// Whether it pays depends on the machine more than on the network. The
// products themselves run nearly twice as fast on two cores, but the
// matrices they share must then move between the cores' caches at every
// step. On the 2-vCPU virtual machine of PERFORMANCE.md, the spiral
// benchmark took 0.51 s with sharing against 0.59 s without for some
// minutes, and 0.98 s with sharing at other times, depending (we believe)
// on where the host placed the two virtual CPUs. Turn it on and measure.
// For training, TrainConfig.Workers is usually the better use of a second
// core: only the weights and gradients move between the cores, not the
// activations.
func ShareProducts(on bool) bool {
	return sharing.Swap(on)
}

// parMinMACs is the smallest product, in multiply-adds, worth sharing.
const parMinMACs = 1 << 17

// spinTime is how long the helper looks for a new job before parking.
const spinTime = time.Millisecond

type helperState struct {
	// The helper polls seq, and both goroutines update next, at a high rate:
	// each sits on a cache line of its own (lines are 64 bytes; 128 keeps
	// adjacent-line prefetching out too), so that no other data the
	// goroutines use shares a line with them. Without the padding, runs were
	// fast or twice as slow depending on where the allocator put the helper.
	_    [128]byte
	seq  atomic.Int64 // incremented for each job
	_    [120]byte
	next atomic.Int64 // the next chunk to take
	_    [120]byte

	open   atomic.Bool // the job may still be joined
	active atomic.Bool // the helper is in the job
	parked atomic.Bool
	wake   chan struct{}
	busy   sync.Mutex // held by the goroutine whose job is posted

	// The job: set by the caller while the helper is not in it (active is
	// false), published by open.
	job     productJob
	chunk   int // rows per chunk, even
	nChunks int
	_       [128]byte
}

var (
	helperOnce sync.Once
	theHelper  *helperState
)

// getHelper returns the helper, starting it on first use, or nil if this
// program runs on a single processor.
func getHelper() *helperState {
	if runtime.GOMAXPROCS(0) < 2 {
		return nil
	}
	helperOnce.Do(func() {
		theHelper = &helperState{wake: make(chan struct{}, 1)}
		go theHelper.loop()
	})
	return theHelper
}

func (h *helperState) loop() {
	var seen int64
	for {
		seen = awaitChange(&h.seq, seen, &h.parked, h.wake)
		// Enter the job if it is still open (see split for the other side).
		h.active.Store(true)
		if h.open.Load() {
			h.work()
		}
		h.active.Store(false)
	}
}

// awaitChange waits until v no longer holds seen, and returns its new value.
// It spins first, as jobs (steps) follow each other within microseconds,
// letting any other goroutine that waits for a processor run now and then;
// after spinTime it parks until a wake-up arrives on wake. It announces the
// parking in parked and then looks at v again, so that a value stored in
// between is seen now or followed by a wake-up: the other side stores v
// first, then sends on wake if parked is set.
func awaitChange(v *atomic.Int64, seen int64, parked *atomic.Bool, wake <-chan struct{}) int64 {
	start := time.Now()
	for spins := 1; v.Load() == seen; spins++ {
		kernel.Pause()
		if spins%256 != 0 {
			continue
		}
		runtime.Gosched()
		if time.Since(start) > spinTime {
			parked.Store(true)
			if v.Load() == seen {
				<-wake
			}
			parked.Store(false)
			start = time.Now()
		}
	}
	return v.Load()
}

// wakeUp sends a wake-up on wake if the goroutine behind it is parked (or
// about to be), without blocking.
func wakeUp(parked *atomic.Bool, wake chan<- struct{}) {
	if parked.Load() {
		select {
		case wake <- struct{}{}:
		default:
		}
	}
}

// work computes chunks of the posted job until none is left.
func (h *helperState) work() {
	for {
		c := int(h.next.Add(1) - 1)
		if c >= h.nChunks {
			return
		}
		i0 := c * h.chunk
		h.job.rows(i0, min(i0+h.chunk, h.job.m))
	}
}

// split computes rows [0, m) of job's C, sharing them with the helper if it
// is free.
func (job *productJob) split() {
	h := getHelper()
	if h == nil || !h.busy.TryLock() {
		job.rows(0, job.m)
		return
	}
	// Chunks of an even number of rows (row pairs stay together), about 8.
	chunk := max(2, (job.m/8+1)&^1)
	h.job, h.chunk, h.nChunks = *job, chunk, (job.m+chunk-1)/chunk
	h.next.Store(0)
	h.open.Store(true)
	h.seq.Add(1)
	wakeUp(&h.parked, h.wake)
	h.work()
	// Close the job, then wait until the helper is out of it. The helper
	// sets active before it looks at open, and this goroutine clears open
	// before it looks at active, so the helper is either seen here or sees
	// the job closed.
	h.open.Store(false)
	for spins := 1; h.active.Load(); spins++ {
		kernel.Pause()
		if spins%256 == 0 {
			runtime.Gosched() // the helper may be waiting for a processor
		}
	}
	h.job = productJob{} // drop the references to the caller's matrices
	h.busy.Unlock()
}
