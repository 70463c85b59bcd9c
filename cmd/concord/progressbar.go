package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// progress reports an upload on stderr: a bar redrawn in place on a
// terminal, else a plain line every plainEvery (so that CI logs show it),
// and a last line when it stops. Rows are counted as the line breaks
// sent, less the header: exact unless cells span lines.
type progress struct {
	w     io.Writer
	mode  string // "bar", "plain" or "none"
	total int64  // bytes; 0 when unknown (a pipe)
	label string

	sent  atomic.Int64
	lines atomic.Int64
	phase atomic.Value // string shown after the upload: "storing"
	upEl  atomic.Int64 // the upload's duration, once it is over
	drawn atomic.Bool  // a bar has been drawn
	start time.Time
	stop  chan struct{}
	done  sync.WaitGroup
}

const (
	barEvery   = 200 * time.Millisecond
	plainEvery = 2 * time.Second
	barWidth   = 28
)

// progressMode resolves --progress auto: a bar when stderr is a terminal.
func progressMode(flag string) (string, error) {
	switch flag {
	case "bar", "plain", "none":
		return flag, nil
	case "auto":
		if fi, err := os.Stderr.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
			return "bar", nil
		}
		return "plain", nil
	}
	return "", usageError{fmt.Errorf("--progress %q: want auto, bar, plain or none", flag)}
}

func startProgress(w io.Writer, mode, label string, total int64) *progress {
	p := &progress{w: w, mode: mode, total: total, label: label, start: time.Now(), stop: make(chan struct{})}
	p.phase.Store("")
	if mode == "none" {
		return p
	}
	every := plainEvery
	if mode == "bar" {
		every = barEvery
	}
	p.done.Add(1)
	go func() {
		defer p.done.Done()
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-p.stop:
				return
			case <-t.C:
				p.render(false)
			}
		}
	}()
	return p
}

// add counts a piece that was sent.
func (p *progress) add(b []byte) {
	p.sent.Add(int64(len(b)))
	p.lines.Add(int64(bytes.Count(b, []byte{'\n'})))
}

// setPhase names what happens once every byte is sent.
func (p *progress) setPhase(s string) {
	p.upEl.Store(int64(time.Since(p.start)))
	p.phase.Store(s)
}

// finish stops the reporting and draws the last state; after a failure
// it only ends a bar's line.
func (p *progress) finish(ok bool) {
	if p.mode == "none" {
		return
	}
	close(p.stop)
	p.done.Wait()
	switch {
	case ok:
		p.render(true)
	case p.mode == "bar" && p.drawn.Load():
		io.WriteString(p.w, "\n")
	}
}

func (p *progress) rows() int64 { return max(p.lines.Load()-1, 0) }

func (p *progress) render(last bool) {
	sent, rows := p.sent.Load(), p.rows()
	el := time.Since(p.start)
	rate := float64(rows) / max(el.Seconds(), 1e-3)
	if up := time.Duration(p.upEl.Load()); up > 0 && !last {
		rate = float64(rows) / max(up.Seconds(), 1e-3) // the upload's rate while storing
	}
	var b strings.Builder
	if p.mode == "bar" {
		b.WriteString("\r")
	} else {
		b.WriteString(p.label + ": ")
	}
	if p.total > 0 {
		frac := min(float64(sent)/float64(p.total), 1)
		if p.mode == "bar" {
			n := int(frac * barWidth)
			b.WriteString("[" + strings.Repeat("=", n))
			if n < barWidth {
				b.WriteString(">" + strings.Repeat(" ", barWidth-n-1))
			}
			b.WriteString("] ")
		}
		fmt.Fprintf(&b, "%3.0f%%  %s/%s", frac*100, mb(sent), mb(p.total))
	} else {
		fmt.Fprintf(&b, "%s", mb(sent))
	}
	fmt.Fprintf(&b, "  %d rows  %.0f rows/s", rows, rate)
	switch phase := p.phase.Load().(string); {
	case phase != "" && !last:
		fmt.Fprintf(&b, "  %s… %s", phase, el.Round(time.Second))
	case last:
		fmt.Fprintf(&b, "  in %s", el.Round(100*time.Millisecond))
	case p.total > 0 && sent > 0:
		eta := time.Duration(float64(el) * float64(p.total-sent) / float64(sent))
		fmt.Fprintf(&b, "  ETA %s", eta.Round(time.Second))
	}
	if p.mode == "bar" {
		b.WriteString("\x1b[K")
		if last {
			b.WriteString("\n")
		}
	} else {
		b.WriteString("\n")
	}
	io.WriteString(p.w, b.String())
	p.drawn.Store(true)
}

func mb(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/1e6) }
