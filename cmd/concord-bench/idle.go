package main

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// Idle: a process is idle when it used less than idleShare of one CPU
// over idleWindow; waitIdle gives up after idleMax.
const (
	idleShare  = 0.05
	idleWindow = time.Second
	idleMax    = 2 * time.Minute
)

// cpuTime is the CPU time (user + system) the process has used.
func cpuTime(pid int) (time.Duration, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	// Fields after the command name, which is in parentheses and may
	// hold spaces: state is field 3, utime 14, stime 15.
	_, rest, ok := strings.Cut(string(b), ") ")
	f := strings.Fields(rest)
	if !ok || len(f) < 13 {
		return 0, fmt.Errorf("/proc/%d/stat: unexpected format", pid)
	}
	var ticks int64
	for _, s := range f[11:13] {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return 0, err
		}
		ticks += n
	}
	return time.Duration(ticks) * time.Second / clockTicks, nil
}

// clockTicks is USER_HZ, 100 on every Linux this runs on.
const clockTicks = 100

// waitIdle waits until the server has finished its background work (an
// index's merges after a bulk load, say), so that the next measurement
// does not share the CPUs with it. It returns how long it waited.
func (p *serverProc) waitIdle(ctx context.Context) (time.Duration, error) {
	start := time.Now()
	prev, err := cpuTime(p.cmd.Process.Pid)
	if err != nil {
		return 0, err
	}
	for time.Since(start) < idleMax {
		select {
		case <-ctx.Done():
			return time.Since(start), ctx.Err()
		case <-time.After(idleWindow):
		}
		cur, err := cpuTime(p.cmd.Process.Pid)
		if err != nil {
			return 0, err
		}
		if float64(cur-prev) < idleShare*float64(idleWindow) {
			return time.Since(start), nil
		}
		prev = cur
	}
	return time.Since(start), fmt.Errorf("the server was still busy after %v", idleMax)
}
