package dl

import (
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/introdl/introdl/internal/kernel"
)

// A helper goroutine shares large products with the goroutine that asks
// for them: the caller computes the first half of the rows of C, the
// helper the second. Each entry of C is still computed by one kernel call,
// in the same order, so the result does not depend on the split.
//
// Training calls several products per step, 20-60 µs each on the spiral
// net, with element-wise work between them. Waking a parked goroutine costs
// a few microseconds, so after each job the helper keeps looking for the
// next one for a while (spinTime) before it parks. There is one helper; a
// product that finds it busy (another goroutine training at the same time)
// runs on the caller alone.

// parMinMACs is the smallest product, in multiply-adds, worth splitting.
const parMinMACs = 1 << 17

// spinTime is how long the helper waits for the next job before parking.
const spinTime = time.Millisecond

// helper states.
const (
	idle int32 = iota
	posted
	finished
)

type helperState struct {
	busy   sync.Mutex // held by the goroutine whose job the helper runs
	state  atomic.Int32
	parked atomic.Bool
	wake   chan struct{}
	job    productJob // a copy: a pointer to the caller's job would make it escape
	i0, i1 int
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
	for {
		start := time.Now()
		for spins := 0; h.state.Load() != posted; spins++ {
			kernel.Pause()
			if spins%64 == 63 && time.Since(start) > spinTime {
				// Park. Announce it first, then look again, so a job posted
				// in between is either seen here or followed by a wake-up.
				h.parked.Store(true)
				if h.state.Load() != posted {
					<-h.wake
				}
				h.parked.Store(false)
				start = time.Now()
			}
		}
		h.job.rows(h.i0, h.i1)
		h.state.Store(finished)
	}
}

// split computes rows [0, m) of job's C, sharing them with the helper if
// one is free; mid (even, so that row pairs stay together) is where the
// helper's part begins.
func (job *productJob) split() {
	h := getHelper()
	if h == nil || !h.busy.TryLock() {
		job.rows(0, job.m)
		return
	}
	mid := (job.m / 2) &^ 1
	h.job, h.i0, h.i1 = *job, mid, job.m
	h.state.Store(posted)
	if h.parked.Load() {
		select {
		case h.wake <- struct{}{}:
		default:
		}
	}
	job.rows(0, mid)
	for h.state.Load() != finished {
		kernel.Pause()
	}
	h.job = productJob{} // drop the references to the caller's matrices
	h.state.Store(idle)
	h.busy.Unlock()
}
