package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
)

// serverProc is a Concord server running as its own process (the built
// binary), so that its start-up time and peak RSS are its own.
type serverProc struct {
	cmd      *exec.Cmd
	grpcAddr string
	httpAddr string
	conn     *grpc.ClientConn
	log      *os.File
	started  time.Time
	ready    time.Duration // process start → /readyz answers 200
	exited   chan error
	pprof    string // the profiler's address, when on
}

// startServer starts `concord serve` on free loopback ports and waits
// until /readyz answers 200 (gRPC health SERVING).
func startServer(ctx context.Context, bin, dataDir, logPath string, pprof bool) (*serverProc, error) {
	g, err := freeAddr()
	if err != nil {
		return nil, err
	}
	h, err := freeAddr()
	if err != nil {
		return nil, err
	}
	logf, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, err
	}
	args := []string{"serve", "--data-dir", dataDir, "--grpc-addr", g, "--http-addr", h, "--log-format", "json"}
	p := &serverProc{grpcAddr: g, httpAddr: h, log: logf}
	if pprof {
		if p.pprof, err = freeAddr(); err != nil {
			return nil, err
		}
		args = append(args, "--pprof-addr", p.pprof)
	}
	p.cmd = exec.Command(bin, args...)
	p.cmd.Stdout, p.cmd.Stderr = logf, logf
	p.started = time.Now()
	if err := p.cmd.Start(); err != nil {
		logf.Close()
		return nil, err
	}
	exited := make(chan error, 1)
	go func() { exited <- p.cmd.Wait() }()
	client := &http.Client{Timeout: time.Second}
	deadline := time.Now().Add(5 * time.Minute)
	for {
		resp, err := client.Get("http://" + h + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				p.ready = time.Since(p.started)
				break
			}
		}
		select {
		case err := <-exited:
			logf.Close()
			return nil, fmt.Errorf("concord serve exited before it was ready (%v); see %s", err, logPath)
		case <-ctx.Done():
			p.cmd.Process.Kill()
			<-exited
			logf.Close()
			return nil, ctx.Err()
		case <-time.After(2 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			p.cmd.Process.Kill()
			<-exited
			logf.Close()
			return nil, fmt.Errorf("concord serve not ready after 5 minutes; see %s", logPath)
		}
	}
	p.exited = exited
	p.conn, err = grpc.NewClient(g, grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithDefaultCallOptions(grpc.MaxCallRecvMsgSize(64<<20)))
	if err != nil {
		p.stop()
		return nil, err
	}
	return p, nil
}

// stop ends the server gracefully (SIGTERM) and waits for it.
func (p *serverProc) stop() error {
	if p.conn != nil {
		p.conn.Close()
	}
	p.cmd.Process.Signal(syscall.SIGTERM) //nolint:errcheck // it may have exited
	var err error
	select {
	case err = <-p.exited:
	case <-time.After(time.Minute):
		p.cmd.Process.Kill() //nolint:errcheck
		err = <-p.exited
	}
	p.log.Close()
	return err
}

// peakRSS is the process's peak resident set (VmHWM), in bytes.
func (p *serverProc) peakRSS() (int64, error) {
	return procStatus(p.cmd.Process.Pid, "VmHWM")
}

// procStatus reads a "kB" field of /proc/PID/status, in bytes.
func procStatus(pid int, field string) (int64, error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if ok && k == field {
			n, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return n << 10, err
		}
	}
	return 0, fmt.Errorf("/proc/%d/status: no %s", pid, field)
}

// freeAddr returns a loopback address with a port free right now.
func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}

// profile writes a CPU profile of the next d of the server to path, in
// the background; wait for the returned channel to have it.
func (p *serverProc) profile(path string, d time.Duration) <-chan error {
	done := make(chan error, 1)
	if p.pprof == "" || path == "" {
		done <- nil
		return done
	}
	go func() {
		resp, err := http.Get(fmt.Sprintf("http://%s/debug/pprof/profile?seconds=%d", p.pprof, int(d.Seconds())))
		if err != nil {
			done <- err
			return
		}
		defer resp.Body.Close()
		f, err := os.Create(path)
		if err != nil {
			done <- err
			return
		}
		_, err = io.Copy(f, resp.Body)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		done <- err
	}()
	return done
}
